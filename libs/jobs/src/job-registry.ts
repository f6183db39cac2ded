import { UnrecoverableError, type Job } from 'bullmq';
import { JOB_NAMES, type JobName, type JobResult } from './catalogue.js';
import { InvalidJobInput, type JobHandler } from './job-handler.js';

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

/** Maps job names to the library services that run them; checked complete at boot. */
export class JobRegistry {
  private readonly byName = new Map<JobName, JobHandler<JobName>>();

  constructor(handlers: JobHandler<JobName>[]) {
    for (const h of handlers) {
      if (this.byName.has(h.jobName)) throw new Error(`two handlers for job ${h.jobName}`);
      this.byName.set(h.jobName, h);
    }
    const missing = JOB_NAMES.filter((n) => !this.byName.has(n));
    if (missing.length) throw new Error(`the worker has no handler for job(s): ${missing.join(', ')}`);
  }

  async run(job: Job): Promise<JobResult> {
    const handler = this.byName.get(job.name as JobName);
    if (!handler) throw new UnrecoverableError(`unknown job ${job.name}`);
    try {
      return await handler.run({
        id: job.id!,
        data: job.data,
        attempt: job.attemptsMade + 1,
        progress: (p) => job.updateProgress(Math.max(0, Math.min(100, p))),
      });
    } catch (e) {
      if (e instanceof InvalidJobInput) throw new UnrecoverableError(e.message);
      throw e;
    }
  }
}
