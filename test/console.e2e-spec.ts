import { createHash } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { createTestApp, TestApp } from './support/app.js';
import { makeAward, makeOrganisation, seedWorld, World } from './factories/index.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The session cookie's value and attributes from a Set-Cookie header. */
function sessionCookie(res: request.Response): { value: string; attributes: string[]; header: string } {
  const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const header = raw.find((c) => c.startsWith('cft_session='));
  if (!header) throw new Error(`no session cookie in ${JSON.stringify(raw)}`);
  const [pair, ...attributes] = header.split(';').map((s) => s.trim());
  return { value: decodeURIComponent(pair.slice('cft_session='.length)), attributes, header };
}

describe('console sessions: cookie, CSRF, sign-out (e2e)', () => {
  let t: TestApp;
  let w: World;
  let db: pg.Client;
  const server = () => t.app.getHttpServer();
  const signIn = async (token: string) => {
    const res = await request(server()).post('/console/session').send({ token }).expect(201);
    return { cookie: `cft_session=${sessionCookie(res).value}`, csrf: res.body.csrfToken as string, res };
  };

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

  it('serves the console page and its files, with a strict content security policy', async () => {
    const page = await request(server()).get('/console').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<script type="module" src="/console/assets/app.js"></script>');
    const js = await request(server()).get('/console/assets/app.js').expect(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.text).toContain("from './award-form.js'");
    const css = await request(server()).get('/console/assets/console.css').expect(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const missing = await request(server()).get('/console/assets/secrets.env').expect(404);
    expect(missing.body.message[0]).toBe('console file secrets.env does not exist: open /console');
    await request(server()).get('/console/assets/..%2Fconsole.module.ts').expect(404);
  });

  it('refuses a wrong token with 401 and sets no cookie', async () => {
    const res = await request(server()).post('/console/session').send({ token: 'cft_not-a-real-token' }).expect(401);
    expect(res.body.message[0]).toMatch(/^that token is not valid or its user is disabled/);
    expect(res.headers['set-cookie']).toBeUndefined();
    const empty = await request(server()).post('/console/session').send({ token: '' }).expect(400);
    expect(empty.body.details).toEqual([{ field: 'token', reason: 'paste your API token' }]);
  });

  it('signs in with the API token: an HttpOnly, SameSite=Strict cookie holding a random id stored only as a hash', async () => {
    const { res } = await signIn(w.tokens.commissionerA);
    const c = sessionCookie(res);
    expect(c.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=28800']));
    expect(c.attributes).not.toContain('Secure'); // plain http in the test
    expect(c.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(c.value).not.toBe(w.tokens.commissionerA);
    expect(res.body.user).toMatchObject({ role: 'commissioner', directorateIds: [w.dirA] });
    expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db.query('SELECT id_hash, user_id, csrf_token, expires_at FROM console_sessions WHERE id_hash = $1', [sha256(c.value)]);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0].user_id).toBe(res.body.user.id);
    expect(rows.rows[0].csrf_token).toBe(res.body.csrfToken);
    const hours = (new Date(rows.rows[0].expires_at).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
    // Neither the cookie value nor the API token is stored anywhere in the table.
    const leaked = await db.query('SELECT count(*)::int AS n FROM console_sessions WHERE id_hash IN ($1, $2) OR csrf_token IN ($1, $2)', [c.value, w.tokens.commissionerA]);
    expect(leaked.rows[0].n).toBe(0);
    const audit = await db.query("SELECT action, entity, actor_id FROM audit_log WHERE entity = 'console-session' AND actor_id = $1", [res.body.user.id]);
    expect(audit.rows).toEqual([{ action: 'sign-in', entity: 'console-session', actor_id: res.body.user.id }]);
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const res = await request(server()).post('/console/session').set('X-Forwarded-Proto', 'https').send({ token: w.tokens.finance }).expect(201);
    expect(sessionCookie(res).attributes).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict']));
  });

  it('lets the cookie read the API, and tells the console who is signed in and its CSRF token', async () => {
    const s = await signIn(w.tokens.executive);
    const me = await request(server()).get('/api/users/me').set('Cookie', s.cookie).expect(200);
    expect(me.body).toMatchObject({ role: 'executive', directorateIds: [] });
    const current = await request(server()).get('/console/session').set('Cookie', s.cookie).expect(200);
    expect(current.body).toMatchObject({ user: { role: 'executive' }, csrfToken: s.csrf });
    const none = await request(server()).get('/console/session').expect(401);
    expect(none.body.message[0]).toMatch(/^not signed in to the console/);
  });

  it('refuses a write made with the cookie unless it carries the session\'s X-CSRF-Token', async () => {
    const s = await signIn(w.tokens.commissionerA);
    const org = makeOrganisation({ name: 'Bletchley Youth Trust' });
    const missing = await request(server()).post('/api/organisations').set('Cookie', s.cookie).send(org).expect(403);
    expect(missing.body.message[0]).toMatch(/^X-CSRF-Token: a change made with the console session needs the X-CSRF-Token header/);
    const wrong = await request(server()).post('/api/organisations').set('Cookie', s.cookie).set('X-CSRF-Token', 'x'.repeat(43)).send(org).expect(403);
    expect(wrong.body.code).toBe('FORBIDDEN');
    const other = await signIn(w.tokens.commissionerB); // another session's token does not do either
    await request(server()).post('/api/organisations').set('Cookie', s.cookie).set('X-CSRF-Token', other.csrf).send(org).expect(403);
    const none = await db.query("SELECT count(*)::int AS n FROM organisations WHERE name = 'Bletchley Youth Trust'");
    expect(none.rows[0].n).toBe(0);

    const ok = await request(server()).post('/api/organisations').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).send(org).expect(201);
    expect(ok.body.name).toBe('Bletchley Youth Trust');
    const audit = await db.query("SELECT actor_email FROM audit_log WHERE entity = 'organisation' AND entity_id = $1", [ok.body.id]);
    expect(audit.rows[0].actor_email).toMatch(/^commissioner\./);
  });

  it('keeps roles with the cookie (a commissioner may not create a funder)', async () => {
    const s = await signIn(w.tokens.commissionerA);
    const res = await request(server()).post('/api/funders').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).send({ name: 'X', orgId: 'GB-LAE-XYZ' }).expect(403);
    expect(res.body.message[0]).toMatch(/^the commissioner role may not do this/);
  });

  it('ignores the cookie when a Bearer token is sent (no CSRF needed then), so scripts are unaffected', async () => {
    const s = await signIn(w.tokens.executive);
    const me = await request(server()).get('/api/users/me').set('Cookie', s.cookie).set('Authorization', `Bearer ${w.tokens.finance}`).expect(200);
    expect(me.body.role).toBe('finance');
    await request(server()).post('/api/organisations').set('Cookie', s.cookie).set('Authorization', `Bearer ${w.tokens.commissionerA}`).send(makeOrganisation()).expect(201);
    await request(server()).get('/api/users/me').set('Cookie', s.cookie).set('Authorization', 'Basic abc').expect(401);
  });

  it('signs out: the session row is deleted, the cookie cleared, and the old cookie stops working', async () => {
    const s = await signIn(w.tokens.finance);
    await request(server()).delete('/console/session').set('Cookie', s.cookie).expect(403); // without CSRF
    const out = await request(server()).delete('/console/session').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).expect(204);
    expect(sessionCookie(out).value).toBe('');
    expect(sessionCookie(out).attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT']));
    const rows = await db.query('SELECT count(*)::int AS n FROM console_sessions WHERE id_hash = $1', [sha256(s.cookie.slice('cft_session='.length))]);
    expect(rows.rows[0].n).toBe(0);
    const after = await request(server()).get('/api/users/me').set('Cookie', s.cookie).expect(401);
    expect(after.body.message[0]).toMatch(/^sign in/);

    const s2 = await signIn(w.tokens.finance); // the POST form of sign-out, for clients without DELETE
    await request(server()).post('/console/session/delete').set('Cookie', s2.cookie).set('X-CSRF-Token', s2.csrf).expect(204);
    await request(server()).get('/console/session').set('Cookie', s2.cookie).expect(401);
  });

  it('ends a disabled user\'s session at once', async () => {
    const created = await t.as(w.tokens.admin).post('/api/users', { email: 'leaving.exec@example.gov.uk', role: 'executive' }).expect(201);
    const s = await signIn(created.body.token);
    await request(server()).get('/api/awards').set('Cookie', s.cookie).expect(200);
    await t.as(w.tokens.admin).post(`/api/users/${created.body.id}/disable`).expect(200);
    const res = await request(server()).get('/api/awards').set('Cookie', s.cookie).expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    await request(server()).get('/console/session').set('Cookie', s.cookie).expect(401);
    await request(server()).post('/console/session').send({ token: created.body.token }).expect(401);
  });

  it('ends an expired session', async () => {
    const s = await signIn(w.tokens.executive);
    await db.query("UPDATE console_sessions SET expires_at = now() - interval '1 second' WHERE id_hash = $1", [sha256(s.cookie.slice('cft_session='.length))]);
    await request(server()).get('/api/users/me').set('Cookie', s.cookie).expect(401);
  });

  it('lists organisations funded by two or more directorates with the amount from each (executives, finance, admin)', async () => {
    const admin = t.as(w.tokens.admin);
    const shared = (await admin.post('/api/organisations', makeOrganisation({ name: 'Milton Keynes Foodbank' })).expect(201)).body.id;
    const single = (await admin.post('/api/organisations', makeOrganisation({ name: 'Olney Village Hall' })).expect(201)).body.id;
    await admin.post('/api/awards', makeAward(w.dirA, shared, { payments: [], amountAwarded: '95000.00', title: 'Food parcels' })).expect(201);
    await admin.post('/api/awards', makeAward(w.dirA, shared, { payments: [], amountAwarded: '5000.50', title: 'Holiday meals', awardDate: '2025-07-01' })).expect(201);
    await admin.post('/api/awards', makeAward(w.dirB, shared, { payments: [], amountAwarded: '24000.00', title: 'Healthy eating' })).expect(201);
    await admin.post('/api/awards', makeAward(w.dirB, single, { payments: [], amountAwarded: '1000.00' })).expect(201);

    const s = await signIn(w.tokens.executive);
    const res = await request(server()).get('/console/cross-directorate-funding?q=foodbank').set('Cookie', s.cookie).expect(200);
    expect(res.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect(res.body.directorates.map((d: { id: string }) => d.id).sort()).toEqual([w.dirA, w.dirB].sort());
    expect(res.body.items).toEqual([
      {
        organisationId: shared,
        organisationName: 'Milton Keynes Foodbank',
        organisationType: 'charity',
        directorates: 2,
        totalAmount: '124000.50',
        cells: expect.arrayContaining([
          { directorateId: w.dirA, amount: '100000.50', awards: 2 },
          { directorateId: w.dirB, amount: '24000.00', awards: 1 },
        ]),
      },
    ]);
    const single1 = await request(server()).get('/console/cross-directorate-funding?q=olney').set('Cookie', s.cookie).expect(200);
    expect(single1.body).toMatchObject({ items: [], total: 0, directorates: [] });
    const dated = await request(server()).get('/console/cross-directorate-funding?q=foodbank&from=2025-06-01').set('Cookie', s.cookie).expect(200);
    expect(dated.body.total).toBe(0); // only the July award from directorate A is after 1 June
    const bad = await request(server()).get('/console/cross-directorate-funding?from=2025-13-01').set('Cookie', s.cookie).expect(400);
    expect(bad.body.details[0].field).toBe('from');
    const commissioner = await signIn(w.tokens.commissionerA);
    await request(server()).get('/console/cross-directorate-funding').set('Cookie', commissioner.cookie).expect(403);
    await request(server()).get('/console/cross-directorate-funding').expect(401);
  });

  it('slows repeated bad sign-ins from one address with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await request(server()).post('/console/session').send({ token: `cft_guess_${i}` })).status);
    const first429 = statuses.indexOf(429);
    expect(statuses[0]).toBe(401);
    expect(first429).toBeGreaterThan(5); // BAD_TOKEN_LIMIT (10) failures per address and minute, some spent above
    expect(statuses.slice(0, first429).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(first429).every((s) => s === 429)).toBe(true);
  });
});
