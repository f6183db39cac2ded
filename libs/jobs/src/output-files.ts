import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import type { Writable } from 'node:stream';
import { AppError } from '@app/common';
import type { OutputFile } from './catalogue.js';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;
const SAFE_ID = /^[A-Za-z0-9-]{1,100}$/;

/** Each job's outputs live in OUTPUT_DIR/<jobId>/. */
export function jobOutputDir(outputDir: string, jobId: string): string {
  if (!SAFE_ID.test(jobId)) throw new AppError('VALIDATION', `jobId: ${jobId} is not a job id`);
  return join(resolve(outputDir), jobId);
}

/**
 * Writes a file so that nobody ever sees it half-written: into a hidden temporary name first,
 * renamed into place only once complete. A worker killed mid-write leaves only the temporary file,
 * which the retry replaces.
 */
export async function writeOutputAtomically(dir: string, name: string, write: (path: string) => Promise<void>): Promise<OutputFile> {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe output file name: ${name}`);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${name}.${randomBytes(4).toString('hex')}.partial`);
  try {
    await write(tmp);
    await rename(tmp, join(dir, name));
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return { name, bytes: (await stat(join(dir, name))).size };
}

/** A write stream for writeOutputAtomically, resolved when the stream has finished. */
export function streamToFile(path: string, fill: (out: Writable) => Promise<void>): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const out = createWriteStream(path);
    out.on('error', reject);
    out.on('finish', () => resolvePromise());
    fill(out).then(() => out.end(), (e) => { out.destroy(); reject(e); });
  });
}

/** The path of a job's output, or an error: only names the job reported, never a path outside its folder. */
export function resolveOutputFile(outputDir: string, jobId: string, name: string, reported: OutputFile[]): string {
  if (!SAFE_NAME.test(name) || basename(name) !== name || !reported.some((f) => f.name === name))
    throw new AppError('NOT_FOUND', `job ${jobId} has no file called ${name}: GET /api/jobs/${jobId} lists its files`);
  const dir = jobOutputDir(outputDir, jobId);
  const path = resolve(dir, name);
  if (!path.startsWith(dir + sep)) throw new AppError('NOT_FOUND', `job ${jobId} has no file called ${name}`);
  return path;
}
