import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, SelectQueryBuilder } from 'typeorm';
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

const SORTS: Record<string, string> = { awardDate: 'a.awardDate', amount: 'a.amountAwardedPence', title: 'a.title', updatedAt: 'a.updatedAt' };

/** Reads awards: filtered, sorted, paginated lists and per-organisation funding. */
@Injectable()
export class AwardsQuery {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(q: AwardQueryDto): Promise<Page<AwardSummary>> {
    const qb = this.filtered(q)
      .leftJoinAndSelect('a.directorate', 'd')
      .leftJoinAndSelect('d.funder', 'f')
      .leftJoinAndSelect('a.recipient', 'r');
    const sort = q.sort ?? '-awardDate';
    const desc = sort.startsWith('-');
    qb.orderBy(SORTS[sort.replace('-', '')], desc ? 'DESC' : 'ASC', desc ? 'NULLS LAST' : 'NULLS FIRST').addOrderBy('a.id', 'ASC');
    const [rows, total] = await qb.skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    return toPage(rows, total, q, toAwardSummary);
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
      const like = `%${escapeLike(q.q)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('a.title ILIKE :like', { like })
            .orWhere('a.programme ILIKE :like')
            .orWhere('a.recipient_organisation_id IN (SELECT id FROM organisations WHERE name ILIKE :like)'),
        ),
      );
    }
    return qb;
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
