import { Injectable } from '@nestjs/common';
import { InvalidJobInput, type JobContext, type JobHandler, type JobResult } from '@app/jobs';
import { DuplicatesRecompute } from './duplicates-recompute.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `duplicates-recompute` job: a full recompute, or with organisationIds the small one an
 * organisation write (or a change of many) asks for.
 */
@Injectable()
export class DuplicatesRecomputeHandler implements JobHandler<'duplicates-recompute'> {
  readonly jobName = 'duplicates-recompute' as const;

  constructor(private readonly recompute: DuplicatesRecompute) {}

  async run(ctx: JobContext<'duplicates-recompute'>): Promise<JobResult> {
    const ids = ctx.data.organisationIds;
    if (ids !== undefined) {
      if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !UUID.test(id)))
        throw new InvalidJobInput('organisationIds must be a list of organisation ids (uuids)');
      return ids.length ? this.recompute.organisations(ids, ctx.progress) : { scope: 'organisations', organisations: 0 };
    }
    return this.recompute.full(ctx.progress);
  }
}
