import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@app/auth';
import { AppError, notFound, poundsToPence, todayUtc } from '@app/common';
import { AuditService } from '@app/audit';
import { Directorate } from '@app/funders';
import { Organisation } from '@app/organisations';
import { Award, AwardOutcome, AwardPayment } from './award.entity.js';
import { CreateAwardDto, UpdateAwardDto } from './dto/award.dto.js';
import { AwardResponse, toAwardResponse } from './dto/award.response.js';
import { applyAwardInput, awardInvariantErrors, toOutcomeRows, toPaymentRows } from './award.mapper.js';
import { assertMayWriteDirectorate } from './award-access.js';
import { AwardHooks } from './award-hooks.js';

/** Writes awards: each write, its schedules, its audit entry and its hooks in one transaction. */
@Injectable()
export class AwardsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly hooks: AwardHooks,
  ) {}

  create(actor: Actor, dto: CreateAwardDto): Promise<AwardResponse> {
    assertMayWriteDirectorate(actor, dto.directorateId);
    return this.ds.transaction(async (m) => {
      await this.assertReferences(m, dto.directorateId, dto.recipientOrganisationId);
      const a = m.getRepository(Award).create({ status: 'draft', currency: 'GBP', version: 1, publishedAt: null, externalId: null });
      applyAwardInput(a, dto);
      const payments = toPaymentRows(dto.payments ?? []);
      this.assertInvariants(a, payments as { amountPence: bigint }[]);
      const saved = await m.getRepository(Award).save(a);
      await this.replaceSchedules(m, saved.id, dto);
      await this.hooks.run(m, [saved.id], 'created');
      const response = await this.load(m, saved.id);
      await this.audit.record(m, actor, 'create', 'award', saved.id, null, response);
      return response;
    });
  }

  update(actor: Actor, id: string, dto: UpdateAwardDto): Promise<AwardResponse> {
    return this.ds.transaction(async (m) => {
      const a = await this.lock(m, id);
      assertMayWriteDirectorate(actor, a.directorateId);
      if (dto.directorateId) assertMayWriteDirectorate(actor, dto.directorateId);
      if (a.version !== dto.version)
        throw new AppError('VERSION_CONFLICT', `version: this award was changed by someone else (it is now at version ${a.version}, you sent ${dto.version}); reload it and apply your change again`, [
          { field: 'version', reason: `stale: current version is ${a.version}` },
        ]);
      const before = await this.load(m, id);
      await this.assertReferences(m, dto.directorateId, dto.recipientOrganisationId);
      const wasPublished = a.status === 'published';
      applyAwardInput(a, dto);
      // Back to draft or awarded takes it off the public record; ended keeps what was published.
      if (wasPublished && (dto.status === 'draft' || dto.status === 'awarded')) a.publishedAt = null;
      const payments = dto.payments
        ? toPaymentRows(dto.payments)
        : before.payments.map((p) => ({ amountPence: poundsToPence(p.amount) }));
      this.assertInvariants(a, payments as { amountPence: bigint }[]);
      a.version += 1;
      await m.getRepository(Award).save(a);
      await this.replaceSchedules(m, id, dto);
      await this.hooks.run(m, [id], 'updated');
      const after = await this.load(m, id);
      await this.audit.record(m, actor, 'update', 'award', id, before, after);
      return after;
    });
  }

  remove(actor: Actor, id: string): Promise<void> {
    return this.ds.transaction(async (m) => {
      const a = await this.lock(m, id);
      assertMayWriteDirectorate(actor, a.directorateId);
      if (a.status === 'published')
        throw new AppError('CONFLICT', 'a published award stays on the public record and cannot be deleted: set its status to ended instead');
      const before = await this.load(m, id);
      await this.hooks.run(m, [id], 'deleted');
      await m.getRepository(Award).delete({ id });
      await this.audit.record(m, actor, 'delete', 'award', id, before, null);
    });
  }

  publish(actor: Actor, id: string): Promise<AwardResponse> {
    return this.ds.transaction(async (m) => {
      const a = await this.lock(m, id);
      assertMayWriteDirectorate(actor, a.directorateId);
      if (a.status === 'published') return this.load(m, id);
      const missing = [
        !a.awardDate && { field: 'awardDate', reason: 'is needed before publishing' },
        a.awardDate && a.awardDate > todayUtc() && { field: 'awardDate', reason: 'is in the future: publish once the award is made' },
        a.amountAwardedPence <= 0n && { field: 'amountAwarded', reason: 'must be more than zero to publish' },
        a.status === 'ended' && { field: 'status', reason: 'an ended award is not published afresh' },
      ].filter(Boolean) as { field: string; reason: string }[];
      if (missing.length) throw new AppError('VALIDATION', `the award cannot be published yet: ${missing.map((e) => `${e.field} ${e.reason}`).join('; ')}`, missing);
      const before = await this.load(m, id);
      a.status = 'published';
      a.publishedAt = new Date();
      a.version += 1;
      await m.getRepository(Award).save(a);
      await this.hooks.run(m, [id], 'updated');
      const after = await this.load(m, id);
      await this.audit.record(m, actor, 'publish', 'award', id, before, after);
      return after;
    });
  }

  async get(id: string): Promise<AwardResponse> {
    return this.load(this.ds.manager, id);
  }

  private async load(m: EntityManager, id: string): Promise<AwardResponse> {
    const a = await m.getRepository(Award).findOne({
      where: { id },
      relations: { directorate: { funder: true }, recipient: true, payments: true, outcomes: true },
    });
    if (!a) throw notFound('Award', id);
    return toAwardResponse(a);
  }

  private async lock(m: EntityManager, id: string): Promise<Award> {
    const a = await m.getRepository(Award).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!a) throw notFound('Award', id);
    return a;
  }

  private async replaceSchedules(m: EntityManager, awardId: string, dto: { payments?: unknown[]; outcomes?: unknown[] } & Partial<CreateAwardDto>) {
    if (dto.payments) {
      await m.getRepository(AwardPayment).delete({ awardId });
      const rows = toPaymentRows(dto.payments).map((p) => ({ ...p, awardId }));
      if (rows.length) await m.getRepository(AwardPayment).insert(rows);
    }
    if (dto.outcomes) {
      await m.getRepository(AwardOutcome).delete({ awardId });
      const rows = toOutcomeRows(dto.outcomes).map((o) => ({ ...o, awardId }));
      if (rows.length) await m.getRepository(AwardOutcome).insert(rows);
    }
  }

  private async assertReferences(m: EntityManager, directorateId?: string, organisationId?: string) {
    if (directorateId && !(await m.getRepository(Directorate).exists({ where: { id: directorateId } })))
      throw new AppError('VALIDATION', `directorateId: directorate ${directorateId} does not exist; list directorates to find its id`, [
        { field: 'directorateId', reason: 'unknown directorate' },
      ]);
    if (organisationId && !(await m.getRepository(Organisation).exists({ where: { id: organisationId } })))
      throw new AppError('VALIDATION', `recipientOrganisationId: organisation ${organisationId} does not exist; create the organisation first`, [
        { field: 'recipientOrganisationId', reason: 'unknown organisation' },
      ]);
  }

  private assertInvariants(a: Award, payments: { amountPence: bigint }[]) {
    const errors = awardInvariantErrors(a, payments);
    if (errors.length) throw new AppError('VALIDATION', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors);
  }
}
