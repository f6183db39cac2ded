import pg from 'pg';
import { randomBytes } from 'node:crypto';

/** Every reset helper refuses to run outside tests (novu's rule). */
export function assertTestEnv(): void {
  if (process.env.NODE_ENV !== 'test') throw new Error('test database helpers run only with NODE_ENV=test');
}

export const TEMPLATE_URL = () => process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/compact_test';

const withDbName = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: withDbName(url, 'postgres') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh database copied from the migrated template (immich's way): fast and isolated per test file. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  assertTestEnv();
  const template = TEMPLATE_URL();
  const templateName = new URL(template).pathname.slice(1);
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin(template, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`));
  return {
    url: withDbName(template, name),
    name,
    drop: () => admin(template, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Drops and re-creates an empty database (for the migration-from-empty test). */
export async function recreateEmptyDatabase(url: string): Promise<void> {
  assertTestEnv();
  const name = new URL(url).pathname.slice(1);
  await admin(url, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
}

/** A queue prefix of its own per test file, so files never see each other's jobs. */
export const testQueuePrefix = () => `test-${randomBytes(4).toString('hex')}`;
