import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AwardWriteHook } from '@app/awards';
import { ComplianceRecorder } from './compliance.recorder.js';

/** Registered with AwardHooks: every award write re-checks the award in the write's own transaction. */
@Injectable()
export class AwardComplianceHook implements AwardWriteHook {
  constructor(private readonly recorder: ComplianceRecorder) {}

  async afterAwardWrite(m: EntityManager, awardIds: string[], event: 'created' | 'updated' | 'deleted'): Promise<void> {
    if (event === 'deleted') return this.recorder.forget(m, 'award', awardIds);
    // Large batches (imports) in slices, so no statement carries an unbounded array.
    for (let i = 0; i < awardIds.length; i += 2000) await this.recorder.checkAwards(m, awardIds.slice(i, i + 2000));
  }
}
