import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { createTestDatabase } from '@app/testing';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUE, QueueName, redisOptions } from '@app/jobs';
import { ADMIN_TOKEN, createTestApp, TestApp } from './support/app.js';
import { startTestWorker } from './support/worker.js';
import { eventually, startTcpProxy, targetOf, TcpProxy } from './support/tcp-proxy.js';
import { makeFunder } from './factories/index.js';

/**
 * PostgreSQL or Redis going away under the running product. The machine's real servers are never
 * stopped: the app reaches both through TCP proxies on loopback ports, which the tests cut and
 * restore (sockets destroyed, port refusing connections, then listening again on the same port).
 */
describe('faults: PostgreSQL or Redis going away under the running API (e2e)', () => {
  const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pg: TcpProxy;
  let redis: TcpProxy;
  let t: TestApp;
  let proxiedRedisUrl: string;
  let outputDir: string;

  beforeAll(async () => {
    outputDir = await mkdtemp(join(tmpdir(), 'faults-out-'));
    db = await createTestDatabase();
    pg = await startTcpProxy(targetOf(db.url, 5432));
    redis = await startTcpProxy(targetOf(REDIS_URL, 6379));
    proxiedRedisUrl = redis.via(REDIS_URL);
    t = await createTestApp({ DATABASE_URL: pg.via(db.url), REDIS_URL: proxiedRedisUrl, OUTPUT_DIR: outputDir });
  }, 60_000);
  afterAll(async () => {
    await pg.restore();
    await redis.restore();
    await t.close();
    await pg.close();
    await redis.close();
    await db.drop();
    await rm(outputDir, { recursive: true, force: true });
  });

  const health = () => t.http().get('/health');
  const healthy = async () => (await health()).status === 200;

  it('answers 200 on /health with both services reached through the proxies', async () => {
    const res = await health().expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
    expect(pg.connections).toBeGreaterThan(0);
    expect(redis.connections).toBeGreaterThan(0);
  }, 60_000);

  it('answers 503 while PostgreSQL is away, refuses writes with an errorId and no internals, and recovers by itself', async () => {
    await pg.cut();
    const started = Date.now();
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'error', database: 'down', redis: 'up' });
    expect(Date.now() - started).toBeLessThan(5000);

    const write = await t.as(ADMIN_TOKEN).post('/api/funders', makeFunder({ name: 'Written during the outage' }));
    expect(write.status).toBe(503);
    expect(write.headers['retry-after']).toBe('30');
    expect(write.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'UNAVAILABLE',
      message: [`the database or the job queue is unreachable right now: try again in a minute (error id ${write.body.errorId})`],
      errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });

    await pg.restore();
    await eventually(healthy, 15_000, 'health back to 200 after PostgreSQL returns');
    expect((await health()).body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
    // No dead connection is left in the pool (it holds 20): 30 requests at once all succeed.
    const reads = await Promise.all(Array.from({ length: 30 }, () => t.as(ADMIN_TOKEN).get('/api/funders')));
    expect(reads.map((r) => r.status)).toEqual(Array(30).fill(200));
    const after = await t.as(ADMIN_TOKEN).post('/api/funders', makeFunder({ name: 'Written after the outage' })).expect(201);
    const audit = await t.as(ADMIN_TOKEN).get(`/api/audit?entityId=${after.body.id}`).expect(200);
    expect(audit.body.items).toMatchObject([{ action: 'create', entity: 'funder', after: { name: 'Written after the outage' } }]);
    const list = await t.as(ADMIN_TOKEN).get('/api/funders?pageSize=500').expect(200);
    expect(list.body.items.map((f: { name: string }) => f.name)).not.toContain('Written during the outage');
  }, 60_000);

  it('answers 503 while Redis is away and recovers by itself', async () => {
    await redis.cut();
    const started = Date.now();
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'error', database: 'up', redis: 'down' });
    expect(Date.now() - started).toBeLessThan(5000);
    // Reads of the database go on while the queue is away.
    await t.as(ADMIN_TOKEN).get('/api/funders').expect(200);
    // Job requests are refused at once (not held until Redis returns), so nothing is queued behind the caller's back.
    const refused = await t.as(ADMIN_TOKEN).post('/api/jobs', { type: 'open-data' }).timeout(3000);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'UNAVAILABLE', message: ['the job queue (Redis) is unavailable right now, so nothing was queued: try again in a minute'] });
    expect((await t.as(ADMIN_TOKEN).get('/api/jobs').timeout(3000)).status).toBe(503);
    await redis.restore();
    await eventually(healthy, 15_000, 'health back to 200 after Redis returns');
    expect((await health()).body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
    await eventually(async () => (await t.as(ADMIN_TOKEN).get('/api/jobs')).status === 200, 15_000, 'job list back after Redis returns');
    const jobs = await t.as(ADMIN_TOKEN).get('/api/jobs').expect(200);
    expect(jobs.body.items.filter((j: { type: string }) => j.type === 'open-data')).toEqual([]);
  }, 60_000);

  it('answers 503 with both down while both are away, and recovers when both return', async () => {
    await Promise.all([pg.cut(), redis.cut()]);
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'error', database: 'down', redis: 'down' });
    await pg.restore();
    const half = await eventually(async () => {
      const r = await health();
      return r.body.database === 'up' ? r : null;
    }, 15_000, 'database up again');
    expect(half.status).toBe(503);
    expect(half.body).toEqual({ status: 'error', database: 'up', redis: 'down' });
    await redis.restore();
    await eventually(healthy, 15_000, 'health back to 200 after both return');
  }, 60_000);

  // The real worker runs jobs when a requestable job has a handler (JOB_QUEUE); until then a plain
  // BullMQ worker on the same queue, connection and prefix stands in for it.
  /** The real worker (apps/worker), in this process, reaching PostgreSQL and Redis through the same proxies. */
  const jobType = 'funding-database';
  async function startWorker(): Promise<{ waitForJob: (id: string) => Promise<unknown>; close: () => Promise<void> }> {
    expect(JOB_QUEUE[jobType]).toBe(QueueName.Jobs);
    const w = await startTestWorker();
    return { waitForJob: (id) => w.waitForJob(id, 30_000), close: w.close };
  }
  const redisOutage = async () => {
    await redis.cut();
    expect((await health()).body).toEqual({ status: 'error', database: 'up', redis: 'down' });
    await new Promise((r) => setTimeout(r, 1500)); // longer than one reconnection attempt
    await redis.restore();
    await eventually(healthy, 15_000, 'health back to 200 after Redis returns');
  };

  it('loses no job: one queued before a Redis outage is run by a worker started afterwards', async () => {
    const queued = await t.as(ADMIN_TOKEN).post('/api/jobs', { type: jobType }).expect(202);
    const id: string = queued.body.id;
    await redisOutage();
    expect((await t.as(ADMIN_TOKEN).get(`/api/jobs/${id}`).expect(200)).body).toMatchObject({ id, type: jobType, state: 'waiting', requestedBy: 'admin@localhost' });
    const w = await startWorker();
    try {
      await w.waitForJob(id);
    } finally {
      await w.close();
    }
    const done = await t.as(ADMIN_TOKEN).get(`/api/jobs/${id}`).expect(200);
    expect(done.body).toMatchObject({ id, type: jobType, state: 'completed', progress: 100, error: null });
  }, 60_000);

  it('keeps a running worker working: it reconnects after a Redis outage and runs the next job', async () => {
    const w = await startWorker();
    try {
      await redisOutage();
      const queued = await t.as(ADMIN_TOKEN).post('/api/jobs', { type: jobType }).expect(202);
      await w.waitForJob(queued.body.id);
      const done = await t.as(ADMIN_TOKEN).get(`/api/jobs/${queued.body.id}`).expect(200);
      expect(done.body).toMatchObject({ id: queued.body.id, state: 'completed', progress: 100 });
    } finally {
      await w.close();
    }
  }, 60_000);

  it('loses no job when PostgreSQL restarts under a running worker: the failed attempt is retried and completes', async () => {
    const w = await startWorker();
    const queue = new Queue(QueueName.Jobs, { connection: redisOptions(proxiedRedisUrl), prefix: process.env.QUEUE_PREFIX });
    try {
      await pg.cut();
      // Queued as POST /api/jobs does (the API itself cannot check tokens while the database is away).
      const job = await queue.add(jobType, { requestedBy: 'admin@localhost', params: {} }, { ...DEFAULT_JOB_OPTIONS, jobId: randomUUID() });
      await eventually(async () => (await job.getState()) === 'delayed', 10_000, 'the first attempt failing and waiting to be retried');
      await pg.restore();
      await w.waitForJob(job.id!);
      const done = await t.as(ADMIN_TOKEN).get(`/api/jobs/${job.id}`).expect(200);
      expect(done.body).toMatchObject({ id: job.id, type: jobType, state: 'completed', progress: 100, error: null, attempts: 2 });
      expect(done.body.result.files.map((f: { name: string }) => f.name)).toContain('funding-database.xlsx');
    } finally {
      await pg.restore();
      await queue.close();
      await w.close();
    }
  }, 60_000);
});
