import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/db';
import { createTestDatabase } from '@app/testing';
import { AwardsQuery } from './awards.query.js';

/**
 * The running counts behind the staff list's totals (award_counts, kept by statement triggers on
 * awards) against real PostgreSQL: bulk writes, every kind of change, compaction, and the totals
 * AwardsQuery answers with for each kind of filter, compared with a count of the awards.
 */
describe('award_counts and the award list totals (integration)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;
  let ds: DataSource;
  let query: AwardsQuery;
  let funders: string[];
  let dirs: string[];
  let orgs: string[];

  /** The counts as the triggers kept them, and as a count of awards says they should be. */
  async function kept() {
    const { rows } = await client.query(
      `SELECT directorate_id, kind, status, sum(awards)::int AS n
         FROM award_counts GROUP BY 1, 2, 3 HAVING sum(awards) <> 0 ORDER BY 1, 2, 3`,
    );
    return rows;
  }
  async function actual() {
    const { rows } = await client.query(
      `SELECT directorate_id, kind, status, count(*)::int AS n FROM awards GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    return rows;
  }
  /** Each filter's total from AwardsQuery against a plain count of the matching awards. */
  async function expectTotalsRight() {
    const filters = [
      {},
      { directorateId: dirs[0] },
      { funderId: funders[1] },
      { kind: 'contract' as const },
      { status: 'published' as const, kind: 'grant' as const },
      { compliance: 'fail' as const },
      { directorateId: dirs[1], status: 'draft' as const, compliance: 'pass' as const },
      { organisationId: orgs[1] },
      { from: '2025-03-01', to: '2025-05-31' },
      { directorateId: dirs[2], from: '2025-04-01' },
      { q: 'Foodbank' },
      { q: 'hall', kind: 'grant' as const },
    ];
    for (const f of filters) {
      const [{ n }] = (await query.filtered(f).select('count(*)::int', 'n').getRawMany()) as { n: number }[];
      expect({ f, total: await query.count(f) }).toEqual({ f, total: n });
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    funders = (await client.query(`INSERT INTO funders (name, org_id) VALUES ('Council', 'GB-LAE-TST'), ('NHS', 'GB-NHS-TST') RETURNING id`)).rows.map((r) => r.id);
    dirs = (
      await client.query(`INSERT INTO directorates (funder_id, code, name) VALUES ($1, 'A', 'A'), ($1, 'B', 'B'), ($2, 'C', 'C') RETURNING id`, funders)
    ).rows.map((r) => r.id);
    orgs = (
      await client.query(`INSERT INTO organisations (name, type) VALUES ('Olney Foodbank', 'charity'), ('Village Hall', 'community_group'), ('Jane Smith', 'individual') RETURNING id`)
    ).rows.map((r) => r.id);
    ds = new DataSource(dataSourceOptions(db.url));
    await ds.initialize();
    query = new AwardsQuery(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
    await client?.end();
    await db?.drop();
  });

  it('counts a bulk insert by directorate, kind and status, and totals every filter right', async () => {
    await client.query(
      `INSERT INTO awards (kind, title, programme, directorate_id, recipient_organisation_id, amount_awarded_pence, award_date, status)
       SELECT (ARRAY['grant','contract','in_kind'])[1 + g % 3], CASE WHEN g % 7 = 0 THEN 'Foodbank ' ELSE 'Award ' END || g,
              CASE WHEN g % 11 = 0 THEN 'Hall repairs' END, (ARRAY[$1::uuid, $2::uuid, $3::uuid])[1 + g % 3], (ARRAY[$4::uuid, $5::uuid, $6::uuid])[1 + g % 5 % 3],
              1000 + g, CASE WHEN g % 13 <> 0 THEN DATE '2025-01-01' + (g % 200) END, (ARRAY['draft','awarded','published','ended'])[1 + g % 4]
         FROM generate_series(1, 1000) g`,
      [...dirs, ...orgs],
    );
    // Their compliance statuses (pass, warn, fail or none yet) as @app/compliance stores them, in compliance_results.
    await client.query(
      `INSERT INTO compliance_results (subject_type, subject_id, directorate_id, programme, status, fail_count, warn_count, statuses, findings_hash, profile_version)
       SELECT 'award', a.id, a.directorate_id, coalesce(a.programme, ''), s.status, (s.status = 'fail')::int, (s.status = 'warn')::int, '{}', 0, 1
         FROM awards a, LATERAL (SELECT (ARRAY['pass','warn','fail',NULL])[1 + g % 4 + g % 2] AS status FROM (SELECT (a.amount_awarded_pence - 1000)::int AS g) x) s
        WHERE s.status IS NOT NULL`,
    );
    expect(await kept()).toEqual(await actual());
    await expectTotalsRight();
  });

  it('pages every sort of a search and of a filter in the order of a plain query, with the same total', async () => {
    const reference = async (where: string, params: unknown[], order: string, page: number, pageSize: number) =>
      (
        await client.query(
          `SELECT a.id FROM awards a JOIN organisations r ON r.id = a.recipient_organisation_id WHERE ${where}
            ORDER BY ${order}, a.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
          params,
        )
      ).rows.map((r) => r.id);
    const search = `(a.title ILIKE '%hall%' OR a.programme ILIKE '%hall%' OR r.name ILIKE '%hall%')`;
    const cases = [
      { dto: { q: 'hall', sort: 'title' }, where: search, params: [], order: 'a.title ASC NULLS FIRST' },
      { dto: { q: 'hall', sort: '-amount' }, where: search, params: [], order: 'a.amount_awarded_pence DESC NULLS LAST' },
      { dto: { q: 'hall' }, where: search, params: [], order: 'a.award_date DESC NULLS LAST' },
      { dto: { directorateId: dirs[1], sort: 'awardDate' }, where: 'a.directorate_id = $1', params: [dirs[1]], order: 'a.award_date ASC NULLS FIRST' },
      { dto: { status: 'draft' as const, sort: '-updatedAt' }, where: `a.status = 'draft'`, params: [], order: 'a.updated_at DESC NULLS LAST' },
    ];
    for (const c of cases)
      for (const [page, pageSize] of [[1, 7], [3, 7], [2, 50]]) {
        const got = await query.list({ ...c.dto, page, pageSize } as Parameters<AwardsQuery['list']>[0]);
        const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM awards a JOIN organisations r ON r.id = a.recipient_organisation_id WHERE ${c.where}`, c.params)).rows;
        expect({ ...c.dto, page, ids: got.items.map((i) => i.id), total: got.total }).toEqual({
          ...c.dto,
          page,
          ids: await reference(c.where, c.params, c.order, page, pageSize),
          total: n,
        });
      }
    // a search's page past its end still says how many match
    expect((await query.list({ q: 'hall', page: 999, pageSize: 50 } as Parameters<AwardsQuery['list']>[0])).total).toBeGreaterThan(0);
  });

  it('follows updates that move awards between groups, deletes and truncation', async () => {
    await client.query(`UPDATE awards SET status = 'published' WHERE status = 'awarded' AND kind = 'grant'`);
    await client.query(`UPDATE awards SET directorate_id = $1 WHERE directorate_id = $2 AND amount_awarded_pence % 5 = 0`, [dirs[2], dirs[0]]);
    await client.query(
      `DELETE FROM compliance_results r USING awards a WHERE r.subject_type = 'award' AND r.subject_id = a.id AND r.status = 'warn' AND a.kind = 'in_kind'`,
    );
    await client.query(`UPDATE awards SET title = title || ' (renamed)'`); // no group changes: nothing appended
    await client.query(`DELETE FROM awards WHERE amount_awarded_pence % 9 = 0`);
    expect(await kept()).toEqual(await actual());
    await expectTotalsRight();
    await client.query(`DELETE FROM award_payments`);
    await client.query(`TRUNCATE awards CASCADE`);
    expect(await kept()).toEqual([]);
    expect(await query.count({})).toBe(0);
  });

  it('folds many appended changes into one row per group without changing any total', async () => {
    for (let i = 0; i < 60; i++)
      await client.query(
        `INSERT INTO awards (kind, title, directorate_id, recipient_organisation_id, amount_awarded_pence, status)
         SELECT (ARRAY['grant','contract','in_kind'])[1 + g % 3], 'Award ' || g, (ARRAY[$1::uuid, $2::uuid, $3::uuid])[1 + g % 3], $4, 100, (ARRAY['draft','awarded','published','ended'])[1 + (g + ${i}) % 4]
           FROM generate_series(1, 100) g`,
        [...dirs, orgs[0]],
      );
    const before = await kept();
    const [{ rows }] = (await client.query(`SELECT count(*)::int AS rows FROM award_counts`)).rows;
    expect(rows).toBeGreaterThan(before.length * 10); // every statement appended its own rows
    // as if a minute had passed since the last compaction, and with a threshold this small table passes
    await (query as unknown as { compactCounts(now: number, aboveRows: number): Promise<void> }).compactCounts(Date.now() + 120_000, 1);
    const [{ rows: after }] = (await client.query(`SELECT count(*)::int AS rows FROM award_counts`)).rows;
    expect(after).toBe(before.length);
    expect(await kept()).toEqual(before);
    expect(await kept()).toEqual(await actual());
    await expectTotalsRight();
  });

  it('leaves no dead rows or empty pages behind after folding a large pile of changes', async () => {
    const before = await kept();
    // 60,000 appended changes that cancel out, as many single-award statements would leave
    await client.query(
      `INSERT INTO award_counts (directorate_id, kind, status, awards)
       SELECT $1, 'grant', 'draft', CASE WHEN g % 2 = 0 THEN 1 ELSE -1 END FROM generate_series(1, 60000) g`,
      [dirs[0]],
    );
    const size = async () => Number((await client.query(`SELECT pg_relation_size('award_counts') AS b`)).rows[0].b);
    expect(await size()).toBeGreaterThan(1024 * 1024);
    const compact = (now: number) => (query as unknown as { compactCounts(now: number): Promise<void> }).compactCounts(now);
    await compact(Date.now() + 240_000); // folds them (over 5,000 rows), then rewrites the table
    expect(await size()).toBeLessThanOrEqual(1024 * 1024);
    expect(await kept()).toEqual(before);
    expect(await kept()).toEqual(await actual());
  });
});
