import { Queue } from 'bullmq';
import { QueueName, redisOptions } from '@app/jobs';
import { testQueuePrefix } from '@app/testing';
import { createTestApp, TestApp } from './support/app.js';
import { seedWorld, World } from './factories/index.js';

type BoardJob = { id: string; name: string; data: Record<string, unknown> };
type BoardQueue = { name: string; readOnlyMode: boolean; counts: Record<string, number>; jobs: BoardJob[] };

/**
 * The queue dashboard (bull-board) at /api/admin/queues against real Redis: admins only, by token or by
 * the console's session cookie; its page, files and API come from this API under its security headers.
 */
describe('queue dashboard for admins (e2e)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  const signIn = async (token: string) => {
    const res = await t.http().post('/console/session').send({ token }).expect(201);
    return String(res.headers['set-cookie']).split(';')[0];
  };

  it('lists both queues, and shows a job enqueued through the product with its payload', async () => {
    const started = await t.as(w.tokens.finance).post('/api/jobs', { type: 'funding-database', params: { funderId: w.funderId } }).expect(202);
    await t.as(w.tokens.admin).post('/api/compliance/recheck', {}).expect((r) => expect(r.status).toBeLessThan(300));

    const res = await t.as(w.tokens.admin).get('/api/admin/queues/api/queues?activeQueue=jobs&status=latest&page=1&jobsPerPage=50').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const queues = res.body.queues as BoardQueue[];
    expect(queues.map((q) => q.name).sort()).toEqual(['jobs', 'maintenance']);
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);

    const jobs = queues.find((q) => q.name === 'jobs')!;
    const job = jobs.jobs.find((j) => j.id === started.body.id);
    expect(job).toMatchObject({ name: 'funding-database', data: { requestedBy: expect.stringContaining('@'), params: { funderId: w.funderId } } });
    expect(jobs.counts.waiting + jobs.counts.active + jobs.counts.completed).toBeGreaterThanOrEqual(1);
    const maintenance = queues.find((q) => q.name === 'maintenance')!;
    expect(maintenance.counts.waiting + maintenance.counts.active + maintenance.counts.completed + maintenance.counts.failed).toBeGreaterThanOrEqual(1);

    const one = await t.as(w.tokens.admin).get(`/api/admin/queues/api/queues/jobs/${started.body.id}`).expect(200);
    expect(one.body.job).toMatchObject({ id: started.body.id, name: 'funding-database' });
  });

  it("shows only this installation's queues (QUEUE_PREFIX), not another prefix's job in the same Redis", async () => {
    const other = new Queue(QueueName.Jobs, { connection: redisOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'), prefix: `${testQueuePrefix()}-other` });
    try {
      const foreign = await other.add('open-data', { requestedBy: 'someone@other.example', params: {} });
      const res = await t.as(w.tokens.admin).get('/api/admin/queues/api/queues?activeQueue=jobs&status=latest&page=1&jobsPerPage=50').expect(200);
      const listed = (res.body.queues as BoardQueue[]).flatMap((q) => q.jobs);
      expect(listed.length).toBeGreaterThanOrEqual(1);
      expect(listed.map((j) => j.id)).not.toContain(foreign.id);
      expect(listed.map((j) => j.data.requestedBy)).not.toContain('someone@other.example');
    } finally {
      await other.obliterate({ force: true });
      await other.close();
    }
  });

  it('answers anonymous callers 401 and other roles 403 in the usual JSON error shape, on the page, its files and its API', async () => {
    const urls = ['/api/admin/queues', '/api/admin/queues/queue/jobs', '/api/admin/queues/api/queues', '/api/admin/queues/static/images/logo.svg'];
    for (const url of urls) {
      const anon = await t.http().get(url).expect(401);
      expect(anon.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'UNAUTHENTICATED' });
      for (const role of ['commissionerA', 'finance', 'executive'] as const) {
        const res = await t.as(w.tokens[role]).get(url).expect(403);
        expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden', code: 'FORBIDDEN', message: [expect.stringMatching(/needs one of: admin/)] });
      }
    }
  });

  it("lets an admin in with the console's session cookie, and refuses another role's cookie", async () => {
    const adminCookie = await signIn(w.tokens.admin);
    const page = await t.http().get('/api/admin/queues').set('Cookie', adminCookie).expect(200);
    expect(page.text).toContain('<div id="root">');
    const api = await t.http().get('/api/admin/queues/api/queues').set('Cookie', adminCookie).expect(200);
    expect(api.body.queues.map((q: BoardQueue) => q.name).sort()).toEqual(['jobs', 'maintenance']);

    const financeCookie = await signIn(w.tokens.finance);
    expect((await t.http().get('/api/admin/queues').set('Cookie', financeCookie).expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('serves the page and its files from this API under a strict content security policy, with nothing from a CDN', async () => {
    const page = await t.as(w.tokens.admin).get('/api/admin/queues').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/style-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*;/);
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-powered-by']).toBeUndefined();
    expect(page.text).not.toMatch(/https?:\/\//);
    expect(page.text).not.toMatch(/<style|style="|<script(?![^>]*(src=|type="application\/json"))/);
    expect(page.text).toContain('<base href="/api/admin/queues/">');

    const files = [...page.text.matchAll(/(?:href|src)="(static\/[^"]+)"/g)].map((m) => m[1]);
    expect(files.filter((f) => f.endsWith('.js')).length).toBeGreaterThanOrEqual(1);
    expect(files.filter((f) => f.endsWith('.css')).length).toBeGreaterThanOrEqual(1);
    for (const f of files) {
      const res = await t.as(w.tokens.admin).get(`/api/admin/queues/${f}`).buffer(true).expect(200);
      expect(res.headers['content-type']).toMatch(f.endsWith('.js') ? /javascript/ : f.endsWith('.css') ? /text\/css/ : /image/);
      expect(res.headers['content-security-policy']).toBe(csp);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers unknown files, queues and API addresses, and traversal, with a JSON 404', async () => {
    for (const url of ['/api/admin/queues/static/nope.js', '/api/admin/queues/static/..%2F..%2Fpackage.json', '/api/admin/queues/queue/other-installation', '/api/admin/queues/api/nope']) {
      const res = await t.as(w.tokens.admin).get(url).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: [expect.stringContaining('/api/admin/queues')] });
    }
  });

  it('offers no way to change a job: retrying, removing, pausing and adding are not routes', async () => {
    const job = (await t.as(w.tokens.finance).post('/api/jobs', { type: 'open-data', params: {} }).expect(202)).body.id;
    for (const [method, url] of [['put', `/api/admin/queues/api/queues/jobs/${job}/clean`], ['put', '/api/admin/queues/api/queues/jobs/pause'], ['put', '/api/admin/queues/api/queues/jobs/empty'], ['post', '/api/admin/queues/api/queues/jobs/add']] as const)
      await t.as(w.tokens.admin)[method](url, {}).expect(404);
    const after = await t.as(w.tokens.admin).get(`/api/admin/queues/api/queues/jobs/${job}`).expect(200);
    expect(after.body.job.id).toBe(job);
  });
});
