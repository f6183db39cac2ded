import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Page, penceToPounds, toPage } from '@app/common';
import { escapeLike } from '@app/organisations';
import { Award } from './award.entity.js';
import { AwardQueryDto } from './dto/award.dto.js';
import { AwardSummary, toAwardSummary } from './dto/award.response.js';

/**
 * The awards whose stored worst finding is fail, warn or pass (compliance_results, kept by @app/compliance), by their
 * counts of fails and warns so that the index on (subject_type, fail_count, warn_count, subject_id) answers alone.
 */
const COMPLIANCE_FILTER: Record<'pass' | 'warn' | 'fail', string> = {
  fail: 'cr.fail_count > 0',
  warn: 'cr.fail_count = 0 AND cr.warn_count > 0',
  pass: 'cr.fail_count = 0 AND cr.warn_count = 0',
};

/** Sort keys as columns: each has an index (migration AwardListIndexes) read forwards or backwards. */
const SORTS: Record<string, string> = { awardDate: 'a.award_date', amount: 'a.amount_awarded_pence', title: 'a.title', updatedAt: 'a.updated_at' };

/** What a list row needs, one row per award of the page (its compliance status looked up for those rows only). */
const SUMMARY_COLUMNS = `a.id, a.external_id, a.kind, a.title, a.directorate_id, d.name AS directorate_name, d.funder_id, f.name AS funder_name,
  a.recipient_organisation_id, r.name AS recipient_name, a.programme, a.amount_awarded_pence::text AS amount_pence, a.currency,
  a.award_date::text AS award_date, a.planned_start_date::text AS planned_start_date, a.planned_end_date::text AS planned_end_date,
  a.status, (SELECT cr.status FROM compliance_results cr WHERE cr.subject_type = 'award' AND cr.subject_id = a.id) AS compliance_status,
  a.version, a.updated_at`;

type SummaryRow = {
  id: string; external_id: string | null; kind: Award['kind']; title: string; directorate_id: string; directorate_name: string | null;
  funder_id: string | null; funder_name: string | null; recipient_organisation_id: string; recipient_name: string | null; programme: string | null;
  amount_pence: string; currency: string; award_date: string | null; planned_start_date: string | null; planned_end_date: string | null;
  status: Award['status']; compliance_status: Award['complianceStatus']; version: number; updated_at: Date;
};

/** Appended count changes beyond this are folded together (see compactCounts). */
const COMPACT_ABOVE_ROWS = 5000;
/** ...or when the table takes more room than that many rows need (the pages a big fold left behind). */
const COMPACT_ABOVE_BYTES = 1024 * 1024;

/** Reads awards: filtered, sorted, paginated lists and per-organisation funding. */
@Injectable()
export class AwardsQuery {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * One page in one query, without joining before it pages: the page's ids in the asked order
   * (LIMIT/OFFSET on the sort's index) joined to their directorate, funder and recipient, with the
   * total (see count) alongside. A search has to collect all its matches to sort them, so it
   * counts them on the way (count(*) OVER ()) instead of searching twice.
   */
  async list(q: AwardQueryDto): Promise<Page<AwardSummary>> {
    const sort = q.sort ?? '-awardDate';
    const desc = sort.startsWith('-');
    const key = SORTS[sort.replace('-', '')];
    const order = `${key} ${desc ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}, a.id ASC`;
    let idsSql: string;
    let params: unknown[];
    let total: string;
    if (q.q) {
      // All matches through the search indexes (OFFSET 0 keeps the planner from walking the sort's
      // index and testing every award), counted on the way, then sorted.
      const [matches, values] = this.filtered(q).select('a.id', 'id').addSelect(key, 'k').getQueryAndParameters();
      idsSql = `SELECT m.id, count(*) OVER () AS total FROM (${matches} OFFSET 0) m
                 ORDER BY m.k ${desc ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}, m.id ASC
                 LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`;
      params = values;
      total = 'p.total';
    } else {
      [idsSql, params] = this.filtered(q)
        .select('a.id', 'id')
        .orderBy(key, desc ? 'DESC' : 'ASC', desc ? 'NULLS LAST' : 'NULLS FIRST')
        .addOrderBy('a.id', 'ASC')
        .offset((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .getQueryAndParameters();
      // The count rides along as a scalar subquery (computed once), its parameters numbered after the page's.
      const [countSql, countParams] = (await this.countQuery(q)).getQueryAndParameters();
      const offset = params.length;
      total = `(${countSql.replace(/\$(\d+)\b/g, (_, n: string) => `$${Number(n) + offset}`)})`;
      params = [...params, ...countParams];
    }
    const rows: (SummaryRow & { total: string })[] = await this.ds.query(
      `SELECT ${SUMMARY_COLUMNS}, ${total} AS total
         FROM (${idsSql}) p JOIN awards a ON a.id = p.id
         LEFT JOIN directorates d ON d.id = a.directorate_id LEFT JOIN funders f ON f.id = d.funder_id
         LEFT JOIN organisations r ON r.id = a.recipient_organisation_id
        ORDER BY ${order}`,
      params,
    );
    // A page past the end has no row to carry the count.
    const counted = rows.length ? Number(rows[0].total) : await this.count(q);
    return toPage(rows.map(toAward), counted, q, toAwardSummary);
  }

  /**
   * The number of awards matching the filters. Filters on directorate, funder, kind and status only:
   * a sum over the running counts (award_counts), exact in this snapshot whatever the number of
   * awards. Others (organisation, compliance, dates, search): a count through their indexes (compliance:
   * the index on compliance_results' fail and warn counts).
   */
  async count(q: Omit<AwardQueryDto, 'page' | 'pageSize' | 'sort'>): Promise<number> {
    const row: { n: string } | undefined = await (await this.countQuery(q)).getRawOne();
    return Number(row?.n ?? 0);
  }

  /** The query behind count: one row, n. */
  private async countQuery(q: Omit<AwardQueryDto, 'page' | 'pageSize' | 'sort'>): Promise<SelectQueryBuilder<ObjectLiteral>> {
    if (q.organisationId || q.compliance || q.from || q.to || q.q) return this.filtered(q).select('count(*)', 'n');
    await this.compactCounts();
    const qb = this.ds.createQueryBuilder().select('coalesce(sum(c.awards), 0)', 'n').from('award_counts', 'c');
    if (q.directorateId) qb.andWhere('c.directorate_id = :directorateId', { directorateId: q.directorateId });
    if (q.funderId) qb.andWhere('c.directorate_id IN (SELECT id FROM directorates WHERE funder_id = :funderId)', { funderId: q.funderId });
    if (q.kind) qb.andWhere('c.kind = :kind', { kind: q.kind });
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    return qb;
  }

  /** Awards matching the contract's filters (directorateId, organisationId, funderId, kind, status, compliance, from, to, q). */
  filtered(q: Omit<AwardQueryDto, 'page' | 'pageSize' | 'sort'>): SelectQueryBuilder<Award> {
    const qb = this.ds.getRepository(Award).createQueryBuilder('a');
    if (q.directorateId) qb.andWhere('a.directorate_id = :directorateId', { directorateId: q.directorateId });
    if (q.organisationId) qb.andWhere('a.recipient_organisation_id = :organisationId', { organisationId: q.organisationId });
    if (q.funderId) qb.andWhere('a.directorate_id IN (SELECT id FROM directorates WHERE funder_id = :funderId)', { funderId: q.funderId });
    if (q.kind) qb.andWhere('a.kind = :kind', { kind: q.kind });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.compliance) qb.andWhere(`a.id IN (SELECT cr.subject_id FROM compliance_results cr WHERE cr.subject_type = 'award' AND ${COMPLIANCE_FILTER[q.compliance]})`);
    if (q.from) qb.andWhere('a.award_date >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.award_date <= :to', { to: q.to });
    if (q.q) {
      // Title, programme or recipient name: one bitmap scan of the three indexes (trigram on title and
      // programme; the recipient index for the organisations the name's trigram index finds).
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('a.title ILIKE :like', { like: `%${escapeLike(q.q!)}%` })
            .orWhere('a.programme ILIKE :like')
            .orWhere('a.recipient_organisation_id = ANY(ARRAY(SELECT id FROM organisations WHERE name ILIKE :like))'),
        ),
      );
    }
    return qb;
  }

  private lastCompaction = 0;

  /**
   * Folds the appended count changes into one row per group, at most once a minute per process and
   * only when there are many. One statement, so readers see the old rows or the new, never both; a
   * concurrent compaction skips the rows this one deleted, so nothing is counted twice.
   */
  private async compactCounts(now = Date.now(), aboveRows = COMPACT_ABOVE_ROWS): Promise<void> {
    if (now - this.lastCompaction < 60_000) return;
    this.lastCompaction = now;
    const [{ rows, dead, bytes }]: { rows: number; dead: number; bytes: string }[] = await this.ds.query(
      `SELECT count(*)::int AS rows, pg_relation_size('award_counts') AS bytes,
              (SELECT coalesce(n_dead_tup, 0)::int FROM pg_stat_user_tables WHERE relid = 'award_counts'::regclass) AS dead
         FROM award_counts`,
    );
    // Every total reads the whole table, dead rows and empty pages too, whether or not autovacuum
    // runs: fold the appended rows, vacuum away the dead ones (a plain VACUUM takes no lock that
    // writers wait on), and rewrite a table that a big pile of changes left large (VACUUM FULL, only
    // if its lock comes at once, so that neither writers nor readers queue behind it; else next time).
    const large = Number(bytes) > COMPACT_ABOVE_BYTES;
    if (rows >= aboveRows || large)
      await this.ds.query(
        `WITH gone AS (DELETE FROM award_counts RETURNING directorate_id, kind, status, awards)
         INSERT INTO award_counts (directorate_id, kind, status, awards)
         SELECT directorate_id, kind, status, sum(awards) FROM gone
          GROUP BY 1, 2, 3 HAVING sum(awards) <> 0`,
      );
    if (rows >= aboveRows || large || dead >= aboveRows) await this.ds.query(`VACUUM award_counts`);
    if (!large) return;
    const runner = this.ds.createQueryRunner();
    try {
      await runner.query(`SET lock_timeout = '50ms'`);
      await runner.query(`VACUUM FULL award_counts`).catch(() => undefined);
      await runner.query(`RESET lock_timeout`);
    } finally {
      await runner.release();
    }
  }





  /** An organisation's funding per directorate: how much, how many awards, over what period. */
  async fundingByDirectorate(organisationId: string) {
    const rows: { directorate_id: string; directorate: string; funder: string; awards: number; total: string; first: string | null; last: string | null }[] =
      await this.ds.query(
        `SELECT d.id AS directorate_id, d.name AS directorate, f.name AS funder, count(*)::int AS awards,
                sum(a.amount_awarded_pence)::text AS total, min(a.planned_start_date)::text AS first, max(a.planned_end_date)::text AS last
           FROM awards a JOIN directorates d ON d.id = a.directorate_id JOIN funders f ON f.id = d.funder_id
          WHERE a.recipient_organisation_id = $1
          GROUP BY d.id, d.name, f.name ORDER BY sum(a.amount_awarded_pence) DESC`,
        [organisationId],
      );
    return rows.map((r) => ({
      directorateId: r.directorate_id,
      directorate: r.directorate,
      funder: r.funder,
      awards: r.awards,
      totalAmount: penceToPounds(r.total),
      from: r.first,
      to: r.last,
    }));
  }
}

/** A list row as the Award toAwardSummary reads (only the fields it reads are set). */
function toAward(r: SummaryRow): Award {
  return {
    id: r.id,
    externalId: r.external_id,
    kind: r.kind,
    title: r.title,
    directorateId: r.directorate_id,
    directorate: r.directorate_name === null ? undefined : { name: r.directorate_name, funderId: r.funder_id, funder: r.funder_name === null ? undefined : { name: r.funder_name } },
    recipientOrganisationId: r.recipient_organisation_id,
    recipient: r.recipient_name === null ? undefined : { name: r.recipient_name },
    programme: r.programme,
    amountAwardedPence: BigInt(r.amount_pence),
    currency: r.currency,
    awardDate: r.award_date,
    plannedStartDate: r.planned_start_date,
    plannedEndDate: r.planned_end_date,
    status: r.status,
    complianceStatus: r.compliance_status,
    version: r.version,
    updatedAt: r.updated_at,
  } as Award;
}
