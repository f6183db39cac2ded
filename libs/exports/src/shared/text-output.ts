import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { streamToFile, writeOutputAtomically, type OutputFile } from '@app/jobs';

/** Writes a chunk and waits when the stream asks to: a million grants never queue up in memory. */
export async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** A text file written atomically: hidden while written, renamed into place once complete. */
export function writeTextOutput(dir: string, name: string, fill: (out: Writable) => Promise<void>): Promise<OutputFile> {
  return writeOutputAtomically(dir, name, (tmp) => streamToFile(tmp, fill));
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
