import pg from 'pg';
import { createTestApp, TestApp } from './support/app.js';
import { makeAward, seedWorld, World } from './factories/index.js';

describe('bad input gets a clear 4xx and nothing half-written (e2e)', () => {
  let t: TestApp;
  let w: World;
  let db: pg.Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });
  const countAwards = async () => Number((await db.query('SELECT count(*) FROM awards')).rows[0].count);
  const post = (body: object) => t.as(w.tokens.admin).post('/api/awards', body);

  it('names the field and the reason for each error', async () => {
    const res = await post(makeAward(w.dirA, w.orgId, { amountAwarded: '100.123', awardDate: '2025-09-31', kind: 'loan' })).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION' });
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        'amountAwarded: must be a decimal amount in pounds greater than 0 with at most 2 places, e.g. "12500.00"',
        'awardDate: must be a real date written YYYY-MM-DD',
        'kind: must be one of grant, contract, in_kind',
      ]),
    );
  });

  it('names nested fields with their position', async () => {
    const res = await post(makeAward(w.dirA, w.orgId, { payments: [{ dueDate: '2025-04-01', amount: '-5' }], outcomes: [{ ...makeAward('', '').outcomes[0], attribution: 1.5 }] })).expect(400);
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^payments\[0\]\.amount: must be a decimal amount in pounds greater than 0/),
        'outcomes[0].attribution: must be a fraction from 0 to 1 (e.g. 0.25 for 25 %)',
      ]),
    );
  });

  it('refuses unknown fields', async () => {
    const res = await post({ ...makeAward(w.dirA, w.orgId), amountPence: 5 }).expect(400);
    expect(res.body.message).toEqual([expect.stringMatching(/^amountPence: is not a known field/)]);
  });

  it('refuses an end date before the start date', async () => {
    const res = await post(makeAward(w.dirA, w.orgId, { plannedStartDate: '2026-04-01', plannedEndDate: '2026-03-31' })).expect(400);
    expect(res.body.message).toEqual(['plannedEndDate: must be on or after the planned start date']);
    const a = (await post(makeAward(w.dirA, w.orgId)).expect(201)).body;
    const patch = await t.as(w.tokens.admin).patch(`/api/awards/${a.id}`, { version: 1, plannedEndDate: '2024-01-01' }).expect(400);
    expect(patch.body.message).toEqual(['plannedEndDate: must be on or after the planned start date (2025-04-01)']);
  });

  it('refuses payments that add up to more than the award', async () => {
    const res = await post(makeAward(w.dirA, w.orgId, { amountAwarded: '1000', payments: [{ dueDate: '2025-04-01', amount: '600' }, { dueDate: '2025-10-01', amount: '400.01' }] })).expect(400);
    expect(res.body.message[0]).toBe('payments: add up to £1,000.01, more than the amount awarded (£1,000.00): correct the instalments or the amount');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.http().post('/api/awards').set('Authorization', `Bearer ${w.tokens.admin}`).set('Content-Type', 'application/json').send('{"title": "x",').expect(400);
    expect(res.body.message[0]).toMatch(/^body: the request body is not valid JSON/);
  });

  it('answers an oversized body with 413', async () => {
    const res = await post({ ...makeAward(w.dirA, w.orgId), description: 'x'.repeat(1_100_000) }).expect(413);
    expect(res.body.statusCode).toBe(413);
  });

  it('refuses references to directorates or organisations that do not exist', async () => {
    const res = await post(makeAward(w.dirA, '00000000-0000-4000-8000-000000000000')).expect(400);
    expect(res.body.message[0]).toBe('recipientOrganisationId: unknown organisation');
    await t.as(w.tokens.admin).get('/api/awards/not-a-uuid').expect(400);
  });

  it('writes nothing when any part of a create fails', async () => {
    const before = await countAwards();
    // The outcome passes validation but breaks a database constraint (a payment of 0 is refused by CHECK).
    await db.query('ALTER TABLE award_outcomes ADD CONSTRAINT test_no_big_outcome CHECK (quantity < 1000)');
    try {
      const res = await post(makeAward(w.dirA, w.orgId, { outcomes: [{ ...makeAward('', '').outcomes[0], quantity: 5000 }] }));
      expect(res.status).toBe(500);
      expect(res.body.errorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(res.body)).not.toContain('test_no_big_outcome');
    } finally {
      await db.query('ALTER TABLE award_outcomes DROP CONSTRAINT test_no_big_outcome');
    }
    expect(await countAwards()).toBe(before);
    expect(Number((await db.query("SELECT count(*) FROM audit_log WHERE entity = 'award' AND action = 'create'")).rows[0].count)).toBe(before);
  });
});
