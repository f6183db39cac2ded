import pg from 'pg';
import { migrate } from '@app/db';

/** Every database the bench creates is named bench_…; it never touches any other. */
export const BENCH_DB_PREFIX = 'bench_';

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function onServer<T>(baseUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres'), application_name: 'bench' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function assertBenchName(name: string): void {
  if (!name.startsWith(BENCH_DB_PREFIX) || !/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to touch database ${name}: bench databases are named ${BENCH_DB_PREFIX}<size>`);
}

export async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  assertBenchName(name);
  await onServer(baseUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A new, empty database migrated with the product's own migrate() (dropped first if a past run left it). */
export async function freshDatabase(baseUrl: string, name: string): Promise<string> {
  await dropDatabase(baseUrl, name);
  const url = withDatabase(baseUrl, name);
  await migrate(url);
  return url;
}

export async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url, application_name: 'bench' });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Server facts for BENCHMARKS.md. */
export async function serverInfo(baseUrl: string): Promise<{ version: string; settings: Record<string, string> }> {
  return onServer(baseUrl, async (c) => {
    const version = (await c.query('SHOW server_version')).rows[0].server_version as string;
    const names = ['shared_buffers', 'work_mem', 'max_connections', 'synchronous_commit'];
    const { rows } = await c.query('SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)', [names]);
    const settings = Object.fromEntries(rows.map((r) => [r.name, `${r.setting}${r.unit ? ` ${r.unit}` : ''}`]));
    return { version, settings };
  });
}
