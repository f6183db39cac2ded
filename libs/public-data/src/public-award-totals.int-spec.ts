import pg from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '@app/testing';
import { PublicGrantsQuery } from './public-grants.query.js';

/**
 * The running totals behind the public page (public_award_totals, kept by statement triggers on
 * awards) against real PostgreSQL: bulk writes, every kind of change, and compaction.
 */
describe('public_award_totals (integration)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;
  let ds: DataSource;
  let dirs: string[];
  let org: string;

  /** The totals as the triggers kept them, and as a full scan of awards says they should be. */
  async function kept() {
    const { rows } = await client.query(
      `SELECT directorate_id, financial_year AS fy, kind, sum(awards)::int AS n, sum(amount_pence)::text AS pence
         FROM public_award_totals GROUP BY 1, 2, 3 HAVING sum(awards) <> 0 ORDER BY 1, 2, 3`,
    );
    return rows;
  }
  async function actual() {
    const { rows } = await client.query(
      `SELECT directorate_id, extract(year FROM award_date - interval '3 months')::int AS fy, kind, count(*)::int AS n, sum(amount_awarded_pence)::text AS pence
         FROM awards WHERE published_at IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    return rows;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const funder = (await client.query(`INSERT INTO funders (name, org_id) VALUES ('Council', 'GB-LAE-TST') RETURNING id`)).rows[0].id;
    dirs = (await client.query(`INSERT INTO directorates (funder_id, code, name) VALUES ($1, 'A', 'A'), ($1, 'B', 'B') RETURNING id`, [funder])).rows.map((r) => r.id);
    org = (await client.query(`INSERT INTO organisations (name, type) VALUES ('Org', 'charity') RETURNING id`)).rows[0].id;
    ds = new DataSource({ type: 'postgres', url: db.url });
    await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await client?.end();
    await db?.drop();
  });

  it('counts a bulk insert of awards, published ones only, by directorate, financial year and kind', async () => {
    // 1,000 awards in one statement; every other one published; dates across 2024-25 and 2025-26
    await client.query(
      `INSERT INTO awards (kind, title, directorate_id, recipient_organisation_id, amount_awarded_pence, award_date, status, published_at)
       SELECT (ARRAY['grant','contract','in_kind'])[1 + g % 3], 'Award ' || g, (ARRAY[$1::uuid, $2::uuid])[1 + g % 2], $3,
              1000 + g, DATE '2025-01-01' + (g % 200), CASE WHEN g % 2 = 0 THEN 'published' ELSE 'draft' END,
              CASE WHEN g % 2 = 0 THEN now() END
         FROM generate_series(1, 1000) g`,
      [dirs[0], dirs[1], org],
    );
    expect(await kept()).toEqual(await actual());
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM public_award_totals`);
    expect(rows[0].n).toBe(6); // one row per group changed by the statement, not one per award
    expect((await actual()).reduce((n, r) => n + r.n, 0)).toBe(500);
  });

  it('follows every change: amounts, directorates, years across 1 April, publishing, unpublishing and deletion', async () => {
    await client.query(`UPDATE awards SET amount_awarded_pence = amount_awarded_pence * 2 WHERE title LIKE 'Award 1%'`);
    expect(await kept()).toEqual(await actual());
    await client.query(`UPDATE awards SET directorate_id = $1 WHERE title LIKE 'Award 2%'`, [dirs[0]]);
    expect(await kept()).toEqual(await actual());
    await client.query(`UPDATE awards SET award_date = DATE '2025-04-01' WHERE award_date = DATE '2025-03-31'`);
    await client.query(`UPDATE awards SET award_date = DATE '2025-03-31' WHERE title = 'Award 10'`);
    expect(await kept()).toEqual(await actual());
    await client.query(`UPDATE awards SET status = 'published', published_at = now() WHERE title LIKE 'Award 3%' AND published_at IS NULL`);
    await client.query(`UPDATE awards SET status = 'draft', published_at = NULL WHERE title LIKE 'Award 4%'`);
    expect(await kept()).toEqual(await actual());
    await client.query(`UPDATE awards SET status = 'ended' WHERE title LIKE 'Award 5%' AND published_at IS NOT NULL`);
    await client.query(`DELETE FROM awards WHERE title LIKE 'Award 6%'`);
    await client.query(`UPDATE awards SET title = title || ' (renamed)' WHERE title LIKE 'Award 7%'`); // no effect on totals
    expect(await kept()).toEqual(await actual());
  });

  it('is what the public summary reads, and compacts itself when it grows long', async () => {
    // 2,400 appended rows that cancel out, as a long day of edits would leave
    await client.query(
      `INSERT INTO public_award_totals (directorate_id, financial_year, kind, awards, amount_pence)
       SELECT $1, 2025, 'grant', CASE WHEN g % 2 = 0 THEN 1 ELSE -1 END, CASE WHEN g % 2 = 0 THEN 500 ELSE -500 END FROM generate_series(1, 2400) g`,
      [dirs[0]],
    );
    const query = new PublicGrantsQuery(ds);
    const summary = await query.summary({});
    const expected = await actual();
    expect(summary.count).toBe(expected.reduce((n, r) => n + r.n, 0));
    expect(summary.totalPence).toBe(expected.reduce((t, r) => t + BigInt(r.pence), 0n));
    const byYear = await query.summary({ year: 2024, directorateId: dirs[1], kind: 'contract' });
    const want = expected.filter((r) => r.fy === 2024 && r.directorate_id === dirs[1] && r.kind === 'contract');
    expect(byYear.count).toBe(want.reduce((n, r) => n + r.n, 0));
    expect(byYear.count).toBeGreaterThan(0);
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM public_award_totals`);
    expect(rows[0].n).toBeLessThanOrEqual(12); // folded to one row per group
    expect(await kept()).toEqual(expected);
  });

  it('empties with the awards table', async () => {
    await client.query(`TRUNCATE awards CASCADE`);
    await expect(client.query(`SELECT count(*)::int AS n FROM public_award_totals`).then((r) => r.rows[0].n)).resolves.toBe(0);
  });
});
