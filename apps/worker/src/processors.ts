import { Inject } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobRegistry, QueueName } from '@app/jobs';

/** Exports and imports people asked for. Several workers may run; each takes two at a time. */
@Processor(QueueName.Jobs, { concurrency: 2 })
export class JobsProcessor extends WorkerHost {
  constructor(@Inject(JobRegistry) private readonly registry: JobRegistry) {
    super();
  }
  process(job: Job) {
    return this.registry.run(job);
  }
}

/** Recomputations (compliance re-checks, duplicate flags), one at a time per worker. */
@Processor(QueueName.Maintenance, { concurrency: 1 })
export class MaintenanceProcessor extends WorkerHost {
  constructor(@Inject(JobRegistry) private readonly registry: JobRegistry) {
    super();
  }
  process(job: Job) {
    return this.registry.run(job);
  }
}
