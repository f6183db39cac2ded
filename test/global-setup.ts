/**
 * Migrates the test template database once per run; each test file then copies it
 * (libs/testing createTestDatabase). Uses the build output, which `npm test` makes first.
 */
export default async function globalSetup() {
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/compact_test';
  const built = '../dist/libs/db/src/migrate.js';
  const { migrate } = (await import(built)) as typeof import('../libs/db/src/migrate.js');
  const pg = (await import('pg')).default;
  const url = new URL(process.env.DATABASE_URL);
  const admin = new pg.Client({ connectionString: `${url.protocol}//${url.username}@${url.host}/postgres` });
  await admin.connect();
  const name = url.pathname.slice(1);
  // The template must have no connections when it is copied: start it afresh each run.
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  await migrate(process.env.DATABASE_URL);
}
