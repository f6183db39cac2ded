import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound, penceToPounds, type Page } from '@app/common';
import { DuplicateFundingFlag } from './duplicates.entities.js';
import type { FlagQueryDto, FlagResponse } from './dto/flag.dto.js';
import type { MatchesQueryDto, MatchItem } from './dto/decision.dto.js';

const SEVERITY_ORDER = `CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END`;

export const toFlagResponse = (f: DuplicateFundingFlag, awards: FlagResponse['awards'], directorates: FlagResponse['directorates']): FlagResponse => ({
  id: f.id,
  organisation: f.organisation as FlagResponse['organisation'],
  directorates,
  awards,
  totalAmount: penceToPounds(f.totalAmountPence),
  overlapFrom: f.overlapFrom,
  overlapTo: f.overlapTo,
  evidence: f.evidence,
  severity: f.severity,
  status: f.status,
  note: f.note,
  reviewedBy: f.reviewedBy,
  reviewedAt: f.reviewedAt ? f.reviewedAt.toISOString() : null,
  changedSinceReview: f.reviewedFingerprint !== null && f.reviewedFingerprint !== f.fingerprint,
  active: f.active,
  updatedAt: f.updatedAt.toISOString(),
});

type AwardView = FlagResponse['awards'][number];
type DirectorateView = FlagResponse['directorates'][number];

/** Reads flags (active ones, most severe and largest first) and an organisation's candidate matches. */
@Injectable()
export class FlagsQuery {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(q: FlagQueryDto): Promise<Page<FlagResponse>> {
    const qb = this.ds.getRepository(DuplicateFundingFlag).createQueryBuilder('f').where('f.active');
    if (q.funderId) qb.andWhere('f.funder_ids @> ARRAY[:funderId]::uuid[]', { funderId: q.funderId });
    if (q.directorateId) qb.andWhere('f.directorate_ids @> ARRAY[:directorateId]::uuid[]', { directorateId: q.directorateId });
    if (q.organisationId) qb.andWhere('f.organisation_ids @> ARRAY[:organisationId]::uuid[]', { organisationId: q.organisationId });
    if (q.severity) qb.andWhere('f.severity = :severity', { severity: q.severity });
    if (q.status) qb.andWhere('f.status = :status', { status: q.status });
    qb.orderBy(SEVERITY_ORDER, 'ASC').addOrderBy('f.total_amount_pence', 'DESC').addOrderBy('f.id', 'ASC');
    const [rows, total] = await qb.skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    return { items: await this.view(this.ds.manager, rows), total, page: q.page, pageSize: q.pageSize };
  }

  async get(id: string): Promise<FlagResponse> {
    const f = await this.ds.getRepository(DuplicateFundingFlag).findOne({ where: { id } });
    if (!f) throw notFound('Flag', id);
    return (await this.view(this.ds.manager, [f]))[0];
  }

  /** The active flags of the real organisation a record belongs to (for GET /api/organisations/:id). */
  async forOrganisation(organisationId: string): Promise<FlagResponse[]> {
    const rows = await this.ds
      .getRepository(DuplicateFundingFlag)
      .createQueryBuilder('f')
      .where('f.active')
      .andWhere('f.organisation_ids @> ARRAY[:id]::uuid[]', { id: organisationId })
      .orderBy(SEVERITY_ORDER, 'ASC')
      .addOrderBy('f.id', 'ASC')
      .getMany();
    return this.view(this.ds.manager, rows);
  }

  /** Flags as the API shows them: awards and directorates are read live from their ids, so titles and names stay current. */
  async view(m: EntityManager, flags: DuplicateFundingFlag[]): Promise<FlagResponse[]> {
    const awardIds = [...new Set(flags.flatMap((f) => f.awardIds))];
    const directorateIds = [...new Set(flags.flatMap((f) => f.directorateIds))];
    const awards: (Omit<AwardView, 'amount'> & { pence: string })[] = awardIds.length
      ? await m.query(
          `SELECT id::text, title, kind, status, programme, recipient_organisation_id::text AS "organisationId", directorate_id::text AS "directorateId",
                  amount_awarded_pence::text AS pence, award_date::text AS "awardDate", planned_start_date::text AS "plannedStartDate", planned_end_date::text AS "plannedEndDate"
             FROM awards WHERE id = ANY($1::uuid[])`,
          [awardIds],
        )
      : [];
    const directorates: DirectorateView[] = directorateIds.length
      ? await m.query(
          `SELECT d.id::text, d.code, d.name, d.funder_id::text AS "funderId", f.name AS funder FROM directorates d JOIN funders f ON f.id = d.funder_id
            WHERE d.id = ANY($1::uuid[]) ORDER BY f.name, d.name, d.id`,
          [directorateIds],
        )
      : [];
    const awardById = new Map(awards.map(({ pence, ...a }) => [a.id, { ...a, amount: penceToPounds(pence) }]));
    const startOf = (a: AwardView) => a.plannedStartDate ?? a.awardDate ?? '';
    return flags.map((f) => {
      const wanted = new Set(f.directorateIds);
      const flagAwards = f.awardIds.map((id) => awardById.get(id)).filter((a): a is AwardView => !!a);
      flagAwards.sort((x, y) => (startOf(x) !== startOf(y) ? (startOf(x) < startOf(y) ? -1 : 1) : x.id < y.id ? -1 : 1));
      return toFlagResponse(f, flagAwards, directorates.filter((d) => wanted.has(d.id)));
    });
  }

  /** The record's cluster: the real organisation it belongs to. */
  async clusterOf(organisationId: string): Promise<{ id: string; memberIds: string[] }> {
    const rows: { k: string; id: string }[] = await this.ds.query(
      `SELECT c2.cluster_id::text AS k, c2.organisation_id::text AS id FROM organisation_clusters c1
         JOIN organisation_clusters c2 ON c2.cluster_id = c1.cluster_id WHERE c1.organisation_id = $1 ORDER BY c2.organisation_id`,
      [organisationId],
    );
    return rows.length ? { id: rows[0].k, memberIds: rows.map((r) => r.id) } : { id: organisationId, memberIds: [organisationId] };
  }

  /** GET /api/organisations/:id/matches: the matcher's candidates and people's decisions, decided pairs and surest first. */
  async matchesOf(organisationId: string, q: MatchesQueryDto): Promise<Page<MatchItem> & { organisationId: string; cluster: { id: string; memberIds: string[] } }> {
    const exists = await this.ds.query(`SELECT 1 FROM organisations WHERE id = $1`, [organisationId]);
    if (!exists.length) throw notFound('Organisation', organisationId);
    const rows: {
      id: string; name: string; charity_number: string | null; company_number: string | null; org_id: string | null; postcode: string | null;
      m_decision: string | null; confidence: number | null; method: string | null; evidence: string[] | null;
      p_decision: string | null; note: string | null; decided_by: string | null; decided_at: Date | null; same: boolean; n: number;
    }[] = await this.ds.query(
      `WITH mine AS (
         SELECT CASE WHEN organisation_a_id = $1 THEN organisation_b_id ELSE organisation_a_id END AS other, decision, confidence, method, evidence
           FROM organisation_matches WHERE organisation_a_id = $1 OR organisation_b_id = $1
       ), dec AS (
         SELECT DISTINCT ON (other) other, decision, note, decided_by, decided_at FROM (
           SELECT CASE WHEN organisation_a_id = $1 THEN organisation_b_id ELSE organisation_a_id END AS other, decision, note, decided_by, decided_at, id
             FROM organisation_decisions WHERE organisation_a_id = $1 OR organisation_b_id = $1) d
          ORDER BY other, decided_at DESC, id DESC
       ), me AS (SELECT coalesce((SELECT cluster_id FROM organisation_clusters WHERE organisation_id = $1), $1) AS k)
       SELECT o.id::text, o.name, o.charity_number, o.company_number, o.org_id, o.postcode,
              mine.decision AS m_decision, mine.confidence, mine.method, mine.evidence,
              dec.decision AS p_decision, dec.note, dec.decided_by, dec.decided_at,
              coalesce((SELECT cluster_id FROM organisation_clusters WHERE organisation_id = o.id), o.id) = (SELECT k FROM me) AS same,
              count(*) OVER ()::int AS n
         FROM mine FULL JOIN dec ON dec.other = mine.other JOIN organisations o ON o.id = coalesce(mine.other, dec.other)
        ORDER BY (dec.decision IS NOT NULL) DESC, mine.confidence DESC NULLS LAST, o.name, o.id
        LIMIT $2 OFFSET $3`,
      [organisationId, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const total = rows[0]?.n ?? (q.page > 1 ? await this.countMatches(organisationId) : 0);
    return {
      organisationId,
      cluster: await this.clusterOf(organisationId),
      items: rows.map((r) => ({
        organisation: { id: r.id, name: r.name, charityNumber: r.charity_number, companyNumber: r.company_number, orgId: r.org_id, postcode: r.postcode },
        matcher: r.m_decision ? { decision: r.m_decision, confidence: Number(r.confidence), method: r.method, evidence: r.evidence } : null,
        decision: r.p_decision ? { decision: r.p_decision, note: r.note, decidedBy: r.decided_by, decidedAt: r.decided_at!.toISOString() } : null,
        sameOrganisation: r.same,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  private async countMatches(organisationId: string): Promise<number> {
    const [{ n }] = await this.ds.query(
      `SELECT count(*)::int AS n FROM (
         SELECT CASE WHEN organisation_a_id = $1 THEN organisation_b_id ELSE organisation_a_id END FROM organisation_matches WHERE organisation_a_id = $1 OR organisation_b_id = $1
         UNION
         SELECT CASE WHEN organisation_a_id = $1 THEN organisation_b_id ELSE organisation_a_id END FROM organisation_decisions WHERE organisation_a_id = $1 OR organisation_b_id = $1) x`,
      [organisationId],
    );
    return n;
  }
}
