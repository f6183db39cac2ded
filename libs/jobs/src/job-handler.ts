import type { JobName, JobPayloads, JobResult } from './catalogue.js';

/** What a handler sees of its job: the payload, a progress reporter and its id (for output folders). */
export type JobContext<N extends JobName> = {
  id: string;
  data: JobPayloads[N];
  attempt: number;
  progress: (percent: number) => Promise<void>;
};

/** A library service that runs one kind of job. Bad input: throw InvalidJobInput (no retry). */
export interface JobHandler<N extends JobName> {
  readonly jobName: N;
  run(ctx: JobContext<N>): Promise<JobResult>;
}

/** Input that no retry can fix: the worker turns it into BullMQ's UnrecoverableError. */
export class InvalidJobInput extends Error {}

/** Reports progress at most every `step` percent so a million rows do not mean a million Redis calls. */
export function progressReporter(ctx: { progress: (p: number) => Promise<void> }, total: number, from = 0, to = 100, step = 1) {
  let lastBucket = -1;
  return async (done: number) => {
    const p = total <= 0 ? to : Math.min(to, from + ((to - from) * done) / total);
    const bucket = Math.floor(p / step);
    if (bucket > lastBucket) {
      lastBucket = bucket;
      await ctx.progress(Math.floor(p));
    }
  };
}
