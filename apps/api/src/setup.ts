import { Logger as NestLogger, INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { Logger } from 'nestjs-pino';
import { AppError } from '@app/common';
import { toErrorBody } from './error.filter.js';

export const JSON_BODY_LIMIT = '1mb';
/** Deeper JSON is refused: no request needs it, and validating it recursively could exhaust the stack (a 500). */
export const JSON_MAX_DEPTH = 32;

/** Everything main.ts does to the app besides listening, shared with the e2e tests. */
export function configureApp(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  const parseJson = express.json({ limit: JSON_BODY_LIMIT });
  const logger = new NestLogger('Http');
  // Parse errors (bad JSON: 400, too large: 413) get the same JSON error body as everything else.
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    parseJson(req, res, (err?: unknown) => {
      if (!err && !nestedDeeperThan(req.body, JSON_MAX_DEPTH)) return next();
      const body = toErrorBody(err ?? new AppError('VALIDATION', `body: the JSON is nested more than ${JSON_MAX_DEPTH} levels deep; send the fields as documented at /api/docs`), logger);
      res.status(body.statusCode).json(body);
    }),
  );
  app.use(express.urlencoded({ extended: false, limit: JSON_BODY_LIMIT }));
  const doc = new DocumentBuilder()
    .setTitle('Compact Funding Tracker API')
    .setDescription('Public-sector funding of the voluntary and community sector, checked against the Local Compact. Money is a decimal string in pounds; dates are YYYY-MM-DD; lists take page and pageSize (max 500).')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs-json' });
  app.enableShutdownHooks();
  return app;
}

/** Whether a parsed JSON value nests objects or arrays deeper than max, walked without recursion. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
