import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { Page, normaliseIdentifiers, notFound, toPage } from '@app/common';
import { AuditActor, AuditService } from '@app/audit';
import { Organisation } from './organisation.entity.js';
import { OrganisationHooks } from './organisation-hooks.js';
import {
  CreateOrganisationDto, OrganisationQueryDto, OrganisationResponse, UpdateOrganisationDto, toOrganisationResponse,
} from './dto/organisation.dto.js';

@Injectable()
export class OrganisationsService {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly audit: AuditService, private readonly hooks: OrganisationHooks) {}

  async create(actor: AuditActor, dto: CreateOrganisationDto): Promise<OrganisationResponse> {
    const created = await this.ds.transaction(async (m) => {
      const repo = m.getRepository(Organisation);
      const o = await repo.save(repo.create({ ...dto, ...normaliseIdentifiers(dto), aliases: dto.aliases ?? [] }));
      await this.audit.record(m, actor, 'create', 'organisation', o.id, null, toOrganisationResponse(o));
      return toOrganisationResponse(o);
    });
    await this.hooks.afterCommit([created.id], 'created');
    return created;
  }

  async list(q: OrganisationQueryDto): Promise<Page<OrganisationResponse>> {
    const qb = this.ds.getRepository(Organisation).createQueryBuilder('o');
    if (q.type) qb.andWhere('o.type = :type', { type: q.type });
    if (q.q) {
      const ids = normaliseIdentifiers({ charityNumber: q.q, companyNumber: q.q, orgId: q.q });
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('o.name ILIKE :like', { like: `%${escapeLike(q.q!)}%` })
            .orWhere('array_to_string(o.aliases, \' \') ILIKE :like')
            .orWhere('o.charity_number = :cn', { cn: ids.charityNumber })
            .orWhere('o.company_number = :co', { co: ids.companyNumber })
            .orWhere('o.org_id = :oid', { oid: ids.orgId }),
        ),
      );
    }
    const [rows, total] = await qb.orderBy('o.name', 'ASC').addOrderBy('o.id').skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    return toPage(rows, total, q, toOrganisationResponse);
  }

  async get(id: string, m: EntityManager = this.ds.manager): Promise<OrganisationResponse> {
    return toOrganisationResponse(await this.find(m, id));
  }

  async update(actor: AuditActor, id: string, dto: UpdateOrganisationDto): Promise<OrganisationResponse> {
    const updated = await this.ds.transaction(async (m) => {
      const o = await this.find(m, id);
      const before = toOrganisationResponse(o);
      const ids = normaliseIdentifiers({
        charityNumber: dto.charityNumber !== undefined ? dto.charityNumber : o.charityNumber,
        companyNumber: dto.companyNumber !== undefined ? dto.companyNumber : o.companyNumber,
        orgId: dto.orgId !== undefined ? dto.orgId : o.orgId,
      });
      Object.assign(o, dto, ids);
      await m.getRepository(Organisation).save(o);
      await this.audit.record(m, actor, 'update', 'organisation', id, before, toOrganisationResponse(o));
      return toOrganisationResponse(o);
    });
    await this.hooks.afterCommit([id], 'updated');
    return updated;
  }

  async find(m: EntityManager, id: string): Promise<Organisation> {
    const o = await m.getRepository(Organisation).findOne({ where: { id } });
    if (!o) throw notFound('Organisation', id);
    return o;
  }
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
