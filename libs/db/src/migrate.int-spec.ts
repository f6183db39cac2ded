import pg from 'pg';
import { createTestDatabase, recreateEmptyDatabase } from '@app/testing';
import { migrate } from './migrate.js';

describe('migrations (integration, real PostgreSQL)', () => {
  it('builds the schema from an empty database, then has nothing left to do', async () => {
    const db = await createTestDatabase();
    try {
      await recreateEmptyDatabase(db.url);
      const applied = await migrate(db.url);
      expect(applied.length).toBeGreaterThanOrEqual(1);
      expect(applied[0]).toMatch(/^InitialSchema\d+$/);
      await expect(migrate(db.url)).resolves.toEqual([]);
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const { rows } = await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
      await c.end();
      expect(rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['audit_log', 'award_outcomes', 'award_payments', 'awards', 'directorates', 'funders', 'migrations', 'organisations', 'users']),
      );
    } finally {
      await db.drop();
    }
  });

  it('lets two processes migrate at once: the advisory lock serialises them', async () => {
    const db = await createTestDatabase();
    try {
      await recreateEmptyDatabase(db.url);
      const [a, b] = await Promise.all([migrate(db.url), migrate(db.url)]);
      expect([...a, ...b].filter((n) => n.startsWith('InitialSchema'))).toHaveLength(1);
    } finally {
      await db.drop();
    }
  });

  it('creates the database when it is missing', async () => {
    const db = await createTestDatabase();
    await db.drop();
    try {
      await migrate(db.url);
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const { rows } = await c.query('SELECT count(*)::int AS n FROM funders');
      await c.end();
      expect(rows[0].n).toBe(0);
    } finally {
      await db.drop();
    }
  });
});
