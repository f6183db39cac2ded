import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@app/auth';
import { AuditService } from '@app/audit';
import { AppError, invalid, notFound } from '@app/common';
import { OrganisationDecision, type Decision } from './duplicates.entities.js';
import type { DecisionDto, DecisionResponse } from './dto/decision.dto.js';
import { lockDuplicates, Reclusterer } from './reclusterer.js';

/**
 * POST /api/organisations/:id/merge and /split: a person says two records are one organisation, or
 * two. The decision is stored (the latest on a pair counts, in every later recompute), the pair's
 * component is re-clustered at once and its flags refreshed, all in one audited transaction.
 * Both records keep their rows: a merge only joins them in one cluster.
 */
@Injectable()
export class DecisionsService {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly audit: AuditService, private readonly reclusterer: Reclusterer) {}

  merge(actor: Actor, id: string, dto: DecisionDto): Promise<DecisionResponse> {
    return this.decide(actor, id, dto, 'merge');
  }

  split(actor: Actor, id: string, dto: DecisionDto): Promise<DecisionResponse> {
    return this.decide(actor, id, dto, 'split');
  }

  private decide(actor: Actor, id: string, dto: DecisionDto, decision: Decision): Promise<DecisionResponse> {
    if (dto.otherId === id) throw invalid('otherId', `must be another organisation: a record is always one organisation with itself`);
    return this.ds.transaction(async (m) => {
      const names = await this.names(m, [id, dto.otherId]);
      await lockDuplicates(m);
      const [a, b] = id < dto.otherId ? [id, dto.otherId] : [dto.otherId, id];
      const row = await m.getRepository(OrganisationDecision).save({
        organisationAId: a,
        organisationBId: b,
        decision,
        note: dto.note ?? null,
        decidedById: actor.id,
        decidedBy: actor.email,
        decidedAt: new Date(),
      });
      const { clustering } = await this.reclusterer.around(m, [a, b]);
      const joined = clustering.clusterOf(a) === clustering.clusterOf(b);
      if (decision === 'merge' && !joined) await this.refuseMerge(m, clustering.clusterOf(a), clustering.clusterOf(b), names);
      const clusterId = clustering.clusterOf(id);
      const cluster = { id: clusterId, memberIds: clustering.clusters.find((c) => c.id === clusterId)?.memberIds ?? [id] };
      const response: DecisionResponse = {
        id: row.id,
        decision,
        organisationId: id,
        otherId: dto.otherId,
        note: row.note,
        decidedBy: row.decidedBy,
        decidedAt: row.decidedAt.toISOString(),
        cluster,
      };
      await this.audit.record(m, actor, decision, 'organisation', id, null, { ...response, names: [names.get(id), names.get(dto.otherId)] });
      return response;
    });
  }

  private async names(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await m.query(`SELECT id::text, name FROM organisations WHERE id = ANY($1::uuid[])`, [ids]);
    const found = new Map(rows.map((r) => [r.id, r.name]));
    for (const id of ids) if (!found.has(id)) throw notFound('Organisation', id);
    return found;
  }

  /** A merge that an earlier split forbids (through a chain of records): say which split, and how to undo it. */
  private async refuseMerge(m: EntityManager, clusterA: string, clusterB: string, names: Map<string, string>): Promise<never> {
    const splits: { a: string; b: string; an: string; bn: string; by: string }[] = await m.query(
      `WITH side AS (
         SELECT organisation_id AS id, cluster_id AS k FROM organisation_clusters WHERE cluster_id = ANY($1::uuid[])
         UNION SELECT unnest($1::uuid[]), unnest($1::uuid[])
       ), latest AS (
         SELECT DISTINCT ON (organisation_a_id, organisation_b_id) organisation_a_id AS a, organisation_b_id AS b, decision, decided_by
           FROM organisation_decisions ORDER BY organisation_a_id, organisation_b_id, decided_at DESC, id DESC
       )
       SELECT l.a::text, l.b::text, oa.name AS an, ob.name AS bn, l.decided_by AS by
         FROM latest l JOIN side sa ON sa.id = l.a JOIN side sb ON sb.id = l.b AND sb.k <> sa.k
         JOIN organisations oa ON oa.id = l.a JOIN organisations ob ON ob.id = l.b
        WHERE l.decision = 'split' LIMIT 3`,
      [[clusterA, clusterB]],
    );
    const which = splits.map((s) => `"${s.an}" (${s.a}) and "${s.bn}" (${s.b}), split by ${s.by}`).join('; ');
    throw new AppError(
      'CONFLICT',
      `"${[...names.values()].join('" and "')}" cannot be one organisation while a person's split keeps their records apart${which ? `: ${which}` : ''}. If they are one organisation, merge that pair first.`,
    );
  }
}
