import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';

/** An uploaded file, on disk (multer disk storage) or in memory. */
export type ImportFile = { filename: string; path: string } | { filename: string; buffer: Buffer };

export async function readFirstBytes(file: ImportFile, length = 64): Promise<Buffer> {
  return readBytes(file, length, 'first');
}

export async function readLastBytes(file: ImportFile, length: number): Promise<Buffer> {
  return readBytes(file, length, 'last');
}

async function readBytes(file: ImportFile, length: number, end: 'first' | 'last'): Promise<Buffer> {
  if ('buffer' in file) return end === 'first' ? file.buffer.subarray(0, length) : file.buffer.subarray(-length);
  const handle = await open(file.path, 'r');
  try {
    const { size } = await handle.stat();
    const position = end === 'first' ? 0 : Math.max(0, size - length);
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(Math.min(length, size)), 0, Math.min(length, size), position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The file as a stream of byte chunks (1 MiB from disk). */
export function byteStream(file: ImportFile): Readable {
  return 'buffer' in file ? Readable.from([file.buffer]) : createReadStream(file.path, { highWaterMark: 1 << 20 });
}

export async function readWholeFile(file: ImportFile): Promise<Buffer> {
  return 'buffer' in file ? file.buffer : readFile(file.path);
}
