import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@app/auth';
import { AuditService } from '@app/audit';
import { notFound } from '@app/common';
import { DuplicateFundingFlag } from './duplicates.entities.js';
import type { FlagResponse, ReviewFlagDto } from './dto/flag.dto.js';
import { FlagsQuery } from './flags.query.js';

/**
 * PATCH /api/flags/:id: an executive's review. The review records what the reviewer saw (the
 * flag's fingerprint), so a later recompute that changes the awards shows changedSinceReview
 * while keeping the status. Back to 'open' forgets that fingerprint.
 */
@Injectable()
export class FlagReviews {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly audit: AuditService, private readonly flags: FlagsQuery) {}

  review(actor: Actor, id: string, dto: ReviewFlagDto): Promise<FlagResponse> {
    return this.ds.transaction(async (m) => {
      const repo = m.getRepository(DuplicateFundingFlag);
      const flag = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!flag) throw notFound('Flag', id);
      const [before] = await this.flags.view(m, [flag]);
      flag.status = dto.status;
      if (dto.note !== undefined) flag.note = dto.note || null;
      flag.reviewedBy = actor.email;
      flag.reviewedById = actor.id;
      flag.reviewedAt = new Date();
      flag.reviewedFingerprint = dto.status === 'open' ? null : flag.fingerprint;
      const saved = await repo.save(flag);
      const [after] = await this.flags.view(m, [saved]);
      await this.audit.record(m, actor, 'review', 'duplicate_funding_flag', id, before, after);
      return after;
    });
  }
}
