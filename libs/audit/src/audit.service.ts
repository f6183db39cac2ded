import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { Page, skipTake, toPage } from '@app/common';
import { AuditEntry } from './audit-entry.entity.js';

export type AuditActor = { id: string | null; email: string } | null;
export type AuditQuery = { entity?: string; entityId?: string; actorId?: string; page: number; pageSize: number };

/** Records each write inside the caller's transaction, so a write and its trail land together. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async record(m: EntityManager, actor: AuditActor, action: string, entity: string, entityId: string, before: unknown, after: unknown) {
    await m.getRepository(AuditEntry).save({
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? 'system',
      action,
      entity,
      entityId,
      before: jsonSafe(before),
      after: jsonSafe(after),
    });
  }

  async list(q: AuditQuery): Promise<Page<AuditItem>> {
    const where: FindOptionsWhere<AuditEntry> = {};
    if (q.entity) where.entity = q.entity;
    if (q.entityId) where.entityId = q.entityId;
    if (q.actorId) where.actorId = q.actorId;
    const [rows, total] = await this.ds.getRepository(AuditEntry).findAndCount({ where, order: { id: 'DESC' }, ...skipTake(q) });
    return toPage(rows, total, q, (r) => ({
      at: r.at.toISOString(),
      actor: r.actorEmail,
      actorId: r.actorId,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
    }));
  }
}

export type AuditItem = { at: string; actor: string; actorId: string | null; action: string; entity: string; entityId: string; before: unknown; after: unknown };

/** bigint and Date values become strings so the trail is plain JSON. */
function jsonSafe(value: unknown): Record<string, unknown> | null {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}
