import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/db';
import { createTestDatabase } from '@app/testing';
import { PublicGrantsQuery } from './public-grants.query.js';
import { PublicDataVersion } from './public-version.js';

/**
 * The remembered data version against real PostgreSQL: read once while nothing changes, read again
 * after a committed change to any public table (the triggers' notification), never after a
 * rolled-back one.
 */
describe('PublicDataVersion (integration)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;
  let ds: DataSource;
  let version: PublicDataVersion;
  let reads = 0;
  let funder: string;

  /** The version once the listener has caught up: asks until a read comes from memory. */
  async function settled(): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const before = reads;
      const v = await version.get();
      if (reads === before) return v;
      await new Promise((res) => setTimeout(res, 10));
    }
    throw new Error('the version never came from memory: is the LISTEN connection up?');
  }

  /** Waits for the notification of a change: the first read that goes to the database. */
  async function readAgain(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const before = reads;
      await version.get();
      if (reads > before) return;
      await new Promise((res) => setTimeout(res, 10));
    }
    throw new Error('no notification of the change arrived');
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    funder = (await client.query(`INSERT INTO funders (name, org_id) VALUES ('Council', 'GB-LAE-TST') RETURNING id`)).rows[0].id;
    ds = new DataSource(dataSourceOptions(db.url));
    await ds.initialize();
    const query = new PublicGrantsQuery(ds);
    const read = query.version.bind(query);
    query.version = () => ((reads += 1), read());
    version = new PublicDataVersion(query, ds);
  });

  afterAll(async () => {
    await version?.onModuleDestroy();
    await ds?.destroy();
    await client?.end();
    await db?.drop();
  });

  it('reads the version once while nothing changes', async () => {
    const v = await settled();
    const before = reads;
    for (let i = 0; i < 5; i++) expect(await version.get()).toBe(v);
    expect(reads).toBe(before);
  });

  it('reads it again after a committed change to each public table, not after a rolled-back one', async () => {
    await settled();
    const changes = [
      `INSERT INTO directorates (funder_id, code, name) VALUES ('${funder}', 'A', 'Adults')`,
      `UPDATE funders SET name = 'City Council'`,
      `INSERT INTO organisations (name, type) VALUES ('Olney Foodbank', 'charity')`,
      `INSERT INTO awards (kind, title, directorate_id, recipient_organisation_id, amount_awarded_pence, status)
       SELECT 'grant', 'Food', d.id, o.id, 100, 'draft' FROM directorates d, organisations o`,
    ];
    const versions = [await version.get()];
    for (const sql of changes) {
      await client.query(sql);
      await readAgain();
      versions.push(await settled());
    }
    // the inserts change the version (counts and newest updated_at); the update by SQL leaves updated_at, so it may not
    expect(new Set([versions[0], versions[1], versions[3], versions[4]]).size).toBe(4);
    const v = versions[4];
    await client.query('BEGIN');
    await client.query(`UPDATE funders SET name = 'Rolled back'`);
    await client.query('ROLLBACK');
    const before = reads;
    expect(await version.get()).toBe(v);
    expect(reads).toBe(before);
  });
});
