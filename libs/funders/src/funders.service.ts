import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError, Page, notFound, skipTake, toPage } from '@app/common';
import { AuditActor, AuditService } from '@app/audit';
import { Directorate, Funder } from './funder.entity.js';
import {
  CreateDirectorateDto, CreateFunderDto, DirectorateResponse, FunderResponse, UpdateDirectorateDto, UpdateFunderDto,
  toDirectorateResponse, toFunderResponse,
} from './dto/funder.dto.js';

@Injectable()
export class FundersService {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly audit: AuditService) {}

  create(actor: AuditActor, dto: CreateFunderDto): Promise<FunderResponse> {
    return this.ds.transaction(async (m) => {
      await this.assertOrgIdFree(m, dto.orgId);
      const f = await m.getRepository(Funder).save(m.getRepository(Funder).create(dto));
      await this.audit.record(m, actor, 'create', 'funder', f.id, null, toFunderResponse(f));
      return toFunderResponse(f);
    });
  }

  async list(q: { page: number; pageSize: number }): Promise<Page<FunderResponse>> {
    const [rows, total] = await this.ds.getRepository(Funder).findAndCount({ order: { name: 'ASC' }, ...skipTake(q) });
    return toPage(rows, total, q, toFunderResponse);
  }

  async get(id: string): Promise<FunderResponse> {
    return toFunderResponse(await this.find(this.ds.manager, id));
  }

  update(actor: AuditActor, id: string, dto: UpdateFunderDto): Promise<FunderResponse> {
    return this.ds.transaction(async (m) => {
      const f = await this.find(m, id);
      const before = toFunderResponse(f);
      if (dto.orgId && dto.orgId !== f.orgId) await this.assertOrgIdFree(m, dto.orgId);
      Object.assign(f, dto);
      await m.getRepository(Funder).save(f);
      await this.audit.record(m, actor, 'update', 'funder', id, before, toFunderResponse(f));
      return toFunderResponse(f);
    });
  }

  private async find(m: EntityManager, id: string): Promise<Funder> {
    const f = await m.getRepository(Funder).findOne({ where: { id } });
    if (!f) throw notFound('Funder', id);
    return f;
  }

  private async assertOrgIdFree(m: EntityManager, orgId: string) {
    if (await m.getRepository(Funder).exists({ where: { orgId } }))
      throw new AppError('CONFLICT', `orgId: a funder with org-id ${orgId} already exists; edit that funder instead`, [
        { field: 'orgId', reason: 'already exists' },
      ]);
  }
}

@Injectable()
export class DirectoratesService {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly audit: AuditService) {}

  create(actor: AuditActor, dto: CreateDirectorateDto): Promise<DirectorateResponse> {
    return this.ds.transaction(async (m) => {
      await this.assertFunder(m, dto.funderId);
      await this.assertCodeFree(m, dto.funderId, dto.code);
      const d = await m.getRepository(Directorate).save(m.getRepository(Directorate).create(dto));
      await this.audit.record(m, actor, 'create', 'directorate', d.id, null, toDirectorateResponse(d));
      return this.get(d.id, m);
    });
  }

  async list(q: { funderId?: string; page: number; pageSize: number }): Promise<Page<DirectorateResponse>> {
    const [rows, total] = await this.ds.getRepository(Directorate).findAndCount({
      where: q.funderId ? { funderId: q.funderId } : {},
      relations: { funder: true },
      order: { name: 'ASC' },
      ...skipTake(q),
    });
    return toPage(rows, total, q, toDirectorateResponse);
  }

  async get(id: string, m: EntityManager = this.ds.manager): Promise<DirectorateResponse> {
    const d = await m.getRepository(Directorate).findOne({ where: { id }, relations: { funder: true } });
    if (!d) throw notFound('Directorate', id);
    return toDirectorateResponse(d);
  }

  update(actor: AuditActor, id: string, dto: UpdateDirectorateDto): Promise<DirectorateResponse> {
    return this.ds.transaction(async (m) => {
      const d = await m.getRepository(Directorate).findOne({ where: { id } });
      if (!d) throw notFound('Directorate', id);
      const before = toDirectorateResponse(d);
      if (dto.funderId && dto.funderId !== d.funderId) await this.assertFunder(m, dto.funderId);
      if ((dto.code && dto.code !== d.code) || (dto.funderId && dto.funderId !== d.funderId))
        await this.assertCodeFree(m, dto.funderId ?? d.funderId, dto.code ?? d.code);
      Object.assign(d, dto);
      await m.getRepository(Directorate).save(d);
      await this.audit.record(m, actor, 'update', 'directorate', id, before, toDirectorateResponse(d));
      return this.get(id, m);
    });
  }

  private async assertFunder(m: EntityManager, funderId: string) {
    if (!(await m.getRepository(Funder).exists({ where: { id: funderId } })))
      throw new AppError('VALIDATION', `funderId: funder ${funderId} does not exist; create the funder first`, [
        { field: 'funderId', reason: 'unknown funder' },
      ]);
  }

  private async assertCodeFree(m: EntityManager, funderId: string, code: string) {
    if (await m.getRepository(Directorate).exists({ where: { funderId, code } }))
      throw new AppError('CONFLICT', `code: this funder already has a directorate with code ${code}; choose another code`, [
        { field: 'code', reason: 'already exists for this funder' },
      ]);
  }
}
