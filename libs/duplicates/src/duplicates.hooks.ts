import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AwardWriteHook } from '@app/awards';
import { JobsService } from '@app/jobs';
import type { OrganisationWriteHook } from '@app/organisations';
import { FlagRefresher } from './flag.refresher.js';

const AWARD_SLICE = 2000;

/**
 * Award writes: the flags of the award's organisation are recomputed synchronously, inside the
 * write's own transaction, so they land with the award or not at all and nobody reads a stale
 * flag after the write returns. Cheap: an award write does not change who is one organisation,
 * so only the clusters of its recipient (now and before) are recomputed, with indexed SQL.
 */
@Injectable()
export class AwardFlagsHook implements AwardWriteHook {
  constructor(private readonly flags: FlagRefresher) {}

  async afterAwardWrite(m: EntityManager, awardIds: string[], event: 'created' | 'updated' | 'deleted'): Promise<void> {
    for (let i = 0; i < awardIds.length; i += AWARD_SLICE) await this.flags.refreshForAwards(m, awardIds.slice(i, i + AWARD_SLICE), event);
  }
}

/**
 * Organisation writes may change who is one organisation (a name, an identifier, a postcode),
 * which needs the matcher and the whole register's word frequencies: too slow for a request at
 * 200,000 organisations, so it is queued. OrganisationHooks calls this after the write commits,
 * so the job always reads the new record.
 */
@Injectable()
export class OrganisationMatchHook implements OrganisationWriteHook {
  constructor(private readonly jobs: JobsService) {}

  async afterOrganisationCommit(organisationIds: string[]): Promise<void> {
    await this.jobs.enqueue('duplicates-recompute', { requestedBy: null, organisationIds });
  }
}
