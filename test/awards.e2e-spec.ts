import { createTestApp, TestApp } from './support/app.js';
import { makeAward, makeFunder, makeOrganisation, seedWorld, World } from './factories/index.js';

describe('funders, directorates, organisations and awards (e2e)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
  });
  afterAll(() => t.close());

  it('creates a three-year grant with payments and returns exactly what was sent', async () => {
    const sent = makeAward(w.dirA, w.orgId);
    const res = await t.as(w.tokens.commissionerA).post('/api/awards', sent).expect(201);
    expect(res.body).toMatchObject({ ...sent, status: 'draft', version: 1, ending: null, directorateName: 'Adult Social Care', funderId: w.funderId });
    const read = await t.as(w.tokens.finance).get(`/api/awards/${res.body.id}`).expect(200);
    expect(read.body).toEqual(res.body);
    expect(read.body.payments.map((p: { amount: string }) => p.amount)).toEqual(['31666.67', '31666.67', '31666.66']);
  });

  it('accepts JSON numbers for money and returns decimal strings in pounds', async () => {
    const res = await t.as(w.tokens.admin).post('/api/awards', makeAward(w.dirA, w.orgId, { amountAwarded: 12500.5, payments: [{ dueDate: '2025-04-01', amount: 12500.5 }] })).expect(201);
    expect(res.body.amountAwarded).toBe('12500.50');
    expect(res.body.payments).toEqual([{ dueDate: '2025-04-01', amount: '12500.50', paidDate: null }]);
  });

  it('reads back funders, directorates and organisations as sent', async () => {
    const f = makeFunder({ name: 'Thames Valley Police' });
    const created = await t.as(w.tokens.admin).post('/api/funders', f).expect(201);
    expect(created.body).toMatchObject(f);
    const d = await t.as(w.tokens.admin).post('/api/directorates', { funderId: created.body.id, code: 'ocpcc', name: 'Office of the PCC' }).expect(201);
    expect(d.body).toMatchObject({ funderId: created.body.id, code: 'OCPCC', name: 'Office of the PCC', funderName: 'Thames Valley Police' });
    const o = await t.as(w.tokens.commissionerA).post('/api/organisations', makeOrganisation({ name: 'MK Play Assoc.', charityNumber: 'GB-CHC-1234567', companyNumber: '5123456', aliases: ['M.K. Play Association Ltd'] })).expect(201);
    expect(o.body).toMatchObject({ name: 'MK Play Assoc.', charityNumber: '1234567', companyNumber: '05123456', aliases: ['M.K. Play Association Ltd'] });
    const list = await t.as(w.tokens.executive).get('/api/organisations?q=1234567').expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(o.body.id);
  });

  it('lists awards with filters and pagination', async () => {
    const org2 = (await t.as(w.tokens.admin).post('/api/organisations', makeOrganisation({ name: 'Bletchley Foodbank' })).expect(201)).body;
    for (let i = 0; i < 3; i++)
      await t.as(w.tokens.commissionerB).post('/api/awards', makeAward(w.dirB, org2.id, { title: `Food parcels ${i}`, kind: 'contract', awardDate: `2024-0${i + 1}-15` })).expect(201);
    const page1 = await t.as(w.tokens.finance).get(`/api/awards?directorateId=${w.dirB}&pageSize=2&sort=awardDate`).expect(200);
    expect(page1.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page1.body.items.map((a: { title: string }) => a.title)).toEqual(['Food parcels 0', 'Food parcels 1']);
    const page2 = await t.as(w.tokens.finance).get(`/api/awards?directorateId=${w.dirB}&pageSize=2&page=2&sort=awardDate`).expect(200);
    expect(page2.body.items.map((a: { title: string }) => a.title)).toEqual(['Food parcels 2']);
    const byQ = await t.as(w.tokens.finance).get('/api/awards?q=foodbank&kind=contract&from=2024-02-01&to=2024-12-31').expect(200);
    expect(byQ.body.items.map((a: { title: string }) => a.title).sort()).toEqual(['Food parcels 1', 'Food parcels 2']);
    const byFunder = await t.as(w.tokens.finance).get(`/api/awards?funderId=${w.funderId}&organisationId=${org2.id}&status=draft`).expect(200);
    expect(byFunder.body.total).toBe(3);
    await t.as(w.tokens.finance).get('/api/awards?pageSize=501').expect(400);
  });

  it('updates with the current version, refuses a stale one with 409, and keeps the audit trail', async () => {
    const a = (await t.as(w.tokens.commissionerA).post('/api/awards', makeAward(w.dirA, w.orgId)).expect(201)).body;
    const upd = await t.as(w.tokens.commissionerA).patch(`/api/awards/${a.id}`, { version: 1, amountAwarded: '96000', ending: { noticeDate: '2025-08-31', effectiveDate: '2025-11-30', reason: 'service recommissioned' } }).expect(200);
    expect(upd.body).toMatchObject({ version: 2, amountAwarded: '96000.00', ending: { noticeDate: '2025-08-31', effectiveDate: '2025-11-30', reason: 'service recommissioned' } });
    expect(upd.body.payments).toHaveLength(3);
    const stale = await t.as(w.tokens.commissionerA).patch(`/api/awards/${a.id}`, { version: 1, title: 'Lost update' }).expect(409);
    expect(stale.body.message[0]).toMatch(/^version: stale: current version is 2/);
    const audit = await t.as(w.tokens.executive).get(`/api/audit?entity=award&entityId=${a.id}`).expect(200);
    expect(audit.body.items.map((i: { action: string }) => i.action)).toEqual(['update', 'create']);
    expect(audit.body.items[0].before.amountAwarded).toBe('95000.00');
    expect(audit.body.items[0].after.amountAwarded).toBe('96000.00');
  });

  it('publishes an award and refuses to delete it afterwards', async () => {
    const a = (await t.as(w.tokens.commissionerA).post('/api/awards', makeAward(w.dirA, w.orgId)).expect(201)).body;
    const pub = await t.as(w.tokens.commissionerA).post(`/api/awards/${a.id}/publish`).expect(200);
    expect(pub.body.status).toBe('published');
    expect(pub.body.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const del = await t.as(w.tokens.admin).delete(`/api/awards/${a.id}`).expect(409);
    expect(del.body.message[0]).toContain('set its status to ended');
    const draft = (await t.as(w.tokens.commissionerA).post('/api/awards', makeAward(w.dirA, w.orgId, { awardDate: null })).expect(201)).body;
    const refused = await t.as(w.tokens.commissionerA).post(`/api/awards/${draft.id}/publish`).expect(400);
    expect(refused.body.message).toEqual(['awardDate: is needed before publishing']);
    await t.as(w.tokens.commissionerA).delete(`/api/awards/${draft.id}`).expect(204);
    await t.as(w.tokens.commissionerA).get(`/api/awards/${draft.id}`).expect(404);
  });

  it('shows an organisation with its funding by directorate', async () => {
    const org = (await t.as(w.tokens.admin).post('/api/organisations', makeOrganisation({ name: 'Age UK Milton Keynes' })).expect(201)).body;
    await t.as(w.tokens.commissionerA).post('/api/awards', makeAward(w.dirA, org.id, { amountAwarded: '1000.00', payments: [] })).expect(201);
    await t.as(w.tokens.commissionerA).post('/api/awards', makeAward(w.dirA, org.id, { amountAwarded: '2000.50', payments: [] })).expect(201);
    await t.as(w.tokens.commissionerB).post('/api/awards', makeAward(w.dirB, org.id, { amountAwarded: '500.00', payments: [] })).expect(201);
    const res = await t.as(w.tokens.executive).get(`/api/organisations/${org.id}`).expect(200);
    expect(res.body.directoratesFunding).toBe(2);
    expect(res.body.fundingByDirectorate).toEqual([
      expect.objectContaining({ directorateId: w.dirA, awards: 2, totalAmount: '3000.50' }),
      expect.objectContaining({ directorateId: w.dirB, awards: 1, totalAmount: '500.00' }),
    ]);
  });
});
