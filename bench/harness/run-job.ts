import { randomBytes } from 'node:crypto';
import { JOB_QUEUE, type JobName, type JobPayloads } from '@app/jobs';
import type { AwardUpdateTiming, JobsResult, JobTiming } from '../steps.js';
import { runInChild } from './child.js';
import { boundBy } from './stats.js';
import type { BenchContext, SeededDb } from './types.js';

export type JobOutcome = { runs: JobTiming[]; awardUpdates: AwardUpdateTiming[]; bootMs: number; bootRssBytes: number; peakRssBytes: number };

/** Null when the worker runs this job; otherwise why the benchmark cannot run yet. */
export function jobUnavailable(name: JobName, owner: string): string | null {
  return JOB_QUEUE[name] ? null : `job \`${name}\` is not in the job catalogue yet (JOB_QUEUE in libs/jobs/src/catalogue.ts; ${owner})`;
}

/**
 * Runs the jobs, in order, in one child process through the real worker module; returns each one's
 * time and the child's peak RSS. With `awardUpdates`, the same process then updates those awards
 * through AwardsService (see updateAwards in steps.ts).
 */
export async function runJobs<N extends JobName>(
  ctx: BenchContext,
  db: SeededDb | string,
  jobs: { name: N; data: JobPayloads[N] }[],
  timeoutMs: number,
  awardUpdates?: { awardIds: string[]; warmUp: number },
): Promise<JobOutcome> {
  // A queue prefix of this child's own: a follow-up job an earlier child's job queued (an import's
  // organisation match) would otherwise be fetched as this child's worker starts, before its
  // processors are paused, and run beside the measured job.
  const env = ctx.envFor(db);
  env.QUEUE_PREFIX = `${env.QUEUE_PREFIX}-${randomBytes(3).toString('hex')}`;
  const { result, peakRssBytes } = await runInChild<JobsResult>('jobs', { jobs, awardUpdates }, env, timeoutMs);
  return { runs: result.runs, awardUpdates: result.awardUpdates, bootMs: result.bootMs, bootRssBytes: result.bootRssBytes, peakRssBytes };
}

/** A generous bound per job: long enough for a slow implementation, short enough that a hung one ends the run. */
export const jobTimeoutMs = (ctx: BenchContext) => (ctx.options.quick ? 10 * 60_000 : 60 * 60_000);

/** A job result, shortened for the notes. */
export function describeResult(result: unknown): string {
  const text = JSON.stringify(result, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'undefined';
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Where a job's time went (see boundBy). */
export const diagnose = (run: Pick<JobTiming, 'ms' | 'cpuMs' | 'runqueueMs'>) => boundBy(run.ms, run.cpuMs, run.runqueueMs);

/** Several runs as one (the sums of their times). */
export const sumRuns = (runs: Pick<JobTiming, 'ms' | 'cpuMs' | 'runqueueMs'>[]) =>
  runs.reduce((a, r) => ({ ms: a.ms + r.ms, cpuMs: a.cpuMs + r.cpuMs, runqueueMs: a.runqueueMs + r.runqueueMs }), { ms: 0, cpuMs: 0, runqueueMs: 0 });
