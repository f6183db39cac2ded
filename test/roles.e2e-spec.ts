import { createTestApp, TestApp } from './support/app.js';
import { makeAward, makeFunder, makeOrganisation, seedWorld, World } from './factories/index.js';

type Role = keyof World['tokens'] | 'anonymous';
const ROLES: Role[] = ['anonymous', 'admin', 'commissionerA', 'commissionerB', 'finance', 'executive'];

describe('roles: who may write what (e2e)', () => {
  let t: TestApp;
  let w: World;
  let awardA: { id: string; version: number };
  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
  });
  afterAll(() => t.close());

  const call = (role: Role, method: 'post' | 'patch' | 'delete' | 'get', url: string, body?: object) => {
    if (role === 'anonymous') {
      const r = t.http()[method](url);
      return body ? r.send(body) : r;
    }
    const c = t.as(w.tokens[role]);
    return method === 'get' || method === 'delete' ? c[method](url) : c[method](url, body);
  };

  /** Fresh state for each probe, so one allowed write does not change the next probe. */
  const freshAward = async () => (await t.as(w.tokens.admin).post('/api/awards', makeAward(w.dirA, w.orgId)).expect(201)).body;

  const matrix: { route: string; allowed: Role[]; probe: () => Promise<[('post' | 'patch' | 'delete'), string, object?]> }[] = [
    { route: 'POST /api/funders', allowed: ['admin'], probe: async () => ['post', '/api/funders', makeFunder()] },
    { route: 'PATCH /api/funders/:id', allowed: ['admin'], probe: async () => ['patch', `/api/funders/${w.funderId}`, { name: 'Milton Keynes City Council' }] },
    { route: 'POST /api/directorates', allowed: ['admin'], probe: async () => ['post', '/api/directorates', { funderId: w.funderId, code: `X${Math.random().toString(36).slice(2, 8)}`, name: 'Housing' }] },
    { route: 'POST /api/organisations', allowed: ['admin', 'commissionerA', 'commissionerB'], probe: async () => ['post', '/api/organisations', makeOrganisation()] },
    { route: 'PATCH /api/organisations/:id', allowed: ['admin', 'commissionerA', 'commissionerB'], probe: async () => ['patch', `/api/organisations/${w.orgId}`, { postcode: 'MK9 3XS' }] },
    { route: 'POST /api/awards (directorate A)', allowed: ['admin', 'commissionerA'], probe: async () => ['post', '/api/awards', makeAward(w.dirA, w.orgId)] },
    { route: 'PATCH /api/awards/:id (directorate A)', allowed: ['admin', 'commissionerA'], probe: async () => { const a = await freshAward(); return ['patch', `/api/awards/${a.id}`, { version: 1, title: 'Renamed' }]; } },
    { route: 'DELETE /api/awards/:id (directorate A)', allowed: ['admin', 'commissionerA'], probe: async () => ['delete', `/api/awards/${(await freshAward()).id}`] },
    { route: 'POST /api/awards/:id/publish (directorate A)', allowed: ['admin', 'commissionerA'], probe: async () => ['post', `/api/awards/${(await freshAward()).id}/publish`] },
    { route: 'POST /api/users', allowed: ['admin'], probe: async () => ['post', '/api/users', { email: `u${Math.random().toString(36).slice(2)}@example.gov.uk`, role: 'finance' }] },
  ];

  for (const m of matrix)
    for (const role of ROLES)
      it(`${m.route} as ${role}: ${m.allowed.includes(role) ? 'allowed' : role === 'anonymous' ? '401' : '403'}`, async () => {
        const [method, url, body] = await m.probe();
        const res = await call(role, method, url, body);
        const expected = m.allowed.includes(role) ? [200, 201, 204] : [role === 'anonymous' ? 401 : 403];
        expect(expected).toContain(res.status);
      });

  it('lets every staff role read, and no anonymous caller', async () => {
    for (const role of ['admin', 'commissionerA', 'finance', 'executive'] as const) {
      const res = await t.as(w.tokens[role]).get('/api/awards').expect(200);
      expect(res.body).toHaveProperty('total');
    }
    const anon = await t.http().get('/api/awards').expect(401);
    expect(anon.body.message[0]).toMatch(/^sign in/);
    await t.http().get('/api/awards').set('Authorization', 'Bearer cft_wrong').expect(401);
  });

  it('stops a commissioner moving an award out of its directorates', async () => {
    awardA = (await t.as(w.tokens.commissionerA).post('/api/awards', makeAward(w.dirA, w.orgId)).expect(201)).body;
    const res = await t.as(w.tokens.commissionerA).patch(`/api/awards/${awardA.id}`, { version: awardA.version, directorateId: w.dirB }).expect(403);
    expect(res.body.message[0]).toContain('not one of yours');
    const unchanged = await t.as(w.tokens.admin).get(`/api/awards/${awardA.id}`).expect(200);
    expect(unchanged.body.directorateId).toBe(w.dirA);
  });

  it('stops a commissioner touching another directorate\'s award', async () => {
    const b = (await t.as(w.tokens.commissionerB).post('/api/awards', makeAward(w.dirB, w.orgId)).expect(201)).body;
    await t.as(w.tokens.commissionerA).patch(`/api/awards/${b.id}`, { version: 1, title: 'Hijack' }).expect(403);
    await t.as(w.tokens.commissionerA).delete(`/api/awards/${b.id}`).expect(403);
    await t.as(w.tokens.commissionerA).post(`/api/awards/${b.id}/publish`).expect(403);
    const still = await t.as(w.tokens.admin).get(`/api/awards/${b.id}`).expect(200);
    expect(still.body).toMatchObject({ title: 'Holiday play schemes 2025-28', status: 'draft', version: 1 });
  });

  it('lets an admin disable a user, whose token stops working at once', async () => {
    const created = await t.as(w.tokens.admin).post('/api/users', { email: 'leaver@example.gov.uk', role: 'executive' }).expect(201);
    expect(created.body.token).toMatch(/^cft_/);
    await t.as(created.body.token).get('/api/awards').expect(200);
    await t.as(w.tokens.admin).post(`/api/users/${created.body.id}/disable`).expect(200);
    await t.as(created.body.token).get('/api/awards').expect(401);
  });

  it('requires directorates for a commissioner', async () => {
    const res = await t.as(w.tokens.admin).post('/api/users', { email: 'c@example.gov.uk', role: 'commissioner' }).expect(400);
    expect(res.body.message).toContain('directorateIds: must be a list of directorate ids');
  });
});
