import { spawnSync } from 'node:child_process';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createTestApp, TestApp } from './support/app.js';
import { WorkerModule } from '../apps/worker/src/worker.module.js';

describe('health, API docs, configuration and the worker (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports database and redis on /health without a token', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('serves the OpenAPI document with every contract route', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/funders', '/api/funders/{id}', '/api/directorates', '/api/organisations', '/api/organisations/{id}', '/api/awards', '/api/awards/{id}', '/api/awards/{id}/publish', '/api/users', '/api/audit', '/health']),
    );
    expect(res.body.components.schemas.CreateAwardDto.required).toEqual(expect.arrayContaining(['kind', 'title', 'directorateId', 'recipientOrganisationId', 'amountAwarded']));
    await t.http().get('/api/docs').expect(200).expect('content-type', /html/);
  });

  it('stops start-up with one line naming a bad variable', () => {
    const r = spawnSync('node', ['dist/apps/api/src/main.js'], { env: { ...process.env, PORT: 'seventy', DATABASE_URL: 'mysql://nope' }, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      'Invalid configuration: DATABASE_URL: must be a postgres:// URL, e.g. postgres://postgres@127.0.0.1:5432/compact; PORT: must be a whole number between 1 and 65535',
    );
  });

  it('boots the worker, connects to PostgreSQL and Redis, and shuts down cleanly', async () => {
    const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
    const ds = worker.get<DataSource>(getDataSourceToken());
    await expect(ds.query('SELECT 1 AS ok')).resolves.toEqual([{ ok: 1 }]);
    await worker.close();
    expect(ds.isInitialized).toBe(false);
  });
});
