import { isAscii } from 'node:buffer';
import iconv from 'iconv-lite';
import { ImportFileError } from './import-file-error.js';

export type TextEncoding = 'utf-8' | 'windows-1252';
export type EncodingReport = { encoding: TextEncoding; bom: boolean };
export type DecodedText = EncodingReport & { text: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** Enough bytes after the first non-ASCII byte to hold one whole UTF-8 sequence. */
const SEQUENCE = 4;
/** How much text after the first non-ASCII byte decides between UTF-8 and Windows-1252. */
const SNIFF_WINDOW = 64 * 1024;

const SAVE_AS_UTF8 = "open it in Excel and save it again as 'CSV UTF-8 (Comma delimited)'";

function firstNonAscii(bytes: Uint8Array): number {
  if (isAscii(bytes)) return -1;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return i;
  return -1;
}

function isUtf8(bytes: Uint8Array, final: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !final });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes bytes that are UTF-8 (with or without BOM) or Windows-1252, chunk by chunk. Text stays
 * undecided while it is plain ASCII (the same in both); the first non-ASCII bytes decide: valid UTF-8
 * means UTF-8, anything else Windows-1252. UTF-8 that turns invalid later, UTF-16 and binary files
 * are refused rather than read wrongly.
 */
export class TextSniffer {
  private state: 'start' | 'ascii' | TextEncoding = 'start';
  private bom = false;
  private pending: Buffer = Buffer.alloc(0);
  private bytesDecoded = 0;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  constructor(private readonly filename: string) {}

  /** The encoding so far (plain ASCII reports as UTF-8). */
  get report(): EncodingReport {
    return { encoding: this.state === 'windows-1252' ? 'windows-1252' : 'utf-8', bom: this.bom };
  }

  push(chunk: Uint8Array): string {
    return this.decode(Buffer.concat([this.pending, chunk]), false);
  }

  end(): string {
    return this.decode(this.pending, true);
  }

  private decode(bytes: Buffer, final: boolean): string {
    this.pending = Buffer.alloc(0);
    if (this.state === 'start') {
      if (bytes.length < SEQUENCE && !final) return this.keep(bytes);
      bytes = this.start(bytes);
    }
    let head = '';
    if (this.state === 'ascii') {
      const i = firstNonAscii(bytes);
      if (i === -1) return this.ascii(bytes);
      if (bytes.length - i < SEQUENCE && !final) return this.ascii(bytes.subarray(0, i)) + this.keep(bytes.subarray(i));
      head = this.ascii(bytes.subarray(0, i));
      bytes = bytes.subarray(i);
      const window = bytes.subarray(0, SNIFF_WINDOW);
      this.state = isUtf8(window, final && window.length === bytes.length) ? 'utf-8' : 'windows-1252';
    }
    return head + (this.state === 'utf-8' ? this.decodeUtf8(bytes, final) : this.decodeWindows1252(bytes));
  }

  private start(bytes: Buffer): Buffer {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes.subarray(0, 1024).includes(0))
      throw new ImportFileError('ENCODING', `${this.filename} is UTF-16 or binary, not text this system can read: ${SAVE_AS_UTF8}`);
    if (UTF8_BOM.every((b, i) => bytes[i] === b)) {
      this.bom = true;
      this.state = 'utf-8';
      return bytes.subarray(3);
    }
    this.state = 'ascii';
    return bytes;
  }

  private keep(bytes: Buffer): string {
    this.pending = Buffer.from(bytes);
    return '';
  }

  private ascii(bytes: Buffer): string {
    this.bytesDecoded += bytes.length;
    return bytes.toString('latin1');
  }

  private decodeUtf8(bytes: Buffer, final: boolean): string {
    try {
      const text = this.utf8.decode(bytes, { stream: !final });
      this.bytesDecoded += bytes.length;
      return text;
    } catch {
      throw new ImportFileError(
        'ENCODING',
        `${this.filename} starts as UTF-8 but has bytes that are not UTF-8 after byte ${this.bytesDecoded}: it mixes encodings; ${SAVE_AS_UTF8}`,
      );
    }
  }

  private decodeWindows1252(bytes: Buffer): string {
    const text = iconv.decode(bytes, 'windows-1252');
    if (text.includes('\ufffd'))
      throw new ImportFileError('ENCODING', `${this.filename} is neither UTF-8 nor Windows-1252 text (its encoding is unknown): ${SAVE_AS_UTF8}`);
    this.bytesDecoded += bytes.length;
    return text;
  }
}

export type TextStream = { chunks: AsyncGenerator<string>; report: () => EncodingReport };

async function* decodeChunks(source: AsyncIterable<Uint8Array>, sniffer: TextSniffer): AsyncGenerator<string> {
  for await (const chunk of source) {
    const text = sniffer.push(chunk);
    if (text) yield text;
  }
  const rest = sniffer.end();
  if (rest) yield rest;
}

/**
 * UTF-8 (BOM or not) or Windows-1252 text, from a whole buffer or a stream of chunks. For a stream
 * the encoding is known once the first non-ASCII byte has been read; `report()` says what was used.
 */
export function decodeText(source: Uint8Array, filename?: string): DecodedText;
export function decodeText(source: AsyncIterable<Uint8Array>, filename?: string): TextStream;
export function decodeText(source: Uint8Array | AsyncIterable<Uint8Array>, filename = 'The file'): DecodedText | TextStream {
  const sniffer = new TextSniffer(filename);
  if (source instanceof Uint8Array) {
    const text = sniffer.push(source) + sniffer.end();
    return { text, ...sniffer.report };
  }
  return { chunks: decodeChunks(source, sniffer), report: () => sniffer.report };
}
