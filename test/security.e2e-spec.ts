import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { jobOutputDir, QueueName, redisOptions, writeOutputAtomically } from '@app/jobs';
import type { Role } from '@app/auth';
import { ADMIN_TOKEN, createTestApp, TestApp } from './support/app.js';
import { allRoutes, fillPath, HttpMethod, OpenApiDocument, Route } from './support/routes.js';
import { startApiProcess } from './support/api-process.js';
import { makeAward, makeFunder, makeOrganisation, seedWorld, World } from './factories/index.js';

/**
 * The security suite (issue 9). Routes are enumerated from the OpenAPI document and the controllers'
 * own metadata when the suite runs, so a new route is held to the same rules without editing this file
 * (except the audit recipes, which must know how to make each write succeed).
 */

const STAFF: Role[] = ['admin', 'commissioner', 'finance', 'executive'];

/** The roles CONTRACT.md and the README give these routes; the declared @Roles must say the same. */
const CONTRACT_ROLES: Record<string, Role[]> = {
  'POST /api/funders': ['admin'],
  'PATCH /api/funders/{id}': ['admin'],
  'POST /api/directorates': ['admin'],
  'PATCH /api/directorates/{id}': ['admin'],
  'POST /api/users': ['admin'],
  'GET /api/users': ['admin'],
  'POST /api/users/{id}/disable': ['admin'],
  'POST /api/users/{id}/enable': ['admin'],
  'GET /api/audit': ['admin', 'executive'],
  'POST /api/awards': ['admin', 'commissioner'],
  'PATCH /api/awards/{id}': ['admin', 'commissioner'],
  'DELETE /api/awards/{id}': ['admin', 'commissioner'],
  'POST /api/awards/{id}/publish': ['admin', 'commissioner'],
  'POST /api/organisations': ['admin', 'commissioner'],
  'PATCH /api/organisations/{id}': ['admin', 'commissioner'],
  'PATCH /api/flags/{id}': ['admin', 'executive'],
  'PUT /api/compact-profile': ['admin'],
  // The queue dashboard (bull-board): its page, views, files and API are all admin-only.
  'GET /api/admin/queues': ['admin'],
  'GET /api/admin/queues/job-schedulers': ['admin'],
  'GET /api/admin/queues/metrics-history': ['admin'],
  'GET /api/admin/queues/queue/{queueName}': ['admin'],
  'GET /api/admin/queues/queue/{queueName}/{jobId}': ['admin'],
  'GET /api/admin/queues/static/{path}': ['admin'],
  'GET /api/admin/queues/api/{path}': ['admin'],
};

/** Anonymous callers may reach only these: health, published data, and web pages outside /api. */
const mayBePublic = (path: string) => path === '/health' || path.startsWith('/api/public/') || !path.startsWith('/api/');

/** Writes that change no table, so leave no audit entry (the write-tracking test below checks that they write nothing). */
const NOT_AUDITED: Record<string, string> = {
  'POST /api/jobs': 'queues a job in Redis; the job records its own writes',
  'POST /api/compliance/check': 'a dry run: computes findings for an award that is not saved',
  'POST /api/compliance/recheck': 'queues a job in Redis',
  'POST /api/flags/recompute': 'queues a job in Redis; the job records its own writes',
  'POST /api/imports': 'keeps the upload on disk and queues a job; the job audits each award it writes, as the uploader',
};

const INJECTIONS = ["' OR 1=1 --", "'; DROP TABLE awards; --", '" OR ""="', '1) OR (1=1', "%' OR '%'='", "'; SELECT pg_sleep(5); --", "' UNION SELECT token_hash FROM users --", '%', '_'];
/** What a leaked database error or stack trace looks like in a response. */
const LEAK = /syntax error|QueryFailedError|unterminated quoted|relation "|at [\w.<>]+ \(|\.(js|ts):\d+:\d+|node_modules/i;
const SORTISH = new Set(['sort', 'order', 'orderBy', 'groupBy', 'worst']);

type Ctx = { t: TestApp; w: World; emails: Record<string, string>; db: pg.Client };

describe('security: roles, hostile input, secrets, audit and logs (e2e)', () => {
  let t: TestApp;
  let w: World;
  let db: pg.Client;
  let routes: Route[];
  let base: string;
  let outputDir: string;
  const emails: Record<string, string> = {};
  const tokenOf = (role: Role) => (role === 'commissioner' ? w.tokens.commissionerA : w.tokens[role]);
  const has = (key: string) => routes.some((r) => r.key === key);

  const send = (method: HttpMethod, url: string, token?: string, body?: unknown) => {
    let r = t.http()[method](url);
    if (token) r = r.set('Authorization', `Bearer ${token}`);
    if (body !== undefined && method !== 'get') r = r.send(body as object);
    return r;
  };

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'security-'));
    outputDir = join(base, 'out');
    await mkdir(outputDir);
    t = await createTestApp({ OUTPUT_DIR: outputDir, UPLOAD_LIMIT_MB: '1' });
    w = await seedWorld(t);
    const doc: OpenApiDocument = (await t.http().get('/api/docs-json').expect(200)).body;
    routes = allRoutes(doc, t.app);
    for (const [name, token] of Object.entries(w.tokens)) emails[name] = (await t.as(token).get('/api/users/me').expect(200)).body.email;
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    await installWriteTracking(db);
  }, 120_000);
  afterAll(async () => {
    await db.end();
    await t.close();
    await rm(base, { recursive: true, force: true });
  });

  describe('the role matrix over every route', () => {
    it('finds the contract routes in the OpenAPI document and the controllers', () => {
      expect(routes.length).toBeGreaterThan(20);
      expect(routes.map((r) => r.key)).toEqual(expect.arrayContaining(['GET /health', 'POST /api/awards', 'GET /api/audit', 'POST /api/users/{id}/disable', 'GET /api/jobs/{id}/files/{name}', 'GET /api/admin/queues', 'GET /api/admin/queues/api/{path}']));
    });

    it('documents every route in OpenAPI, except public web pages', () => {
      const hidden = routes.filter((r) => !r.documented && !(r.isPublic && r.method === 'get' && !r.path.startsWith('/api/')));
      expect(hidden.map((r) => r.key)).toEqual([]);
    });

    it('declares the roles the contract gives each route it names', () => {
      const wrong = Object.entries(CONTRACT_ROLES)
        .filter(([key]) => has(key))
        .map(([key, roles]) => ({ key, declared: [...(routes.find((r) => r.key === key)!.roles ?? STAFF)].sort(), contract: [...roles].sort() }))
        .filter((x) => JSON.stringify(x.declared) !== JSON.stringify(x.contract));
      expect(wrong).toEqual([]);
    });

    it('makes every write route under /api say which roles may call it (@Roles)', () => {
      const open = routes.filter((r) => r.method !== 'get' && r.path.startsWith('/api/') && !r.isPublic && !r.roles);
      expect(open.map((r) => r.key)).toEqual([]);
    });

    it('lets anonymous callers reach only health, published data and web pages: 401 on every other route', async () => {
      const violations: string[] = [];
      for (const r of routes) {
        if (r.isPublic && !mayBePublic(r.path)) violations.push(`${r.key} is @Public but is not published data, health or a web page`);
        const res = await send(r.method, fillPath(r.path, placeholder), undefined, r.method === 'get' ? undefined : {});
        if (r.isPublic ? res.status >= 500 : res.status !== 401) violations.push(`${r.key} anonymous: ${res.status}`);
        if (!r.isPublic && res.body.code !== 'UNAUTHENTICATED') violations.push(`${r.key} anonymous: code ${res.body.code}`);
      }
      expect(violations).toEqual([]);
    }, 120_000);

    it('gives each staff role the routes its roles allow and 403 on the rest, never 401 or 5xx', async () => {
      const violations: string[] = [];
      for (const r of routes.filter((x) => !x.isPublic))
        for (const role of STAFF) {
          const allowed = (r.roles ?? STAFF).includes(role);
          const res = await send(r.method, fillPath(r.path, placeholder), tokenOf(role), r.method === 'get' ? undefined : {});
          if (allowed ? [401, 403].includes(res.status) || res.status >= 500 : res.status !== 403) violations.push(`${r.key} as ${role}: ${res.status} ${JSON.stringify(res.body?.message ?? '')}`);
        }
      expect(violations).toEqual([]);
    }, 120_000);

    it('refuses finance and executive every award write', () => {
      const awardWrites = routes.filter((r) => r.method !== 'get' && r.path.startsWith('/api/awards'));
      expect(awardWrites.length).toBeGreaterThanOrEqual(4);
      expect(awardWrites.filter((r) => (r.roles ?? STAFF).some((role) => role === 'finance' || role === 'executive')).map((r) => r.key)).toEqual([]);
    });

    it("refuses a commissioner of directorate B every write to directorate A's award, and changes nothing", async () => {
      const writes = routes.filter((r) => r.method !== 'get' && /^\/api\/awards\/\{id\}/.test(r.path));
      expect(writes.map((r) => r.key)).toEqual(expect.arrayContaining(['PATCH /api/awards/{id}', 'DELETE /api/awards/{id}', 'POST /api/awards/{id}/publish']));
      const violations: string[] = [];
      for (const r of writes) {
        const award = (await t.as(w.tokens.commissionerA).post('/api/awards', makeAward(w.dirA, w.orgId)).expect(201)).body;
        const body = r.method === 'patch' ? { version: award.version, title: 'Hijacked' } : {};
        const res = await send(r.method, fillPath(r.path, (n) => (n === 'id' ? award.id : placeholder(n))), w.tokens.commissionerB, r.method === 'delete' ? undefined : body);
        if (res.status !== 403) violations.push(`${r.key}: ${res.status}`);
        const after = await t.as(ADMIN_TOKEN).get(`/api/awards/${award.id}`);
        if (after.status !== 200 || after.body.version !== award.version || after.body.title !== award.title || after.body.status !== award.status) violations.push(`${r.key}: award changed`);
      }
      expect(violations).toEqual([]);
      const before = await count(db, 'awards');
      const res = await t.as(w.tokens.commissionerA).post('/api/awards', makeAward(w.dirB, w.orgId)).expect(403);
      expect(res.body.message[0]).toMatch(/not one of yours/);
      expect(await count(db, 'awards')).toBe(before);
    }, 120_000);
  });

  describe('hostile input', () => {
    let awardsBefore: number;
    let tablesBefore: string[];
    beforeAll(async () => {
      // Published rows, so an injection that matched everything would show.
      for (let i = 0; i < 3; i++) {
        const a = (await t.as(ADMIN_TOKEN).post('/api/awards', makeAward(w.dirA, w.orgId, { title: `Published play scheme ${i}` })).expect(201)).body;
        await t.as(ADMIN_TOKEN).post(`/api/awards/${a.id}/publish`).expect(200);
      }
      awardsBefore = await count(db, 'awards');
      tablesBefore = (await db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.tablename);
    });

    it('answers SQL injection in every query parameter of every GET route with no rows or 400, never 500', async () => {
      const violations: string[] = [];
      const lists = routes.filter((r) => r.method === 'get' && r.pathParams.length === 0 && r.queryParams.some((p) => p !== 'page' && p !== 'pageSize'));
      expect(lists.map((r) => r.key)).toEqual(expect.arrayContaining(['GET /api/awards', 'GET /api/organisations', 'GET /api/audit']));
      for (const r of lists) {
        const token = r.isPublic ? undefined : ADMIN_TOKEN;
        const baseline = rowsOf(await send('get', r.path, token));
        for (const param of r.queryParams.filter((p) => p !== 'page' && p !== 'pageSize')) {
          for (const inj of INJECTIONS) {
            const started = Date.now();
            const res = await send('get', `${r.path}?${param}=${encodeURIComponent(inj)}`, token);
            const rows = rowsOf(res);
            const where = `${r.key}?${param}=${inj}`;
            if (![200, 400].includes(res.status)) violations.push(`${where}: ${res.status}`);
            if (LEAK.test(res.text)) violations.push(`${where}: leaks internals: ${res.text.slice(0, 200)}`);
            if (Date.now() - started > 3000) violations.push(`${where}: took ${Date.now() - started} ms`);
            if (res.status === 200 && rows !== null && (SORTISH.has(param) ? baseline !== null && rows > baseline : rows !== 0)) violations.push(`${where}: ${rows} rows (unfiltered: ${baseline})`);
          }
          const twice = await send('get', `${r.path}?${param}=a&${param}=b`, token);
          if (twice.status >= 500) violations.push(`${r.key}?${param}=a&${param}=b: ${twice.status}`);
        }
      }
      expect(violations).toEqual([]);
    }, 120_000);

    it('answers SQL injection, traversal and markup in every path parameter with 400 or 404, never echoing markup as HTML', async () => {
      const violations: string[] = [];
      for (const r of routes.filter((x) => x.method === 'get' && x.pathParams.length))
        for (const inj of [...INJECTIONS, '../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '<script>alert(1)</script>']) {
          const res = await send('get', fillPath(r.path, () => encodeURIComponent(inj)), r.isPublic ? undefined : ADMIN_TOKEN);
          const html = /html/.test(String(res.headers['content-type']));
          if (![400, 404].includes(res.status) || LEAK.test(res.text) || res.text.includes('root:x:0:0') || (html && res.text.includes('<script>alert(1)')))
            violations.push(`${r.key} with ${inj}: ${res.status} ${res.headers['content-type']}`);
        }
      expect(violations).toEqual([]);
    }, 120_000);

    it('caps the page size of every list at 500', async () => {
      const lists = routes.filter((r) => r.method === 'get' && r.queryParams.includes('pageSize') && r.pathParams.length === 0);
      const statuses = [];
      for (const r of lists) {
        const token = r.isPublic ? undefined : ADMIN_TOKEN;
        statuses.push([r.key, (await send('get', `${r.path}?pageSize=500`, token)).status, (await send('get', `${r.path}?pageSize=501`, token)).status, (await send('get', `${r.path}?pageSize=-1`, token)).status]);
      }
      expect(statuses.length).toBeGreaterThanOrEqual(5);
      expect(statuses).toEqual(lists.map((r) => [r.key, 200, 400, 400]));
    });

    it('keeps every table and every award after the injections', async () => {
      expect(await count(db, 'awards')).toBe(awardsBefore);
      expect((await db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.tablename)).toEqual(tablesBefore);
    });

    it('stores injection strings sent in bodies as plain text', async () => {
      const name = "'; DROP TABLE awards; -- Trust";
      const org = await t.as(ADMIN_TOKEN).post('/api/organisations', makeOrganisation({ name })).expect(201);
      expect((await t.as(ADMIN_TOKEN).get(`/api/organisations/${org.body.id}`).expect(200)).body.name).toBe(name);
      const found = await t.as(ADMIN_TOKEN).get(`/api/organisations?q=${encodeURIComponent("'; DROP TABLE")}`).expect(200);
      expect(found.body.items.map((o: { id: string }) => o.id)).toEqual([org.body.id]);
      expect(await count(db, 'awards')).toBe(awardsBefore);
    });

    it('shows markup in organisation names escaped on the public page, and sends published data as JSON', async () => {
      const markup = '<script>alert("xss")</script><img src=x onerror=alert(1)> Play Trust';
      const org = await t.as(ADMIN_TOKEN).post('/api/organisations', makeOrganisation({ name: markup })).expect(201);
      const award = await t.as(ADMIN_TOKEN).post('/api/awards', makeAward(w.dirA, org.body.id, { title: 'Markup test award' })).expect(201);
      await t.as(ADMIN_TOKEN).post(`/api/awards/${award.body.id}/publish`).expect(200);
      const page = await t.http().get('/');
      const reflected = await t.http().get(`/?q=${encodeURIComponent('<script>alert(2)</script>')}`);
      if (page.status === 404) {
        // No public page in this build yet: nothing is served at / at all.
        expect([page.status, reflected.status]).toEqual([404, 404]);
      } else {
        expect(page.status).toBe(200);
        expect(page.headers['content-type']).toMatch(/text\/html/);
        for (const text of [page.text, reflected.text]) {
          expect(text).not.toContain('<script>alert(');
          expect(text).not.toContain('<img src=x onerror');
        }
      }
      if (has('GET /api/public/grants')) {
        const grants = await t.http().get('/api/public/grants').expect(200);
        expect(grants.headers['content-type']).toMatch(/application\/json/);
        expect(JSON.stringify(grants.body)).toContain(JSON.stringify(markup).slice(1, -1));
      }
    });

    it('never publishes an individual by name or postcode', async () => {
      const person = await t.as(ADMIN_TOKEN).post('/api/organisations', { name: 'Jane Privatperson-Citizen', type: 'individual', postcode: 'MK17 9ZZ' }).expect(201);
      // Even a title and description that name the person must not carry the name out.
      const award = await t.as(ADMIN_TOKEN).post('/api/awards', makeAward(w.dirA, person.body.id, { title: 'Hardship grant for Jane Privatperson-Citizen', description: 'Jane Privatperson-Citizen of MK17 9ZZ' })).expect(201);
      await t.as(ADMIN_TOKEN).post(`/api/awards/${award.body.id}/publish`).expect(200);
      const publicGets = routes.filter((r) => r.method === 'get' && r.isPublic && r.pathParams.length === 0 && r.path !== '/health');
      const seen: [string, number, boolean][] = [];
      for (const r of [...publicGets.map((x) => (x.queryParams.includes('pageSize') ? `${x.path}?pageSize=500` : x.path)), '/']) {
        const res = await t.http().get(r);
        seen.push([r, res.status, /Privatperson|MK17 9ZZ/i.test(res.text)]);
      }
      expect(seen.filter(([, , leaked]) => leaked)).toEqual([]);
      if (has('GET /api/public/grants')) {
        const grants = (await t.http().get('/api/public/grants?pageSize=500').expect(200)).body.grants as { id: string; recipientIndividual?: { name: string }; recipientOrganization?: unknown }[];
        const grant = grants.find((g) => g.id.endsWith(award.body.id));
        expect([grant?.recipientIndividual?.name, grant?.recipientOrganization]).toEqual(['Individual Recipient', undefined]);
      }
    });
  });

  describe('oversized and malformed bodies', () => {
    const writes = () => routes.filter((r) => r.method !== 'get');

    it('refuses a body over 1 MB on every write route with 413 and a JSON error', async () => {
      const big = JSON.stringify({ name: 'x'.repeat(1_100_000) });
      const got: [string, number, string][] = [];
      for (const r of writes()) {
        const res = await t.http()[r.method](fillPath(r.path, placeholder)).set('Authorization', `Bearer ${ADMIN_TOKEN}`).set('Content-Type', 'application/json').send(big);
        got.push([r.key, res.status, res.body.message?.[0]]);
      }
      expect(got).toEqual(writes().map((r) => [r.key, 413, 'body: the request body is larger than the limit (1 MB); send fewer rows at a time or use POST /api/imports']));
    }, 120_000);

    it('answers malformed JSON on every write route with 400, and hostile JSON never with 500', async () => {
      // Not JSON (or not an object or array, which the parser's strict mode refuses): 400 before any route runs.
      const malformed = ['{"name": "unterminated', '{name: 1}', "{'a': 1}", 'null', '"text"', '123', '{"a":1}{"b":2}'];
      // JSON, but hostile: a route that ignores its body may succeed, none may fail with 500 or pollute prototypes.
      const hostile = ['[]', '[{}]', '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}', `{"a": ${'['.repeat(5000)}${']'.repeat(5000)}}`];
      const violations: string[] = [];
      for (const r of writes())
        for (const body of [...malformed, ...hostile]) {
          const res = await t.http()[r.method](fillPath(r.path, placeholder)).set('Authorization', `Bearer ${ADMIN_TOKEN}`).set('Content-Type', 'application/json').send(body);
          const ok = malformed.includes(body) ? res.status === 400 && /^body: the request body is not valid JSON/.test(res.body.message?.[0]) : res.status < 500;
          if (!ok || LEAK.test(res.text)) violations.push(`${r.key} with ${body.slice(0, 40)}: ${res.status} ${res.text.slice(0, 120)}`);
        }
      expect(violations).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const deep = await t.http().post('/api/funders').set('Authorization', `Bearer ${ADMIN_TOKEN}`).set('Content-Type', 'application/json').send(`{"name": ${'['.repeat(40)}${']'.repeat(40)}}`).expect(400);
      expect(deep.body).toMatchObject({ code: 'VALIDATION', message: ['body: the JSON is nested more than 32 levels deep; send the fields as documented at /api/docs'] });
    }, 120_000);

    it('refuses an upload over UPLOAD_LIMIT_MB (1 MB here) on every multipart route with 413, keeping none of it', async () => {
      const multipart = routes.filter((r) => r.consumes.includes('multipart/form-data'));
      const got = [];
      for (const r of multipart) {
        const res = await t.http()[r.method](fillPath(r.path, placeholder)).set('Authorization', `Bearer ${ADMIN_TOKEN}`).attach('file', Buffer.alloc(1_500_000, 'a'), 'grants.csv');
        got.push([r.key, res.status, res.body.code]);
      }
      expect(got).toEqual(multipart.map((r) => [r.key, 413, 'TOO_LARGE']));
      const left = (await readdir(outputDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
      const sizes = await Promise.all(left.map(async (e) => (await stat(join(e.parentPath, e.name))).size));
      expect(sizes.filter((b) => b >= 1_000_000)).toEqual([]);
    });
  });

  describe('file downloads', () => {
    let jobId: string;
    const secret = `top-secret-${randomBytes(6).toString('hex')}`;
    beforeAll(async () => {
      // A completed job with one output, made by a stand-in worker on the app's queue and output folder.
      await writeFile(join(base, 'secret.txt'), secret);
      const other = randomUUID();
      await mkdir(jobOutputDir(outputDir, other), { recursive: true });
      await writeFile(join(jobOutputDir(outputDir, other), 'secret.csv'), secret);
      const connection = redisOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
      const prefix = process.env.QUEUE_PREFIX;
      const queue = new Queue(QueueName.Jobs, { connection, prefix });
      const events = new QueueEvents(QueueName.Jobs, { connection, prefix });
      await events.waitUntilReady();
      jobId = randomUUID();
      const worker = new Worker(
        QueueName.Jobs,
        async (job) => (job.id === jobId ? { files: [await writeOutputAtomically(jobOutputDir(outputDir, jobId), 'grants.csv', (p) => writeFile(p, 'id,title\n1,Play\n'))] } : { files: [] }),
        { connection, prefix },
      );
      try {
        const job = await queue.add('funding-database', { requestedBy: 'admin@localhost', params: {} }, { jobId });
        await job.waitUntilFinished(events, 20_000);
      } finally {
        await worker.close();
        await events.close();
        await queue.close();
      }
    });

    it('serves a job output to staff only', async () => {
      const ok = await t.as(w.tokens.finance).get(`/api/jobs/${jobId}/files/grants.csv`).expect(200);
      expect(ok.text).toBe('id,title\n1,Play\n');
      expect(ok.headers['content-disposition']).toMatch(/^attachment; filename="?grants\.csv"?$/);
      await t.http().get(`/api/jobs/${jobId}/files/grants.csv`).expect(401);
    });

    it('never serves a file outside the job\'s own outputs, however the path is written', async () => {
      const names = ['..%2F..%2Fetc%2Fpasswd', '..%2F..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd', '%2Fetc%2Fpasswd', '..%252F..%252Fetc%252Fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%5C..%5Cetc%5Cpasswd', '..%2F..%2Fsecret.txt', '..%2Fsecret.txt', 'grants.csv%00.txt', '.', '..', '%2e%2e'];
      const urls = [
        ...names.map((n) => `/api/jobs/${jobId}/files/${n}`),
        '/api/jobs/../../etc/passwd',
        `/api/jobs/${jobId}/files/../../../../etc/passwd`,
        '/api/jobs/..%2F..%2Fetc/files/passwd',
        `/api/jobs/..%2F${jobId}/files/grants.csv`,
      ];
      const got: [string, number, boolean][] = [];
      for (const url of urls) {
        const res = await t.as(ADMIN_TOKEN).get(url).buffer(true);
        const text = res.text ?? String(res.body);
        got.push([url, res.status, text.includes('root:x:0:0') || text.includes(secret)]);
      }
      expect(got.filter(([, status, leaked]) => leaked || ![400, 404].includes(status))).toEqual([]);
    });

    it("does not serve another job's file through this job", async () => {
      const res = await t.as(ADMIN_TOKEN).get(`/api/jobs/${jobId}/files/secret.csv`).expect(404);
      expect(res.body.message[0]).toBe(`job ${jobId} has no file called secret.csv: GET /api/jobs/${jobId} lists its files`);
    });
  });

  describe('tokens', () => {
    it('answers the 11th bad token from one address with 429 and refuses even a valid token from it until the block ends', async () => {
      const from = (ip: string) => (r: request.Test) => r.set('X-Forwarded-For', ip);
      const a = from('198.51.100.7');
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await a(t.as(`cft_guess_${i}_${randomBytes(8).toString('hex')}`).get('/api/awards'))).status);
      expect(statuses).toEqual([...Array(10).fill(401), 429]);
      const blocked = await a(t.as(ADMIN_TOKEN).get('/api/awards'));
      expect(blocked.status).toBe(429);
      expect(blocked.headers['retry-after']).toBe('60');
      expect(blocked.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS', message: [expect.stringMatching(/^too many bad tokens from this address: wait \d+ s/)] });
      // Spoofed addresses to the left of the real one (behind a local proxy) do not lift the block.
      await t.as(ADMIN_TOKEN).get('/api/awards').set('X-Forwarded-For', '203.0.113.99, 198.51.100.7').expect(429);
      // Other addresses are not affected; requests without any token never count.
      await from('198.51.100.8')(t.as(ADMIN_TOKEN).get('/api/awards')).expect(200);
      const anon = [];
      for (let i = 0; i < 12; i++) anon.push((await t.http().get('/api/awards').set('X-Forwarded-For', '198.51.100.9')).status);
      expect(anon).toEqual(Array(12).fill(401));
    });

    it('counts bad tokens sent to the console sign-in towards the same limit', async () => {
      if (!has('POST /console/session')) return expect(has('POST /console/session')).toBe(false);
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await t.http().post('/console/session').set('X-Forwarded-For', '198.51.100.20').send({ token: `cft_guess_${i}` })).status);
      expect(statuses).toEqual([...Array(10).fill(401), 429]);
      await t.http().post('/console/session').set('X-Forwarded-For', '198.51.100.20').send({ token: ADMIN_TOKEN }).expect(429);
    });

    it('gives the console an HttpOnly, SameSite=Strict cookie, and refuses a change made with it but without the CSRF token', async () => {
      if (!has('POST /console/session')) return expect(has('POST /console/session')).toBe(false);
      const s = await t.http().post('/console/session').send({ token: ADMIN_TOKEN }).expect(201);
      const cookie = String(s.headers['set-cookie']);
      expect(cookie).toMatch(/^cft_session=[A-Za-z0-9_-]{40,}; Max-Age=28800; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
      expect(cookie).not.toContain(ADMIN_TOKEN);
      const refused = await t.http().post('/api/funders').set('Cookie', cookie).send(makeFunder({ name: 'Forged by another site' })).expect(403);
      expect(refused.body.message[0]).toMatch(/^X-CSRF-Token:/);
      await t.http().post('/api/funders').set('Cookie', cookie).set('X-CSRF-Token', 'guessed').send(makeFunder()).expect(403);
      await t.http().post('/api/funders').set('Cookie', cookie).set('X-CSRF-Token', s.body.csrfToken).send(makeFunder({ name: 'Made in the console' })).expect(201);
      expect((await db.query("SELECT count(*)::int AS n FROM funders WHERE name = 'Forged by another site'")).rows[0].n).toBe(0);
    });

    it("refuses a disabled user's token at once, and its console session", async () => {
      const created = await t.as(ADMIN_TOKEN).post('/api/users', { email: `leaver.${Date.now()}@example.gov.uk`, role: 'executive' }).expect(201);
      const token: string = created.body.token;
      await t.as(token).get('/api/awards').expect(200);
      const cookie = has('POST /console/session') ? (await t.http().post('/console/session').send({ token }).expect(201)).headers['set-cookie'] : undefined;
      if (cookie) await t.http().get('/api/awards').set('Cookie', cookie).expect(200);
      const disabled = await t.as(ADMIN_TOKEN).post(`/api/users/${created.body.id}/disable`).expect(200);
      expect(disabled.body).toMatchObject({ id: created.body.id, disabled: true });
      const refused = await t.as(token).get('/api/awards').expect(401);
      expect(refused.body.message).toEqual(['the token is not valid or its user is disabled: ask an admin for a new token']);
      if (cookie) await t.http().get('/api/awards').set('Cookie', cookie).expect(401);
      await t.as(token).get('/api/users/me').expect(401);
    });

    it('shows a token once: never in user lists, the audit trail or /me', async () => {
      const created = await t.as(ADMIN_TOKEN).post('/api/users', { email: `once.${Date.now()}@example.gov.uk`, role: 'finance' }).expect(201);
      expect(Object.keys(created.body).sort()).toEqual(['createdAt', 'directorateIds', 'disabled', 'email', 'id', 'role', 'token']);
      const hash = createHash('sha256').update(created.body.token).digest('hex');
      const texts = [
        (await t.as(ADMIN_TOKEN).get('/api/users?pageSize=500').expect(200)).text,
        (await t.as(ADMIN_TOKEN).get(`/api/audit?entityId=${created.body.id}`).expect(200)).text,
        (await t.as(created.body.token).get('/api/users/me').expect(200)).text,
      ];
      for (const text of texts) {
        expect(text).not.toContain(created.body.token);
        expect(text).not.toContain(hash);
        expect(text).not.toMatch(/token_?hash/i);
      }
    });

    it('stores tokens only as SHA-256 hashes: a dump of the database holds no token or session cookie', async () => {
      const secrets = [ADMIN_TOKEN, ...Object.values(w.tokens)];
      for (const role of ['commissioner', 'finance', 'executive']) {
        const body = { email: `dump.${role}.${Date.now()}@example.gov.uk`, role, ...(role === 'commissioner' ? { directorateIds: [w.dirA] } : {}) };
        const token: string = (await t.as(ADMIN_TOKEN).post('/api/users', body).expect(201)).body.token;
        await t.as(token).get('/api/users/me').expect(200);
        secrets.push(token);
      }
      if (has('POST /console/session')) {
        const signIn = await t.http().post('/console/session').send({ token: secrets[secrets.length - 1] }).expect(201);
        const cookie = String(signIn.headers['set-cookie']).match(/cft_session=([^;]+)/)![1];
        secrets.push(decodeURIComponent(cookie));
      }
      const tables: string[] = (await db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).rows.map((r) => r.tablename);
      let scan = '';
      for (const table of tables) scan += (await db.query(`SELECT t::text AS row FROM "${table}" t`)).rows.map((r) => r.row).join('\n');
      const dump = spawnSync('pg_dump', ['--no-owner', '--no-privileges', t.dbUrl], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      const dumps: [string, string][] = [['SELECT of every row of every table', scan]];
      if (dump.error && (dump.error as NodeJS.ErrnoException).code === 'ENOENT') console.warn('pg_dump is not installed: checked the SELECT of every table only');
      else {
        expect(dump.status).toBe(0);
        dumps.push(['pg_dump', dump.stdout]);
      }
      for (const [what, text] of dumps) {
        expect([what, secrets.filter((s) => text.includes(s))]).toEqual([what, []]);
        // The hashes are there, so the dump did include the users.
        expect([what, secrets.slice(5, 8).every((s) => text.includes(createHash('sha256').update(s).digest('hex')))]).toEqual([what, true]);
      }
    });
  });

  describe('the audit trail', () => {
    const RECIPES: Record<string, (c: Ctx) => Promise<AuditExpectation>> = {
      'POST /api/funders': async ({ t }) => {
        const r = await t.as(ADMIN_TOKEN).post('/api/funders', makeFunder()).expect(201);
        return { entity: 'funder', entityId: r.body.id, action: 'create', actor: 'admin@localhost', before: null, after: { name: r.body.name, orgId: r.body.orgId } };
      },
      'PATCH /api/funders/{id}': async ({ t }) => {
        const f = (await t.as(ADMIN_TOKEN).post('/api/funders', makeFunder({ name: 'Old Council' })).expect(201)).body;
        await t.as(ADMIN_TOKEN).patch(`/api/funders/${f.id}`, { name: 'New Council' }).expect(200);
        return { entity: 'funder', entityId: f.id, action: 'update', actor: 'admin@localhost', before: { name: 'Old Council' }, after: { name: 'New Council' } };
      },
      'POST /api/directorates': async ({ t, w }) => {
        const r = await t.as(ADMIN_TOKEN).post('/api/directorates', { funderId: w.funderId, code: `AU${Date.now().toString(36).toUpperCase()}`.slice(0, 12), name: 'Housing' }).expect(201);
        return { entity: 'directorate', entityId: r.body.id, action: 'create', actor: 'admin@localhost', before: null, after: { name: 'Housing', funderId: w.funderId } };
      },
      'PATCH /api/directorates/{id}': async ({ t, w }) => {
        await t.as(ADMIN_TOKEN).patch(`/api/directorates/${w.dirB}`, { name: 'Public Health and Wellbeing' }).expect(200);
        return { entity: 'directorate', entityId: w.dirB, action: 'update', actor: 'admin@localhost', before: { name: 'Public Health' }, after: { name: 'Public Health and Wellbeing' } };
      },
      'POST /api/organisations': async ({ t, w, emails }) => {
        const r = await t.as(w.tokens.commissionerA).post('/api/organisations', makeOrganisation({ name: 'Audit Test Foodbank' })).expect(201);
        return { entity: 'organisation', entityId: r.body.id, action: 'create', actor: emails.commissionerA, before: null, after: { name: 'Audit Test Foodbank' } };
      },
      'PATCH /api/organisations/{id}': async ({ t, w, emails }) => {
        const o = (await t.as(ADMIN_TOKEN).post('/api/organisations', makeOrganisation({ postcode: 'MK9 3XS' })).expect(201)).body;
        await t.as(w.tokens.commissionerB).patch(`/api/organisations/${o.id}`, { postcode: 'MK1 1AA' }).expect(200);
        return { entity: 'organisation', entityId: o.id, action: 'update', actor: emails.commissionerB, before: { postcode: 'MK9 3XS' }, after: { postcode: 'MK1 1AA' } };
      },
      'POST /api/awards': async ({ t, w, emails }) => {
        const r = await t.as(w.tokens.commissionerA).post('/api/awards', makeAward(w.dirA, w.orgId)).expect(201);
        return { entity: 'award', entityId: r.body.id, action: 'create', actor: emails.commissionerA, before: null, after: { title: r.body.title, amountAwarded: '95000.00', status: 'draft', version: 1 } };
      },
      'PATCH /api/awards/{id}': async ({ t, w, emails }) => {
        const a = (await t.as(w.tokens.commissionerA).post('/api/awards', makeAward(w.dirA, w.orgId)).expect(201)).body;
        await t.as(w.tokens.commissionerA).patch(`/api/awards/${a.id}`, { version: 1, title: 'Renamed scheme', amountAwarded: '96000.00' }).expect(200);
        return { entity: 'award', entityId: a.id, action: 'update', actor: emails.commissionerA, before: { title: a.title, amountAwarded: '95000.00', version: 1 }, after: { title: 'Renamed scheme', amountAwarded: '96000.00', version: 2 } };
      },
      'DELETE /api/awards/{id}': async ({ t, w, emails }) => {
        const a = (await t.as(w.tokens.commissionerA).post('/api/awards', makeAward(w.dirA, w.orgId)).expect(201)).body;
        await t.as(w.tokens.commissionerA).delete(`/api/awards/${a.id}`).expect(204);
        return { entity: 'award', entityId: a.id, action: 'delete', actor: emails.commissionerA, before: { id: a.id, title: a.title, status: 'draft' }, after: null };
      },
      'POST /api/awards/{id}/publish': async ({ t, w, emails }) => {
        const a = (await t.as(w.tokens.commissionerA).post('/api/awards', makeAward(w.dirA, w.orgId)).expect(201)).body;
        await t.as(w.tokens.commissionerA).post(`/api/awards/${a.id}/publish`).expect(200);
        return { entity: 'award', entityId: a.id, action: 'publish', actor: emails.commissionerA, before: { status: 'draft', version: 1 }, after: { status: 'published', version: 2 } };
      },
      'POST /api/users': async ({ t }) => {
        const email = `audited.${Date.now()}@example.gov.uk`;
        const r = await t.as(ADMIN_TOKEN).post('/api/users', { email, role: 'finance' }).expect(201);
        return { entity: 'user', entityId: r.body.id, action: 'create', actor: 'admin@localhost', before: null, after: { email, role: 'finance', disabled: false } };
      },
      'POST /api/users/{id}/disable': async ({ t }) => {
        const u = (await t.as(ADMIN_TOKEN).post('/api/users', { email: `off.${Date.now()}@example.gov.uk`, role: 'executive' }).expect(201)).body;
        await t.as(ADMIN_TOKEN).post(`/api/users/${u.id}/disable`).expect(200);
        return { entity: 'user', entityId: u.id, action: 'disable', actor: 'admin@localhost', before: { disabled: false }, after: { disabled: true } };
      },
      'POST /api/users/{id}/enable': async ({ t }) => {
        const u = (await t.as(ADMIN_TOKEN).post('/api/users', { email: `on.${Date.now()}@example.gov.uk`, role: 'executive' }).expect(201)).body;
        await t.as(ADMIN_TOKEN).post(`/api/users/${u.id}/disable`).expect(200);
        await t.as(ADMIN_TOKEN).post(`/api/users/${u.id}/enable`).expect(200);
        return { entity: 'user', entityId: u.id, action: 'enable', actor: 'admin@localhost', before: { disabled: true }, after: { disabled: false } };
      },
      'PUT /api/compact-profile': async ({ t }) => {
        const current = (await t.as(ADMIN_TOKEN).get('/api/compact-profile').expect(200)).body.profile;
        const months = current.multiYearMinimumMonths + 1;
        await t.as(ADMIN_TOKEN).put('/api/compact-profile', { ...current, multiYearMinimumMonths: months }).expect(200);
        return { entity: 'compact_profile', entityId: '1', action: 'update', actor: 'admin@localhost', before: { multiYearMinimumMonths: months - 1 }, after: { multiYearMinimumMonths: months } };
      },
      'POST /api/consultations': async ({ t, w, emails }) => {
        const r = await t.as(w.tokens.commissionerA).post('/api/consultations', { directorateId: w.dirA, title: 'Infrastructure grant review', startDate: '2025-01-06', endDate: '2025-03-31' }).expect(201);
        return { entity: 'consultation', entityId: r.body.id, action: 'create', actor: emails.commissionerA, before: null, after: { title: 'Infrastructure grant review' } };
      },
      'POST /api/organisations/{id}/merge': async ({ t, w, emails }) => {
        const [a, b] = await twoOrganisations(t);
        await t.as(w.tokens.executive).post(`/api/organisations/${a}/merge`, { otherId: b, note: 'Same charity, abbreviated name' }).expect(201);
        return { entity: 'organisation', entityId: a, action: 'merge', actor: emails.executive, before: null, after: { decision: 'merge', organisationId: a, otherId: b, note: 'Same charity, abbreviated name' } };
      },
      'POST /api/organisations/{id}/split': async ({ t, w, emails }) => {
        const [a, b] = await twoOrganisations(t);
        await t.as(w.tokens.executive).post(`/api/organisations/${a}/split`, { otherId: b, note: 'Two branches of a federation' }).expect(201);
        return { entity: 'organisation', entityId: a, action: 'split', actor: emails.executive, before: null, after: { decision: 'split', organisationId: a, otherId: b, note: 'Two branches of a federation' } };
      },
      'PATCH /api/flags/{id}': async ({ t, w, emails }) => {
        // One organisation funded by directorates A and B over the same years: a duplicate-funding flag.
        const org = (await t.as(ADMIN_TOKEN).post('/api/organisations', makeOrganisation({ name: 'Flagged Foodbank' })).expect(201)).body;
        await t.as(ADMIN_TOKEN).post('/api/awards', makeAward(w.dirA, org.id)).expect(201);
        await t.as(ADMIN_TOKEN).post('/api/awards', makeAward(w.dirB, org.id)).expect(201);
        const flags = (await t.as(ADMIN_TOKEN).get('/api/flags/duplicate-funding?pageSize=500').expect(200)).body.items as { id: string; status: string; organisation: { memberIds: string[] } }[];
        const flag = flags.find((f) => f.organisation.memberIds.includes(org.id))!;
        expect(flag.status).toBe('open');
        await t.as(w.tokens.executive).patch(`/api/flags/${flag.id}`, { status: 'justified', note: 'Complementary: A funds meals, B funds advice' }).expect(200);
        return { entity: 'duplicate_funding_flag', entityId: flag.id, action: 'review', actor: emails.executive, before: { status: 'open' }, after: { status: 'justified', note: 'Complementary: A funds meals, B funds advice' } };
      },
      'POST /console/session': async ({ t, emails, w }) => {
        await t.http().post('/console/session').send({ token: w.tokens.finance }).expect(201);
        return { entity: 'console-session', action: 'sign-in', actor: emails.finance, before: null, after: {} };
      },
      'DELETE /console/session': async ({ t, emails, w }) => {
        const s = await t.http().post('/console/session').send({ token: w.tokens.executive }).expect(201);
        await t.http().delete('/console/session').set('Cookie', s.headers['set-cookie']).set('X-CSRF-Token', s.body.csrfToken).expect(204);
        return { entity: 'console-session', action: 'sign-out', actor: emails.executive, before: null, after: null };
      },
      'POST /console/session/delete': async ({ t, emails, w }) => {
        const s = await t.http().post('/console/session').send({ token: w.tokens.executive }).expect(201);
        await t.http().post('/console/session/delete').set('Cookie', s.headers['set-cookie']).set('X-CSRF-Token', s.body.csrfToken).expect(204);
        return { entity: 'console-session', action: 'sign-out', actor: emails.executive, before: null, after: null };
      },
    };

    it('has a recipe, or a reason for no audit entry, for every write route', () => {
      const writes = routes.filter((r) => r.method !== 'get').map((r) => r.key);
      expect(writes.filter((k) => !RECIPES[k] && !NOT_AUDITED[k]).map((k) => `${k}: add an audit recipe to test/security.e2e-spec.ts`)).toEqual([]);
    });

    it('records each write route with who, when, what and the before and after values, readable through GET /api/audit', async () => {
      const results: Record<string, string> = {};
      for (const r of routes.filter((x) => RECIPES[x.key])) {
        const mark = Number((await db.query('SELECT coalesce(max(id), 0) AS id FROM audit_log')).rows[0].id);
        const started = Date.now();
        const e = await RECIPES[r.key]({ t, w, emails, db });
        const rows = (await db.query('SELECT * FROM audit_log WHERE id > $1 AND action = $2 AND entity = $3 ORDER BY id DESC', [mark, e.action, e.entity])).rows;
        const row = rows.find((x) => !e.entityId || x.entity_id === e.entityId);
        if (!row) {
          results[r.key] = `no ${e.action} ${e.entity} entry`;
          continue;
        }
        try {
          expect(row.actor_email).toBe(e.actor);
          expect(row.actor_id).toMatch(/^[0-9a-f-]{36}$/);
          expect(row.at.getTime()).toBeGreaterThanOrEqual(started - 1000);
          if (e.before === null) expect(row.before).toBeNull();
          else expect(row.before).toMatchObject(e.before);
          if (e.after === null) expect(row.after).toBeNull();
          else expect(row.after).toMatchObject(e.after);
          const api = await t.as(w.tokens.executive).get(`/api/audit?entity=${encodeURIComponent(e.entity)}&entityId=${encodeURIComponent(row.entity_id)}&pageSize=500`).expect(200);
          expect(api.body.items).toContainEqual(expect.objectContaining({ at: row.at.toISOString(), actor: e.actor, action: e.action, entity: e.entity, entityId: row.entity_id, before: row.before, after: row.after }));
          results[r.key] = 'ok';
        } catch (err) {
          results[r.key] = (err as Error).message.split('\n').slice(0, 6).join(' ');
        }
      }
      expect(Object.entries(results).filter(([, v]) => v !== 'ok')).toEqual([]);
      expect(Object.keys(results).length).toBeGreaterThanOrEqual(16);
    }, 120_000);

    it('writes no audit entry for a write that fails', async () => {
      const a = (await t.as(ADMIN_TOKEN).post('/api/awards', makeAward(w.dirA, w.orgId)).expect(201)).body;
      await t.as(ADMIN_TOKEN).patch(`/api/awards/${a.id}`, { version: 1, title: 'First' }).expect(200);
      await t.as(ADMIN_TOKEN).patch(`/api/awards/${a.id}`, { version: 1, title: 'Stale' }).expect(409);
      const trail = await t.as(ADMIN_TOKEN).get(`/api/audit?entityId=${a.id}`).expect(200);
      expect(trail.body.items.map((i: { action: string; after: { title: string } }) => [i.action, i.after.title])).toEqual([['update', 'First'], ['create', 'Holiday play schemes 2025-28']]);
    });

    it('offers no way to change or delete the trail through the API', async () => {
      const auditRoutes = routes.filter((r) => r.path.startsWith('/api/audit'));
      expect(auditRoutes.map((r) => r.key)).toEqual(['GET /api/audit']);
      const before = await db.query('SELECT id, action, before, after FROM audit_log ORDER BY id');
      const id = before.rows[before.rows.length - 1].id;
      const got = [];
      for (const url of ['/api/audit', `/api/audit/${id}`])
        for (const m of ['put', 'patch', 'delete', 'post'] as const) got.push([m, url, (await t.as(ADMIN_TOKEN)[m](url, { action: 'forged' })).status]);
      expect(got).toEqual(['/api/audit', `/api/audit/${id}`].flatMap((url) => ['put', 'patch', 'delete', 'post'].map((m) => [m, url, 404])));
      expect((await db.query('SELECT id, action, before, after FROM audit_log ORDER BY id')).rows.slice(0, before.rows.length)).toEqual(before.rows);
    });
  });

  describe('logs', () => {
    it('keeps tokens and cookies out of the log, and logs each 500 with its errorId and request id but returns no internals', async () => {
      const api = await startApiProcess({
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        DATABASE_URL: t.dbUrl,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        QUEUE_PREFIX: process.env.QUEUE_PREFIX!,
        ADMIN_TOKEN,
        OUTPUT_DIR: outputDir,
      });
      const boom = `Boom ${randomBytes(4).toString('hex')}`;
      try {
        const http = () => request(api.url);
        const secrets = [ADMIN_TOKEN, w.tokens.finance];
        await http().get('/api/awards').set('Authorization', `Bearer ${ADMIN_TOKEN}`).set('X-Request-Id', 'sec-req-1').expect(200);
        const created = await http().post('/api/users').set('Authorization', `Bearer ${ADMIN_TOKEN}`).set('X-Request-Id', 'sec-req-2').send({ email: `logged.${Date.now()}@example.gov.uk`, role: 'finance' }).expect(201);
        secrets.push(created.body.token);
        await http().get('/api/users/me').set('Authorization', `Bearer ${created.body.token}`).set('X-Request-Id', 'sec-req-3').expect(200);
        const guess = `cft_${randomBytes(32).toString('base64url')}`;
        secrets.push(guess);
        await http().get('/api/awards').set('Authorization', `Bearer ${guess}`).set('X-Request-Id', 'sec-req-4').expect(401);
        await http().get('/api/awards').set('Cookie', `cft_session=${guess}x; other=${w.tokens.finance}`).set('X-Request-Id', 'sec-req-5').expect(401);
        if (has('POST /console/session')) {
          const s = await http().post('/console/session').set('X-Request-Id', 'sec-req-6').send({ token: w.tokens.finance }).expect(201);
          secrets.push(decodeURIComponent(String(s.headers['set-cookie']).match(/cft_session=([^;]+)/)![1]));
          await http().get('/console/session').set('Cookie', s.headers['set-cookie']).set('X-Request-Id', 'sec-req-7').expect(200);
        }
        // A real 500: the database refuses the row (a CHECK constraint added for this test).
        await db.query(`ALTER TABLE funders ADD CONSTRAINT test_no_boom CHECK (name <> '${boom}')`);
        const failed = await http().post('/api/funders').set('Authorization', `Bearer ${ADMIN_TOKEN}`).set('X-Request-Id', 'sec-req-500').send(makeFunder({ name: boom })).expect(500);
        expect(failed.body).toEqual({
          statusCode: 500,
          error: 'Internal Server Error',
          code: 'INTERNAL',
          message: [`something went wrong on our side; quote error id ${failed.body.errorId} to support`],
          errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        });
        expect(failed.text).not.toMatch(/test_no_boom|INSERT|funders|at [\w.]+ \(/);
        expect(failed.headers['x-request-id']).toBe('sec-req-500');

        const lines = () => api.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
        await expect(eventuallyTrue(() => lines().some((l) => JSON.stringify(l).includes(failed.body.errorId)))).resolves.toBe(true);
        const errorLine = lines().find((l) => JSON.stringify(l).includes(failed.body.errorId))!;
        expect(errorLine).toMatchObject({ level: 50, errorId: failed.body.errorId, req: { id: 'sec-req-500' } });
        const ids = lines().map((l) => (l.req as { id?: string } | undefined)?.id);
        expect(ids).toEqual(expect.arrayContaining(['sec-req-1', 'sec-req-2', 'sec-req-3', 'sec-req-4', 'sec-req-5', 'sec-req-500']));
        const log = api.output();
        expect(secrets.filter((s) => log.includes(s))).toEqual([]);
        expect(log).toContain('[Redacted]');
      } finally {
        await db.query('ALTER TABLE funders DROP CONSTRAINT IF EXISTS test_no_boom');
        await api.stop();
      }
    }, 120_000);
  });

  describe('every write in one transaction with its audit entry', () => {
    it('wrote no row to any table, in this whole suite, in a transaction without an audit entry', async () => {
      const unaudited = await db.query(`
        SELECT w.tbl, w.op, count(*)::int AS writes FROM test_writes w
         WHERE NOT EXISTS (SELECT 1 FROM test_audited a WHERE a.txid = w.txid) OR w.tbl = 'audit_log'
         GROUP BY w.tbl, w.op ORDER BY 1, 2`);
      expect(unaudited.rows).toEqual([]);
      const tracked = await db.query('SELECT count(DISTINCT txid)::int AS n FROM test_writes');
      expect(tracked.rows[0].n).toBeGreaterThan(50);
    });
  });
});

type AuditExpectation = { entity: string; entityId?: string; action: string; actor: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null };

async function twoOrganisations(t: TestApp): Promise<[string, string]> {
  const a = (await t.as(ADMIN_TOKEN).post('/api/organisations', makeOrganisation({ name: 'Milton Keynes Play Association' })).expect(201)).body.id;
  const b = (await t.as(ADMIN_TOKEN).post('/api/organisations', makeOrganisation({ name: 'MK Play Assoc.', charityNumber: undefined })).expect(201)).body.id;
  return [a, b];
}

/** A path parameter nobody has: a fresh uuid, or a file name. */
function placeholder(name: string): string {
  return name === 'name' ? 'missing.csv' : randomUUID();
}

/** How many rows a list answered with: items/total, grants, or CSV lines; null for other shapes. */
function rowsOf(res: request.Response): number | null {
  if (res.status !== 200) return null;
  const b = res.body as { items?: unknown[]; total?: number; grants?: unknown[] } | undefined;
  if (b && Array.isArray(b.items)) return typeof b.total === 'number' ? Math.max(b.total, b.items.length) : b.items.length;
  if (b && Array.isArray(b.grants)) return b.grants.length;
  if (/text\/csv/.test(String(res.headers['content-type']))) return Math.max(0, res.text.split('\n').filter((l) => l.trim()).length - 1);
  return null;
}

async function count(db: pg.Client, table: string): Promise<number> {
  return (await db.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n;
}

async function eventuallyTrue(check: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/**
 * Test-only row triggers on every table of this file's database: each written row notes its
 * transaction id, and so does each audit entry. A write without an audit entry in the same
 * transaction then shows up, whichever route or service made it.
 */
async function installWriteTracking(db: pg.Client): Promise<void> {
  await db.query(`
    CREATE TABLE test_writes (txid bigint NOT NULL, tbl text NOT NULL, op text NOT NULL);
    CREATE TABLE test_audited (txid bigint NOT NULL);
    CREATE FUNCTION test_note_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO test_writes VALUES (txid_current(), TG_TABLE_NAME, TG_OP); RETURN NULL; END $$;
    CREATE FUNCTION test_note_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO test_audited VALUES (txid_current()); RETURN NULL; END $$;
    DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'test_writes', 'test_audited', 'audit_log') LOOP
        EXECUTE format('CREATE TRIGGER test_note_write AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION test_note_write()', r.tablename);
      END LOOP;
    END $$;
    CREATE TRIGGER test_note_audit AFTER INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_note_audit();
    CREATE TRIGGER test_note_write AFTER UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION test_note_write();
  `);
}
