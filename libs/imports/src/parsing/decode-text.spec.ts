import { readFileSync } from 'node:fs';
import { givingDataPath } from '@app/giving360';
import { decodeText } from './decode-text.js';
import { ImportFileError } from './import-file-error.js';

const sample = (name: string) => readFileSync(givingDataPath('samples', name));

async function decodeInChunks(bytes: Buffer, size: number) {
  const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
  const stream = decodeText((async function* () { yield* chunks; })(), 'test.csv');
  let text = '';
  for await (const part of stream.chunks) text += part;
  return { text, ...stream.report() };
}

async function problemOf(promise: Promise<unknown>) {
  try {
    await promise;
    return null;
  } catch (e) {
    return e instanceof ImportFileError ? { problem: e.problem, message: e.message } : e;
  }
}

describe('decodeText', () => {
  it('reads the Windows-1252 sample with its € ± Á intact', () => {
    const decoded = decodeText(sample('fundingproviders-grants_2_grants_cp1252.csv'));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.bom).toBe(false);
    expect(decoded.text.split('\n')[1].split(',')[0]).toBe('360G-<~>€funding€providers-000001/X/00/X');
    expect(decoded.text.split('\n')[2].split(',')[0]).toBe('360G-<~>€funding±Áproviders-000002/X/00/X');
  });

  it('drops the UTF-8 BOM of bom.csv', () => {
    expect(decodeText(sample('bom.csv'))).toEqual({ text: 'Identifier,Currency\r\n42,"GBP"\r\n', encoding: 'utf-8', bom: true });
  });

  it('decodes the same text however the stream is cut, even inside a UTF-8 sequence', async () => {
    const bytes = Buffer.from('Title,Amount Awarded\nCafé £1,250 – “fair”,1250\n', 'utf8');
    const whole = decodeText(bytes);
    expect(whole).toEqual({ text: 'Title,Amount Awarded\nCafé £1,250 – “fair”,1250\n', encoding: 'utf-8', bom: false });
    for (const size of [1, 2, 3, 5, 64]) expect(await decodeInChunks(bytes, size)).toEqual(whole);
  });

  it('decides on the first non-ASCII byte, however late it comes', async () => {
    const ascii = Buffer.from('x'.repeat(200_000));
    const late = Buffer.concat([ascii, Buffer.from([0xa3]), Buffer.from('100\n')]);
    expect(await decodeInChunks(late, 65_536)).toEqual({ text: `${'x'.repeat(200_000)}£100\n`, encoding: 'windows-1252', bom: false });
  });

  it('refuses UTF-8 that turns invalid, UTF-16 and undefined Windows-1252 bytes', async () => {
    const mixed = Buffer.concat([Buffer.from('£'.repeat(40_000)), Buffer.from('x'.repeat(100_000)), Buffer.from([0xa3])]);
    expect(await problemOf(decodeInChunks(mixed, 65_536))).toEqual({
      problem: 'ENCODING',
      message: "test.csv starts as UTF-8 but has bytes that are not UTF-8 after byte 131072: it mixes encodings; open it in Excel and save it again as 'CSV UTF-8 (Comma delimited)'",
    });
    expect(await problemOf(Promise.resolve().then(() => decodeText(Buffer.from('\ufeffId', 'utf16le'), 'u16.csv')))).toEqual({
      problem: 'ENCODING',
      message: "u16.csv is UTF-16 or binary, not text this system can read: open it in Excel and save it again as 'CSV UTF-8 (Comma delimited)'",
    });
    expect(await problemOf(Promise.resolve().then(() => decodeText(Buffer.from([0x41, 0x81, 0x42, 0x43, 0x44]), 'odd.csv')))).toEqual({
      problem: 'ENCODING',
      message: "odd.csv is neither UTF-8 nor Windows-1252 text (its encoding is unknown): open it in Excel and save it again as 'CSV UTF-8 (Comma delimited)'",
    });
  });
});
