/**
 * API under load (issues 1 and 8): 100 concurrent clients (autocannon) against the real API on a
 * loopback port over each seeded database, each route for a bounded time; goal p95 < 50 ms.
 * A route that does not exist yet (404) is reported as not measured.
 */
import { availableParallelism } from 'node:os';
import { probeRoute, timeRequests, type ApiServer } from '../harness/api-server.js';
import { query } from '../harness/databases.js';
import { load, type LoadResult } from '../harness/load.js';
import { formatDuration, formatNumber, formatSignificant, median, scalingLine } from '../harness/stats.js';
import type { Benchmark, BenchmarkReport, ResultRow, SeededDb } from '../harness/types.js';
import { below, notMeasuredRow } from '../harness/verdict.js';

const GOAL_MS = 50;

/**
 * A route and its queries: request i of a connection asks `path(ids, i)`, so the load goes through
 * PAGES pages of each of several filters (directorates, years, search words) rather than one URL.
 */
type Route = { name: string; path: (ids: RouteIds, i: number) => string; auth: boolean };
type RouteIds = { directorateIds: string[] };
const PAGES = 10;
/** Requests per connection before the cycle repeats: every page of every filter below. */
const CYCLE = 60;
/** The directorates with most awards (the bench's filters), financial years, search words (seed THEMES). */
const DIRECTORATES = 3;
const YEARS = [2024, 2023];
const WORDS = ['Foodbank', 'Carers', 'Dementia', 'Youth', 'Scouts', 'Allotment'];

const page = (i: number) => 1 + (i % PAGES);
const directorate = (ids: RouteIds, i: number) => ids.directorateIds[Math.floor(i / PAGES) % ids.directorateIds.length];
const year = (i: number) => YEARS[Math.floor(i / (PAGES * DIRECTORATES)) % YEARS.length];
const word = (i: number) => WORDS[Math.floor(i / PAGES) % WORDS.length];

const ROUTES: Route[] = [
  { name: 'GET /api/awards', path: (_, i) => `/api/awards?page=${page(i)}&pageSize=50`, auth: true },
  {
    name: 'GET /api/awards filtered by directorate and year',
    path: (ids, i) => `/api/awards?directorateId=${directorate(ids, i)}&from=${year(i)}-04-01&to=${year(i) + 1}-03-31&page=${page(i)}&pageSize=50`,
    auth: true,
  },
  { name: 'GET /api/awards?q= (search)', path: (_, i) => `/api/awards?q=${word(i)}&page=${page(i)}&pageSize=50`, auth: true },
  { name: 'GET /api/public/grants', path: (_, i) => `/api/public/grants?page=${page(i)}&pageSize=50`, auth: false },
  {
    name: 'GET /api/public/grants filtered by directorate and year',
    path: (ids, i) => `/api/public/grants?directorate=${directorate(ids, i)}&year=${year(i)}&page=${page(i)}&pageSize=50`,
    auth: false,
  },
  { name: 'GET /api/public/grants?q= (search)', path: (_, i) => `/api/public/grants?q=${word(i)}&page=${page(i)}&pageSize=50`, auth: false },
];

export const api: Benchmark = {
  id: 'api',
  title: 'API list/filter and public API under load',
  goal: `p95 < ${GOAL_MS} ms with 100 concurrent clients`,
  seeded: true,
  usesApi: true,
  async unavailable() {
    return null;
  },
  async run(ctx): Promise<BenchmarkReport> {
    const { connections, loadSeconds } = ctx.options;
    const goal = `p95 < ${GOAL_MS} ms at ${connections} clients`;
    const rows: ResultRow[] = [];
    const notes = [
      `autocannon ${connections} connections for ${loadSeconds} s per route (requests still unanswered when the time is up are not in the percentiles; their queries are then cancelled), each connection going through pages 1-${PAGES} of 50 of each filter in turn (the ${DIRECTORATES} directorates with most awards × financial years ${YEARS.join(' and ')}; search words ${WORDS.join(', ')}) (after a warm-up of a quarter of that, at most 1 s, at 10 connections), against the real API (ApiModule configured as main.ts does, LOG_LEVEL=warn) in its own process on 127.0.0.1; the load generator, the API and PostgreSQL share the machine's CPUs. Percentiles from every response's latency. Admin token on /api/awards, none on /api/public. "one client" is the median of 3 sequential requests (after 2 warm-up requests), without queueing.`,
      `The public API keeps recent answers in memory (libs/public-data, keyed by a data version that changes with every committed change to public data), so after the first request of each page most answers under load come from that cache, as they would for real visitors; /api/awards has no such cache and runs its queries every time. The seeded databases are vacuumed after loading, as autovacuum would leave a live database (the bench server runs without autovacuum).`,
    ];
    const byRoute = new Map<string, { size: number; p95: number }[]>();
    for (const db of ctx.sizes) {
      const server = await ctx.api(db);
      const ids = await routeIds(db);
      for (const route of ROUTES) {
        const path = route.path(ids, 0);
        const paths = [...new Set(Array.from({ length: CYCLE }, (_, i) => route.path(ids, i)))];
        const probe = await probeRoute(server, path, route.auth);
        if (probe.state !== 'ok') {
          const why = probe.state === 'absent' ? 'the route does not exist yet (404)' : `answered ${probe.status}: ${probe.body}`;
          rows.push(notMeasuredRow(route.name, goal, why, db.label));
          continue;
        }
        const single = median(await timeRequests(server, path, 3, route.auth));
        const r = await underLoad(server, db, paths, route.auth, connections, loadSeconds);
        const cancelled = await settle(db);
        const verdict =
          r.requests === 0
            ? { met: false, text: `no: not one answer in ${loadSeconds} s` }
            : r.non2xx || r.errors
              ? { met: false, text: `no: ${r.non2xx} non-2xx answers, ${r.errors} errors under load (the API's log: ${server.logFile}, kept with --keep)` }
              : below(r.p95, GOAL_MS, formatDuration);
        if (cancelled) notes.push(`${route.name} at ${db.label}: ${cancelled} queries were still running when the load stopped and were cancelled before the next route.`);
        rows.push({
          benchmark: route.name,
          size: db.label,
          figure: `p50 ${formatDuration(r.p50)} / p95 ${formatDuration(r.p95)} / p99 ${formatDuration(r.p99)}; ${formatNumber(r.rps)} req/s (${formatNumber(r.requests)} answers); one client ${formatDuration(single)}`,
          baseline: '—',
          ratio: '—',
          goal,
          verdict,
          limit: littlesLaw(r, connections, single),
        });
        byRoute.set(route.name, [...(byRoute.get(route.name) ?? []), { size: db.awards, p95: r.p95 }]);
      }
    }
    const scaling = [...byRoute.entries()]
      .filter(([, m]) => m.length === 2)
      .map(([name, m]) => `${name}: p95 ${scalingLine({ size: m[0].size, cost: m[0].p95 }, { size: m[1].size, cost: m[1].p95 }, formatDuration, 'awards')}`);
    return { id: this.id, title: this.title, rows, scaling: scaling.length ? scaling.join('; ') : null, notes };
  },
};

/**
 * Requests the load generator gave up on keep the API's queries running after it stops; they are
 * cancelled (this bench database, the API's own connections only) so that each route starts on a
 * quiet server and the load stays bounded in time. Returns how many were cancelled.
 */
async function settle(db: SeededDb): Promise<number> {
  let cancelled = 0;
  for (let quiet = 0, i = 0; quiet < 2 && i < 120; i++) {
    const rows = await query<{ ok: boolean }>(
      db.url,
      `SELECT pg_cancel_backend(pid) AS ok FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND application_name = 'compact-funding-tracker'`,
    );
    cancelled += rows.length;
    quiet = rows.length ? 0 : quiet + 1;
    await new Promise((res) => setTimeout(res, 150));
  }
  return cancelled;
}

async function routeIds(db: SeededDb): Promise<RouteIds> {
  const rows = await query<{ id: string }>(db.url, `SELECT directorate_id AS id FROM awards GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${DIRECTORATES}`);
  return { directorateIds: rows.map((r) => r.id) };
}

async function underLoad(server: ApiServer, db: SeededDb, paths: string[], auth: boolean, connections: number, seconds: number): Promise<LoadResult> {
  const token = auth ? server.token : undefined;
  await load(server.origin, paths, { connections: Math.min(10, connections), seconds: Math.min(1, seconds / 4), token });
  await settle(db);
  return load(server.origin, paths, { connections, seconds, token });
}

/**
 * Why a p95 is what it is: with N clients always waiting, mean latency = N / throughput (Little's
 * law), so the p95 goal needs a throughput the server did not reach.
 */
export function littlesLaw(r: Pick<LoadResult, 'rps' | 'p95'>, connections: number, singleMs: number): string {
  const needed = formatNumber((connections * 1000) / GOAL_MS);
  const alone = `one request alone takes ${formatDuration(singleMs)}, and ${availableParallelism()} CPUs are shared by the API, PostgreSQL and the load generator`;
  if (!(r.rps > 0)) return `no request was answered while the load lasted: ${alone}`;
  return (
    `throughput: at ${formatNumber(r.rps)} req/s, ${connections} clients that each wait for their answer wait ${connections} ÷ ${formatNumber(r.rps)} = ${formatSignificant((connections * 1000) / r.rps)} ms on average (Little's law; ` +
    `the slowest requests were still unanswered when the load stopped), and a p95 under ${GOAL_MS} ms needs over ${needed} req/s; ${alone}`
  );
}
