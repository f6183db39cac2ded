import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { createTestDatabase, testQueuePrefix } from '@app/testing';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { configureApp } from '../../apps/api/src/setup.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export type TestApp = {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  as: (token: string) => {
    get: (url: string) => request.Test;
    post: (url: string, body?: object) => request.Test;
    patch: (url: string, body?: object) => request.Test;
    put: (url: string, body?: object) => request.Test;
    delete: (url: string) => request.Test;
  };
  dbUrl: string;
  close: () => Promise<void>;
};

/** The real ApiModule on its own copy of the migrated database and its own queue prefix. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  Object.assign(process.env, { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, QUEUE_PREFIX: testQueuePrefix(), ADMIN_TOKEN, ...env });
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
  configureApp(app);
  await app.init();
  const server = app.getHttpServer();
  const auth = (t: request.Test, token: string) => t.set('Authorization', `Bearer ${token}`);
  return {
    app,
    dbUrl: db.url,
    http: () => request(server),
    as: (token) => ({
      get: (url) => auth(request(server).get(url), token),
      post: (url, body) => auth(request(server).post(url), token).send(body ?? {}),
      patch: (url, body) => auth(request(server).patch(url), token).send(body ?? {}),
      put: (url, body) => auth(request(server).put(url), token).send(body ?? {}),
      delete: (url) => auth(request(server).delete(url), token),
    }),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
