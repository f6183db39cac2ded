/**
 * `npm run bench`: seeds its own databases, runs every benchmark against its baseline in the same
 * run, prints a table, rewrites BENCHMARKS.md and cleans up. See BENCHMARKS.md "Running it".
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Redis } from 'ioredis';
import { migrate } from '@app/db';
import { redisOptions } from '@app/jobs';
import { BENCHMARKS } from './benchmarks/index.js';
import { startApi, type ApiServer } from './harness/api-server.js';
import { parseArgs } from './harness/args.js';
import { dropDatabase, freshDatabase, query, withDatabase } from './harness/databases.js';
import { describeMachine } from './harness/machine.js';
import { renderBenchmarksMd, resultsTextTable } from './harness/report.js';
import { databaseName, SIZES, sizeLabel } from './harness/sizes.js';
import { formatDuration } from './harness/stats.js';
import type { BenchContext, BenchmarkReport, SeededDb } from './harness/types.js';
import { notMeasuredRow } from './harness/verdict.js';
import { seed, type SeedCounts, type SeedSize } from './seed.js';

/** A --quick run skips a step's larger size when it would take longer than this (linear projection). */
const QUICK_LARGE_BUDGET_MS = 10_000;
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const NO_COUNTS: SeedCounts = { funders: 0, directorates: 0, organisations: 0, awards: 0, payments: 0, outcomes: 0 };

/** `migrated` hears of the database as soon as its schema exists (the API can boot meanwhile). */
async function seeded(baseUrl: string, size: SeedSize, reuse: boolean, migrated: (db: SeededDb) => void): Promise<SeededDb & { seedMs: number | null }> {
  const name = databaseName(size);
  const db = { name, url: withDatabase(baseUrl, name), label: sizeLabel(size), awards: size.awards, organisations: size.organisations };
  if (reuse) {
    const counts = await existingCounts(db.url);
    // Migrations added since it was seeded; a kept database the migrations no longer fit is seeded again.
    const upToDate = counts ? await migrate(db.url).then(() => true, (e: Error) => (log(`${name} cannot be reused (${e.message}): seeding again`), false)) : false;
    if (upToDate && counts?.awards === size.awards && counts.organisations === size.organisations) {
      log(`reusing ${name}`);
      migrated({ ...db, counts });
      return { ...db, counts, seedMs: null };
    }
  }
  const started = performance.now();
  log(`seeding ${name} (${db.label})`);
  await freshDatabase(baseUrl, name);
  migrated({ ...db, counts: NO_COUNTS });
  const counts = await seed(db.url, size, (step) => log(`  ${name}: ${step}`));
  return { ...db, counts, seedMs: performance.now() - started };
}

async function existingCounts(url: string): Promise<SeedCounts | null> {
  try {
    const [c] = await query<SeedCounts>(
      url,
      `SELECT (SELECT count(*) FROM funders)::int AS funders, (SELECT count(*) FROM directorates)::int AS directorates,
              (SELECT count(*) FROM organisations)::int AS organisations, (SELECT count(*) FROM awards)::int AS awards,
              (SELECT count(*) FROM award_payments)::int AS payments, (SELECT count(*) FROM award_outcomes)::int AS outcomes`,
    );
    return c;
  } catch {
    return null;
  }
}

/** Removes the keys of the bench's queue prefix, and of the prefixes its job children derive from it (runJobs). */
async function clearQueuePrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis({ ...redisOptions(redisUrl), lazyConnect: true });
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: `${prefix}*:*`, count: 1000 }) as AsyncIterable<string[]>) if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

function commandLine(argv: string[]): string {
  const direct = `node --expose-gc ${relative(process.cwd(), process.argv[1])}${argv.length ? ` ${argv.join(' ')}` : ''}`;
  return process.env.npm_lifecycle_event === 'bench' ? `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}` : direct;
}

export async function main(argv: string[]): Promise<void> {
  const options = parseArgs(argv);
  const unknown = (options.only ?? []).filter((id) => !BENCHMARKS.some((b) => b.id === id));
  if (unknown.length) throw new Error(`unknown benchmark id(s) ${unknown.join(', ')}: use ${BENCHMARKS.map((b) => b.id).join(', ')}`);
  const date = new Date();
  const started = performance.now();
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/compact';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const baseUrl = withDatabase(databaseUrl, 'postgres');
  const machine = await describeMachine(baseUrl);
  const selected = BENCHMARKS.filter((b) => !options.only || options.only.includes(b.id));
  const unavailable = new Map<string, string>();
  for (const b of selected) {
    const why = await b.unavailable();
    if (why) unavailable.set(b.id, why);
  }
  const sizes = options.quick ? SIZES.quick : SIZES.full;
  const needSeed = selected.some((b) => b.seeded && !unavailable.has(b.id));
  const workDir = mkdtempSync(join(tmpdir(), 'compact-bench-'));
  mkdirSync(join(workDir, 'out'));
  const queuePrefix = `bench-${randomBytes(4).toString('hex')}`;
  const token = `bench-${randomBytes(24).toString('hex')}`;
  const apis = new Map<string, Promise<ApiServer>>();
  log(`${options.quick ? 'quick' : 'full'} run: ${selected.map((b) => b.id).join(', ')}; work dir ${workDir}`);

  let dbs: (SeededDb & { seedMs: number | null })[] = sizes.map((s) => ({
    name: databaseName(s), url: withDatabase(baseUrl, databaseName(s)), label: sizeLabel(s), awards: s.awards, organisations: s.organisations, counts: NO_COUNTS, seedMs: null,
  }));
  const reports: BenchmarkReport[] = [];
  const envFor = (db: SeededDb | string, extra: Record<string, string> = {}) => ({
    DATABASE_URL: typeof db === 'string' ? db : db.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    OUTPUT_DIR: join(workDir, 'out'),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ...extra,
  });
  const api = (db: SeededDb) => {
    if (!apis.has(db.name)) {
      log(`starting the API over ${db.name}`);
      const server = startApi(envFor(db), token, join(workDir, `api-${db.name}.log`));
      server.catch(() => undefined); // reported by the benchmark that awaits it
      apis.set(db.name, server);
    }
    return apis.get(db.name)!;
  };
  // The API boots (several seconds) while its database is seeded, not while a job is measured.
  const apiEarly = selected.some((b) => b.usesApi && !unavailable.has(b.id));
  try {
    if (needSeed) {
      const migrated = (db: SeededDb) => void (apiEarly && api(db));
      dbs = [await seeded(baseUrl, sizes[0], options.reuse, migrated), await seeded(baseUrl, sizes[1], options.reuse, migrated)];
      await Promise.all([...apis.values()].map((p) => p.catch(() => undefined)));
    }
    const ctx: BenchContext = {
      options,
      baseUrl,
      sizes: [dbs[0], dbs[1]],
      workDir,
      envFor,
      skipLarge: (smallMs) => {
        const projected = smallMs * (sizes[1].awards / sizes[0].awards);
        return options.quick && projected > QUICK_LARGE_BUDGET_MS
          ? `not run in --quick: the smaller size took ${formatDuration(smallMs)}, so this one would take about ${formatDuration(projected)} (quick budget ${formatDuration(QUICK_LARGE_BUDGET_MS)} per step); the full run measures it`
          : null;
      },
      api,
      log,
    };
    for (const b of selected) {
      const why = unavailable.get(b.id);
      let report: BenchmarkReport;
      if (why) {
        log(`${b.title}: not measured (${why})`);
        report = { id: b.id, title: b.title, rows: [notMeasuredRow(b.title, b.goal, why)], scaling: null, notes: [`Not measured in this run: ${why}.`] };
      } else {
        log(`${b.title}: running`);
        const t0 = performance.now();
        try {
          report = await b.run(ctx);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          log(`${b.title}: FAILED: ${message}`);
          report = {
            id: b.id,
            title: b.title,
            rows: [{ ...notMeasuredRow(b.title, b.goal, ''), figure: 'error', verdict: { met: false, text: `error: ${message.split('\n')[0].slice(0, 160)}` } }],
            scaling: null,
            notes: [`The run failed: ${message.split('\n').slice(0, 6).join(' ').slice(0, 1200)}`],
          };
        }
        log(`${b.title}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
      reports.push(report);
      console.log(resultsTextTable([report]));
      // A partial run does not rewrite BENCHMARKS.md: its notes (what was compared, where time went) are printed here instead.
      if (!options.write) for (const note of report.notes) console.log(`- ${note}`);
    }
  } finally {
    for (const [name, server] of apis) {
      const s = await server.catch(() => null);
      if (s) {
        const { peakRssBytes } = await s.stop();
        log(`API over ${name} stopped (peak RSS ${(peakRssBytes / 1e6).toFixed(0)} MB)`);
      }
    }
    if (!options.keep) {
      for (const db of dbs) await dropDatabase(baseUrl, db.name).catch((e) => log(`could not drop ${db.name}: ${e.message}`));
      rmSync(workDir, { recursive: true, force: true });
    } else log(`kept databases ${dbs.map((d) => d.name).join(', ')} and ${workDir}`);
    await clearQueuePrefix(redisUrl, queuePrefix).catch((e) => log(`could not clear Redis keys ${queuePrefix}:*: ${e.message}`));
  }

  const durationMs = performance.now() - started;
  console.log(`\n${resultsTextTable(reports)}\n`);
  if (options.write) {
    const md = renderBenchmarksMd(reports, {
      date,
      command: commandLine(argv),
      quick: options.quick,
      durationMs,
      machine,
      databases: needSeed ? dbs : [],
      skipped: BENCHMARKS.filter((b) => !selected.includes(b)).map((b) => b.id),
    });
    writeFileSync('BENCHMARKS.md', md);
    log(`BENCHMARKS.md rewritten (${(durationMs / 60_000).toFixed(1)} min)`);
  } else log(`BENCHMARKS.md left as it was (partial run; add --write to rewrite it)`);
}
