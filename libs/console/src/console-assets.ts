import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Response } from 'express';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, securePageHeaders } from '@app/common';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const ASSETS = join('libs', 'console', 'assets');
const PAGE = 'console.html';

/** No inline script or style, nothing from another origin, never framed. */
export const CONSOLE_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'",
].join('; ');

/**
 * Where the console's files are. They are plain files in the repository (libs/console/assets), not
 * copied by tsc: the folder is found by walking up from this module, which works from the sources
 * (libs/console/src, under Jest) and from the build (dist/libs/console/src) whatever the cwd.
 */
export function findAssetsDir(start = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ASSETS, PAGE))) return join(dir, ASSETS);
    if (dirname(dir) === dir) throw new Error(`the console's files (${ASSETS}/${PAGE}) were not found above ${start}: run from a full checkout`);
  }
}

type Asset = { body: Buffer; type: string };

/** Serves the console page and its scripts and styles, read once at start-up. */
@Injectable()
export class ConsoleAssets implements OnModuleInit {
  private readonly files = new Map<string, Asset>();

  onModuleInit(): void {
    const dir = findAssetsDir();
    for (const name of readdirSync(dir)) {
      const type = TYPES[extname(name)];
      if (type) this.files.set(name, { body: readFileSync(join(dir, name)), type });
    }
  }

  names(): string[] {
    return [...this.files.keys()].sort();
  }

  page(res: Response): void {
    this.send(res, PAGE, 'no-store');
  }

  asset(name: string, res: Response): void {
    if (name === PAGE || !this.files.has(name)) throw new AppError('NOT_FOUND', `console file ${name} does not exist: open /console`);
    this.send(res, name, 'no-cache'); // revalidated with the ETag express sets
  }

  private send(res: Response, name: string, cache: string): void {
    const f = this.files.get(name)!;
    res.set(securePageHeaders(f.type, cache, CONSOLE_CSP));
    res.send(f.body);
  }
}
