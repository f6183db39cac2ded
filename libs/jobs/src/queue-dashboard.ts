import { Injectable, Module } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { UIConfig } from '@bull-board/api/typings/app';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { Express, NextFunction, Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppError, securePageHeaders } from '@app/common';
import { QueueName } from './catalogue.js';
import { JobsModule } from './jobs.module.js';

/** Where the dashboard lives; the API mounts its controller here. */
export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

/**
 * The dashboard's pages and files: its own origin only (the bundled fonts link to Google is left out,
 * so the system font is used), no inline script, never framed. `base-uri 'self'` because the page sets
 * <base href> to the dashboard's path, from which its scripts resolve their API calls. The one inline
 * style allowed is, by its hash, the fixed <style> inside bull-board 9.10's Redis logo (three fill colours);
 * any other inline style is refused.
 */
const REDIS_LOGO_STYLE = "'sha256-r2N1TB/gHbBtBZFKg7ejmq1acVSREzucTAEw6ga4hoU='";
export const QUEUE_DASHBOARD_CSP = [
  "default-src 'none'", "script-src 'self'", `style-src 'self' ${REDIS_LOGO_STYLE}`, "img-src 'self' data:", "font-src 'self'", "connect-src 'self'",
  "form-action 'self'", "base-uri 'self'", "frame-ancestors 'none'",
].join('; ');

const UI_CONFIG: UIConfig = {
  boardTitle: 'Compact job queues',
  favIcon: { default: 'static/images/logo.svg', alternative: 'static/favicon-32x32.png' },
  miscLinks: [{ text: 'Staff console', url: '/console' }],
  hideDocsLink: true,
  locale: { lng: 'en-GB' },
};

/**
 * bull-board over the two BullMQ queues (with QUEUE_PREFIX, so only this installation's jobs), read-only:
 * it shows every job's state, data, result, error and logs, but retrying, removing or pausing is not
 * offered, because those would change jobs outside the audit trail. Authentication is the API's: the
 * controller that calls this is admin-only, and this class only serves the board's page, files and API.
 */
@Injectable()
export class QueueDashboard {
  private readonly board: Express;
  private readonly html: Buffer;

  constructor(@InjectQueue(QueueName.Jobs) jobs: Queue, @InjectQueue(QueueName.Maintenance) maintenance: Queue) {
    const adapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
    const queues = [jobs, maintenance].map((q) => new BullMQAdapter(q, { readOnlyMode: true, description: QUEUE_DESCRIPTIONS[q.name as QueueName] }));
    createBullBoard({ queues, serverAdapter: adapter, options: { uiConfig: UI_CONFIG } });
    this.board = adapter.getRouter() as Express;
    this.board.disable('x-powered-by');
    this.html = Buffer.from(dashboardPage(readFileSync(join(uiDistDir(), 'index.ejs'), 'utf8')));
  }

  /** A page address names a queue of this installation (others are a 404, not an empty page). */
  assertQueue(name: string): void {
    if (!(Object.values(QueueName) as string[]).includes(name))
      throw new AppError('NOT_FOUND', `queue ${name} does not exist: the queues are ${Object.values(QueueName).join(' and ')}; open ${QUEUE_DASHBOARD_PATH}`);
  }

  /** The single page of the board (its client-side routes all load it). */
  page(res: Response): void {
    res.set(securePageHeaders('text/html; charset=utf-8', 'no-store', QUEUE_DASHBOARD_CSP)).send(this.html);
  }

  /**
   * The board's own API (`api/…`, JSON) and files (`static/…`): handled by bull-board's Express app as if
   * it were mounted at QUEUE_DASHBOARD_PATH. Resolves once the answer is sent; an address it does not
   * serve is a 404 in the product's error shape.
   */
  serve(req: Request, res: Response): Promise<void> {
    const url = req.url;
    const rest = url.startsWith(QUEUE_DASHBOARD_PATH + '/') ? url.slice(QUEUE_DASHBOARD_PATH.length) : null;
    if (!rest) return Promise.reject(notFound(url));
    res.set(securePageHeaders(null, 'no-store', QUEUE_DASHBOARD_CSP)); // bull-board sets the type (and files' caching)
    const parent = { req: Object.getPrototypeOf(req), res: Object.getPrototypeOf(res), baseUrl: req.baseUrl };
    // What Express does for a mounted app: the sub-app sees the path below its mount point and swaps the
    // prototypes; everything is put back when it has answered or passes the request on.
    const restore = () => {
      Object.setPrototypeOf(req, parent.req);
      Object.setPrototypeOf(res, parent.res);
      req.url = url;
      req.baseUrl = parent.baseUrl;
    };
    return new Promise<void>((resolve, reject) => {
      const answered = () => (restore(), resolve());
      res.once('finish', answered);
      res.once('close', answered);
      req.url = rest;
      req.baseUrl = QUEUE_DASHBOARD_PATH;
      const done: NextFunction = (err?: unknown) => {
        res.off('finish', answered);
        res.off('close', answered);
        restore();
        reject(err || notFound(url));
      };
      this.board(req, res, done);
    });
  }
}

const QUEUE_DESCRIPTIONS: Record<QueueName, string> = {
  [QueueName.Jobs]: 'Jobs people ask for and watch: exports and imports',
  [QueueName.Maintenance]: 'Recomputations the system starts itself: compliance re-checks, duplicate flags',
};

const notFound = (url: string) =>
  new AppError('NOT_FOUND', `${url.split('?')[0]} is not a page, file or API address of the queue dashboard: open ${QUEUE_DASHBOARD_PATH}`);

/** @bull-board/ui's built files (index.ejs and static/). */
function uiDistDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@bull-board/ui/package.json')), 'dist');
}

/**
 * The board's page, built from bull-board's own template so the hashed script and style names always
 * match the installed version, but without what the policy refuses: the Google Fonts link and the
 * inline-styled loading indicator. The UI configuration goes in a JSON data block (not run as script).
 */
export function dashboardPage(template: string): string {
  const files = [...template.matchAll(/(?:href|src)="(static\/[^"]+\.(css|js))"/g)];
  const styles = files.filter((m) => m[2] === 'css').map((m) => `<link href="${m[1]}" rel="stylesheet">`);
  const scripts = files.filter((m) => m[2] === 'js').map((m) => `<script defer src="${m[1]}"></script>`);
  if (!styles.length || !scripts.length) throw new Error('@bull-board/ui/dist/index.ejs names no static/*.css or static/*.js: the installed @bull-board/ui is not the expected build');
  const config = JSON.stringify(UI_CONFIG).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB" dir="ltr">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<base href="${QUEUE_DASHBOARD_PATH}/">`,
    `<title>${UI_CONFIG.boardTitle}</title>`,
    `<link rel="icon" type="image/svg+xml" href="${UI_CONFIG.favIcon!.default}">`,
    ...styles,
    '</head>',
    '<body class="preload">',
    `<script id="__UI_CONFIG__" type="application/json">${config}</script>`,
    '<div id="root"><noscript>The queue dashboard needs JavaScript.</noscript></div>',
    ...scripts,
    '</body>',
    '</html>',
  ].join('\n');
}

/** The dashboard for the API (the worker does not load it). */
@Module({ imports: [JobsModule], providers: [QueueDashboard], exports: [QueueDashboard] })
export class QueueDashboardModule {}
