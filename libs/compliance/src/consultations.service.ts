import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@app/auth';
import { AuditService } from '@app/audit';
import { AppError, notFound, Page, skipTake, toPage } from '@app/common';
import { Directorate } from '@app/funders';
import { Consultation } from './compliance.entities.js';
import { ComplianceRecorder } from './compliance.recorder.js';
import { ConsultationQueryDto, CreateConsultationDto } from './dto/compliance.dto.js';

export const toConsultationResponse = (c: Consultation) => ({
  id: c.id,
  directorateId: c.directorateId,
  directorateName: c.directorate?.name ?? null,
  title: c.title,
  startDate: c.startDate,
  endDate: c.endDate,
  rationale: c.rationale,
  complianceStatus: c.complianceStatus,
  version: c.version,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});
export type ConsultationResponse = ReturnType<typeof toConsultationResponse>;

/** Consultations affecting the sector: written by the directorate's commissioners (or an admin), checked against CON-1. */
@Injectable()
export class ConsultationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly recorder: ComplianceRecorder,
  ) {}

  create(actor: Actor, dto: CreateConsultationDto): Promise<ConsultationResponse> {
    assertMayConsult(actor, dto.directorateId);
    return this.ds.transaction(async (m) => {
      if (!(await m.getRepository(Directorate).exists({ where: { id: dto.directorateId } })))
        throw new AppError('VALIDATION', `directorateId: directorate ${dto.directorateId} does not exist; list directorates to find its id`, [
          { field: 'directorateId', reason: 'unknown directorate' },
        ]);
      const saved = await m.getRepository(Consultation).save(
        m.getRepository(Consultation).create({
          directorateId: dto.directorateId,
          title: dto.title,
          startDate: dto.startDate,
          endDate: dto.endDate,
          rationale: dto.rationale ?? null,
          complianceStatus: null,
          version: 1,
        }),
      );
      await this.recorder.checkConsultations(m, [saved.id]);
      const response = await this.load(m, saved.id);
      await this.audit.record(m, actor, 'create', 'consultation', saved.id, null, response);
      return response;
    });
  }

  async list(q: ConsultationQueryDto): Promise<Page<ConsultationResponse>> {
    const [rows, total] = await this.ds.getRepository(Consultation).findAndCount({
      where: q.directorateId ? { directorateId: q.directorateId } : {},
      relations: { directorate: true },
      order: { startDate: 'DESC', id: 'ASC' },
      ...skipTake(q),
    });
    return toPage(rows, total, q, toConsultationResponse);
  }

  get(id: string): Promise<ConsultationResponse> {
    return this.load(this.ds.manager, id);
  }

  private async load(m: EntityManager, id: string): Promise<ConsultationResponse> {
    const c = await m.getRepository(Consultation).findOne({ where: { id }, relations: { directorate: true } });
    if (!c) throw notFound('Consultation', id);
    return toConsultationResponse(c);
  }
}

function assertMayConsult(actor: Actor, directorateId: string): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'commissioner' && actor.directorateIds.includes(directorateId)) return;
  if (actor.role === 'commissioner')
    throw new AppError('FORBIDDEN', `directorate ${directorateId} is not one of yours: record consultations for your own directorates, or ask an admin to add it to your account`);
  throw new AppError('FORBIDDEN', `the ${actor.role} role reads consultations but may not record them`);
}
