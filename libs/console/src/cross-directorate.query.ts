import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { penceToPounds } from '@app/common';
import type { CrossDirectorateQueryDto } from './dto/cross-directorate.dto.js';

export type CrossDirectorateRow = {
  organisationId: string;
  organisationName: string;
  organisationType: string;
  directorates: number;
  totalAmount: string;
  cells: { directorateId: string; amount: string; awards: number }[];
};
export type CrossDirectorateMatrix = {
  directorates: { id: string; name: string; code: string; funder: string }[];
  items: CrossDirectorateRow[];
  total: number;
  page: number;
  pageSize: number;
};

/**
 * The executives' matrix: organisations funded by two or more directorates, largest total first,
 * with the amount each directorate awarded (all statuses; award date within from..to when given).
 */
@Injectable()
export class CrossDirectorateFunding {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async matrix(q: CrossDirectorateQueryDto): Promise<CrossDirectorateMatrix> {
    const params = [q.from ?? null, q.to ?? null, q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null];
    const funded = `
      WITH funded AS (
        SELECT a.recipient_organisation_id AS org_id, a.directorate_id, sum(a.amount_awarded_pence) AS total, count(*)::int AS awards
          FROM awards a
         WHERE ($1::date IS NULL OR a.award_date >= $1::date) AND ($2::date IS NULL OR a.award_date <= $2::date)
         GROUP BY 1, 2
      ), multi AS (
        SELECT f.org_id, count(*)::int AS directorates, sum(f.total) AS total
          FROM funded f JOIN organisations o ON o.id = f.org_id
         WHERE $3::text IS NULL OR o.name ILIKE $3::text OR array_to_string(o.aliases, ' ') ILIKE $3::text
         GROUP BY f.org_id HAVING count(*) >= 2
      )`;
    const rows: { org_id: string; name: string; type: string; directorates: number; total: string; n: number }[] = await this.ds.query(
      `${funded}
       SELECT m.org_id, o.name, o.type, m.directorates, m.total::text AS total, count(*) OVER ()::int AS n
         FROM multi m JOIN organisations o ON o.id = m.org_id
        ORDER BY m.total DESC, o.name, m.org_id
        LIMIT $4 OFFSET $5`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const ids = rows.map((r) => r.org_id);
    const cells: { org_id: string; directorate_id: string; total: string; awards: number; name: string; code: string; funder: string }[] = ids.length
      ? await this.ds.query(
          `${funded}
           SELECT f.org_id, f.directorate_id, f.total::text AS total, f.awards, d.name, d.code, fu.name AS funder
             FROM funded f JOIN directorates d ON d.id = f.directorate_id JOIN funders fu ON fu.id = d.funder_id
            WHERE f.org_id = ANY($4::uuid[])
            ORDER BY fu.name, d.name`,
          [...params, ids],
        )
      : [];
    const directorates = new Map<string, { id: string; name: string; code: string; funder: string }>();
    for (const c of cells) directorates.set(c.directorate_id, { id: c.directorate_id, name: c.name, code: c.code, funder: c.funder });
    const total = rows[0]?.n ?? (q.page > 1 ? await this.count(funded, params) : 0);
    return {
      directorates: [...directorates.values()],
      items: rows.map((r) => ({
        organisationId: r.org_id,
        organisationName: r.name,
        organisationType: r.type,
        directorates: r.directorates,
        totalAmount: penceToPounds(r.total),
        cells: cells.filter((c) => c.org_id === r.org_id).map((c) => ({ directorateId: c.directorate_id, amount: penceToPounds(c.total), awards: c.awards })),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** A page past the end still reports the total. */
  private async count(funded: string, params: unknown[]): Promise<number> {
    const [{ n }] = await this.ds.query(`${funded} SELECT count(*)::int AS n FROM multi`, params);
    return n;
  }
}
