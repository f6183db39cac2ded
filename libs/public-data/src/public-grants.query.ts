import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { publishableAwardColumns, toPublishableAward, type PublishableAward, type PublishableAwardRow } from '@app/open-data';
import { matchesSql, orderBy, PublicFilter, PublicSelection, publicWhere, searchFilter, SqlParams } from './public-filter.js';

/** Funders and directorates: the filters' choices and the names the page shows. A small table each. */
export type PublicCatalogue = {
  funders: { id: string; name: string; orgId: string }[];
  directorates: { id: string; funderId: string; code: string; name: string }[];
};

/** Published awards matching a filter, grouped by directorate and financial year. */
export type PublicSummary = {
  count: number;
  totalPence: bigint;
  groups: { directorateId: string; year: number | null; count: number; totalPence: bigint }[];
};


/**
 * The reads behind the public API and page, in plain SQL shaped for the indexes of the migration
 * PublicData: a page is LIMIT/OFFSET on an indexed order; totals come from the running totals table.
 */
@Injectable()
export class PublicGrantsQuery {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * A cheap fingerprint of everything the public output is made of: the newest change to awards and
   * organisations (index lookups on updated_at), and the small funders and directorates tables.
   */
  async version(): Promise<string> {
    const [row]: { a: string | null; o: string | null; d: string; f: string }[] = await this.ds.query(
      `SELECT ((SELECT max(updated_at) FROM awards) AT TIME ZONE 'UTC')::text AS a,
              (SELECT max(updated_at AT TIME ZONE 'UTC') FROM organisations)::text AS o,
              (SELECT coalesce(max(updated_at)::text, '') || '/' || count(*) FROM directorates) AS d,
              (SELECT coalesce(max(updated_at)::text, '') || '/' || count(*) FROM funders) AS f`,
    );
    return `${row.a ?? ''}|${row.o ?? ''}|${row.d}|${row.f}`;
  }

  async catalogue(): Promise<PublicCatalogue> {
    const funders: { id: string; name: string; org_id: string }[] = await this.ds.query(`SELECT id, name, org_id FROM funders ORDER BY lower(name), id`);
    const directorates: { id: string; funder_id: string; code: string; name: string }[] = await this.ds.query(
      `SELECT id, funder_id, code, name FROM directorates ORDER BY lower(name), id`,
    );
    return {
      funders: funders.map((f) => ({ id: f.id, name: f.name, orgId: f.org_id })),
      directorates: directorates.map((d) => ({ id: d.id, funderId: d.funder_id, code: d.code, name: d.name })),
    };
  }

  /**
   * One page of published awards, in the order asked for, with what toGrant needs. `matches` (the
   * summary's count) picks the plan for a search: few matches are collected through the search
   * indexes and sorted; many are found soonest by walking the sort order's index and filtering.
   */
  async page(s: PublicSelection, matches: number): Promise<PublishableAward[]> {
    const params = new SqlParams();
    const order = orderBy(s.sort);
    let sql: string;
    if (s.q && matches <= DENSE_SEARCH_MATCHES) {
      const limit = `LIMIT ${params.p(s.pageSize)} OFFSET ${params.p((s.page - 1) * s.pageSize)}`;
      sql = `WITH m AS MATERIALIZED (${matchesSql({ ...s, q: s.q }, params)})
        SELECT ${AWARD_COLUMNS}
          FROM (SELECT a.id FROM m a JOIN organisations r ON r.id = a.recipient_organisation_id ORDER BY ${order} ${limit}) p
          JOIN awards a ON a.id = p.id ${AWARD_JOINS}
         ORDER BY ${order}`;
    } else {
      const where = publicWhere(s, params) + (s.q ? ` AND ${searchFilter(s.q, params)}` : '');
      sql = `SELECT ${AWARD_COLUMNS} FROM awards a ${AWARD_JOINS}
              WHERE ${where}
              ORDER BY ${order}
              LIMIT ${params.p(s.pageSize)} OFFSET ${params.p((s.page - 1) * s.pageSize)}`;
    }
    const rows: PublishableAwardRow[] = await this.ds.query(sql, params.values);
    return rows.map(toPublishableAward);
  }

  /**
   * Count and total of the filter, per directorate and financial year. Without a search text this
   * sums the running totals (public_award_totals), whatever the number of awards; a search has to
   * visit the matching awards (through the trigram indexes).
   */
  async summary(f: PublicFilter): Promise<PublicSummary> {
    const rows = f.q ? await this.searchSummary(f) : await this.totalsSummary(f);
    const groups = rows.map((r) => ({ directorateId: r.directorate_id, year: r.fy, count: Number(r.n), totalPence: BigInt(r.total) }));
    return {
      count: groups.reduce((n, g) => n + g.count, 0),
      totalPence: groups.reduce((t, g) => t + g.totalPence, 0n),
      groups,
    };
  }

  private async totalsSummary(f: PublicFilter): Promise<SummaryRow[]> {
    await this.compactTotals();
    const params = new SqlParams();
    const where = ['true'];
    if (f.directorateId) where.push(`t.directorate_id = ${params.p(f.directorateId)}`);
    if (f.funderId) where.push(`t.directorate_id IN (SELECT id FROM directorates WHERE funder_id = ${params.p(f.funderId)})`);
    if (f.year !== undefined) where.push(`t.financial_year = ${params.p(f.year)}`);
    if (f.kind) where.push(`t.kind = ${params.p(f.kind)}`);
    return this.ds.query(
      `SELECT t.directorate_id, t.financial_year AS fy, sum(t.awards)::text AS n, sum(t.amount_pence)::text AS total
         FROM public_award_totals t
        WHERE ${where.join(' AND ')}
        GROUP BY 1, 2
       HAVING sum(t.awards) <> 0`,
      params.values,
    );
  }

  private searchSummary(f: PublicFilter): Promise<SummaryRow[]> {
    const params = new SqlParams();
    const sql = `SELECT a.directorate_id, extract(year FROM a.award_date - interval '3 months')::int AS fy,
                        count(*)::text AS n, sum(a.amount_awarded_pence)::text AS total
                   FROM (${matchesSql({ ...f, q: f.q! }, params)}) a
                  GROUP BY 1, 2`;
    // A search may match many awards: JIT compilation would add ~0.2 s to a query that does not need it.
    return this.ds.transaction(async (m) => {
      await m.query('SET LOCAL jit = off');
      return m.query(sql, params.values);
    });
  }

  private lastCompaction = 0;

  /**
   * Folds the appended changes into one row per group, at most once a minute per process and only
   * when there are many. One statement, so readers see the old rows or the new, never both; a
   * concurrent compaction skips the rows this one deleted, so nothing is counted twice.
   */
  private async compactTotals(now = Date.now()): Promise<void> {
    if (now - this.lastCompaction < 60_000) return;
    this.lastCompaction = now;
    const [{ rows }]: { rows: number }[] = await this.ds.query(`SELECT count(*)::int AS rows FROM public_award_totals`);
    if (rows < COMPACT_ABOVE_ROWS) return;
    await this.ds.query(
      `WITH gone AS (DELETE FROM public_award_totals RETURNING directorate_id, financial_year, kind, awards, amount_pence)
       INSERT INTO public_award_totals (directorate_id, financial_year, kind, awards, amount_pence)
       SELECT directorate_id, financial_year, kind, sum(awards), sum(amount_pence) FROM gone
        GROUP BY 1, 2, 3 HAVING sum(awards) <> 0 OR sum(amount_pence) <> 0`,
    );
  }
}

/** A search matching more awards than this pages by walking the sort order's index (see page). */
const DENSE_SEARCH_MATCHES = 5000;

const AWARD_COLUMNS = publishableAwardColumns('r');

const AWARD_JOINS = `JOIN organisations r ON r.id = a.recipient_organisation_id
  JOIN directorates d ON d.id = a.directorate_id
  JOIN funders f ON f.id = d.funder_id`;

/** Appended changes beyond this are folded together (a few ms of work; reading them stays ~1 ms). */
const COMPACT_ABOVE_ROWS = 2000;

type SummaryRow = { directorate_id: string; fy: number | null; n: string; total: string };

