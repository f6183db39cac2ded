import path from 'node:path';
import { ImportFileError } from './import-file-error.js';

export type ImportFormat = 'json' | 'csv' | 'xlsx';

const EXTENSIONS: Record<string, ImportFormat> = { '.json': 'json', '.csv': 'csv', '.xlsx': 'xlsx' };
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Excel 97-2003 (.xls) files are OLE compound documents. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

function firstCharacter(bytes: Uint8Array): string {
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[i])) i++;
  return String.fromCharCode(bytes[i] ?? 0);
}

function unsupported(filename: string, ext: string, bytes: Uint8Array): ImportFileError {
  const saveAs = 'save it as an Excel Workbook (.xlsx) or as CSV UTF-8 (.csv) and upload that';
  if (ext === '.xls' || startsWith(bytes, OLE))
    return new ImportFileError('UNSUPPORTED_FORMAT', `${filename} is an Excel 97-2003 workbook, which cannot be read: open it in Excel and ${saveAs}`);
  if (ext === '.ods') return new ImportFileError('UNSUPPORTED_FORMAT', `${filename} is an OpenDocument spreadsheet, which cannot be read: ${saveAs}`);
  return new ImportFileError(
    'UNSUPPORTED_FORMAT',
    `${filename}: only 360Giving JSON (.json), CSV (.csv) and Excel (.xlsx) files can be imported; if this ${ext} file holds comma-separated values, rename it to .csv`,
  );
}

/**
 * The format of an upload from its name and first bytes: XLSX by the zip signature, JSON by a first
 * character `{` or `[`, otherwise CSV. An extension other than .json, .csv or .xlsx is refused (as the
 * 360Giving Data Quality Tool does), and an .xlsx that is not a zip is corrupt.
 */
export function detectFormat(filename: string, firstBytes: Uint8Array): ImportFormat {
  if (firstBytes.length === 0)
    throw new ImportFileError('EMPTY_FILE', `${filename} is empty (0 bytes): check that you chose the right file and that it was saved`);
  const ext = path.extname(filename).toLowerCase();
  if (startsWith(firstBytes, OLE) || (ext && !EXTENSIONS[ext])) throw unsupported(filename, ext, firstBytes);
  if (startsWith(firstBytes, ZIP)) return 'xlsx';
  if (ext === '.xlsx')
    throw new ImportFileError('CORRUPT_XLSX', `${filename} is not a valid Excel workbook (it is not a zip archive): open it in Excel, save it again as .xlsx and upload that`);
  if (ext === '.json' || '{['.includes(firstCharacter(firstBytes))) return 'json';
  return 'csv';
}
