import type { SeedCounts } from '../seed.js';
import type { ApiServer } from './api-server.js';
import type { ChildEnv } from './child.js';

/** A seeded database at one size. */
export type SeededDb = {
  /** bench_10k, bench_1m, … */
  name: string;
  url: string;
  /** "1M awards / 200k orgs" */
  label: string;
  awards: number;
  organisations: number;
  counts: SeedCounts;
};

/** Met, missed, or not judged (not measured, no goal at this size). */
export type Verdict = { met: boolean | null; text: string };

/** One line of the results table. */
export type ResultRow = {
  benchmark: string;
  size: string;
  figure: string;
  baseline: string;
  ratio: string;
  goal: string;
  verdict: Verdict;
  /** What limits the figure, shown where the goal is missed. */
  limit?: string;
};

/** What a benchmark hands back: its table rows, how it scales, and notes for BENCHMARKS.md. */
export type BenchmarkReport = {
  id: string;
  title: string;
  rows: ResultRow[];
  /** One sentence: how the figure grows between the two sizes. */
  scaling: string | null;
  /** How the figure and its baseline were measured; for a missed goal, what limits it. */
  notes: string[];
};

export type BenchOptions = {
  quick: boolean;
  keep: boolean;
  reuse: boolean;
  only: string[] | null;
  write: boolean;
  /** Seconds of load per API route. */
  loadSeconds: number;
  connections: number;
};

export type BenchContext = {
  options: BenchOptions;
  /** The server's maintenance database URL (…/postgres); bench databases are made beside it. */
  baseUrl: string;
  /** Seeded databases, smaller first. */
  sizes: readonly [SeededDb, SeededDb];
  /** A private directory for this run (uploads, outputs); removed at the end. */
  workDir: string;
  /** The environment a child process (job runner, API) gets for a database. */
  envFor: (db: SeededDb | string, extra?: Record<string, string>) => ChildEnv;
  /** The real API, started once per database on a random loopback port; stopped at the end of the run. */
  api: (db: SeededDb) => Promise<ApiServer>;
  /**
   * Null when the larger size may run; in a --quick run, why not: its linear projection from the
   * smaller size's time is over the quick budget (a quick run stays under two minutes).
   */
  skipLarge: (smallMs: number) => string | null;
  log: (line: string) => void;
};

/**
 * One benchmark: one module calling the product's real code path (a job handler through the
 * worker's Nest application context, or the HTTP API). `unavailable` says why it cannot run yet
 * (the capability has not landed); the harness then reports it as not measured.
 */
export interface Benchmark {
  id: string;
  title: string;
  goal: string;
  /** Needs the seeded databases (false: the benchmark brings its own data). */
  seeded: boolean;
  /** Calls the API (ctx.api): the harness starts the API servers early, while the data is seeded. */
  usesApi?: boolean;
  unavailable(): Promise<string | null>;
  run(ctx: BenchContext): Promise<BenchmarkReport>;
}
