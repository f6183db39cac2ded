import type { Readable } from 'node:stream';
import type { RowUnflattener } from '@app/giving360';
import { grantHeader, noGrantColumns, noGrantRows } from './header.js';
import { ImportFileError } from './import-file-error.js';
import type { ParsedRow, ReadReport } from './parsed-row.js';
import { TabOrderWorkbookReader } from './xlsx-workbook.js';

/**
 * The 360Giving Data Quality Tool refuses worksheets of more than 50,000 rows (header included,
 * its MAX_XLSX_ROWS); so do we: bigger files import faster as CSV, which has no limit.
 */
export const XLSX_MAX_ROWS = 50_000;

/** A zip ends with its central directory: an End Of Central Directory record within the last 64 KiB + 22 bytes. */
export const ZIP_TAIL_BYTES = 65_557;
const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/**
 * A truncated workbook (an interrupted upload or save) is refused before streaming starts: unzipper,
 * which exceljs streams through, can wait forever on an archive that stops mid-entry.
 */
export function assertCompleteZip(filename: string, tail: Buffer): void {
  if (!tail.includes(END_OF_CENTRAL_DIRECTORY))
    throw new ImportFileError(
      'CORRUPT_XLSX',
      `${filename} is an incomplete Excel workbook (its end is missing: was saving or uploading interrupted?): open it in Excel, save it again as .xlsx and upload that`,
    );
}

type SheetRow = { number: number; values: unknown[] | Record<string, unknown> };
type Sheet = AsyncIterable<SheetRow> & { name?: string };

/** An exceljs cell value as the text, number, boolean or Date it shows. */
function plainCell(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((run) => run.text).join('');
  if ('result' in v) return plainCell(v.result);
  if ('text' in v) return plainCell(v.text);
  if ('error' in v) return String(v.error);
  return undefined;
}

/** exceljs rows are 1-based sparse arrays; the header and data rows share column positions. */
function plainRow(values: SheetRow['values']): unknown[] {
  return Array.isArray(values) ? Array.from(values.slice(1), plainCell) : [];
}

const isBlank = (cells: unknown[]) => cells.every((cell) => cell === undefined || cell === null || (typeof cell === 'string' && !cell.trim()));

function corrupt(filename: string, e: Error): ImportFileError {
  return new ImportFileError(
    'CORRUPT_XLSX',
    `${filename} could not be read as an Excel workbook (${e.message}): open it in Excel, save it again as .xlsx (Excel Workbook) and upload that, or save it as CSV UTF-8`,
  );
}

function tooManyRows(filename: string, sheet: string, maxRows: number): ImportFileError {
  return new ImportFileError(
    'TOO_MANY_ROWS',
    `${filename}: worksheet ${sheet} has more than ${maxRows.toLocaleString('en-GB')} rows, the most an Excel import takes: save it as CSV UTF-8 (no row limit) or split it into several workbooks`,
  );
}

type SheetResult = { header: RowUnflattener | null; firstRow: unknown[] | null };

/**
 * Streams grants from the first visible worksheet, in tab order, whose first non-empty row holds
 * 360Giving column titles; the rows under it are grants (blank rows skipped). `row` is the worksheet
 * row number.
 */
export async function* readXlsxGrants(
  input: string | Readable,
  filename: string,
  report: ReadReport,
  maxRows = XLSX_MAX_ROWS,
): AsyncGenerator<ParsedRow> {
  const workbook = new TabOrderWorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
  let firstSheetRow: unknown[] | null = null;
  try {
    for await (const sheet of workbook as AsyncIterable<Sheet>) {
      const found: SheetResult = { header: null, firstRow: null };
      yield* readSheet(sheet, filename, report, maxRows, found);
      firstSheetRow ??= found.firstRow;
      if (found.header) return;
    }
  } catch (e) {
    throw e instanceof ImportFileError ? e : corrupt(filename, e as Error);
  }
  if (firstSheetRow) throw noGrantColumns(`The first worksheet of ${filename} (and every other)`, firstSheetRow);
  throw new ImportFileError('EMPTY_FILE', `${filename} has no rows in any worksheet: check that you chose the right file`);
}

/** Yields a sheet's grants when its first non-empty row is a 360Giving header; `found` says what the sheet began with. */
async function* readSheet(sheet: Sheet, filename: string, report: ReadReport, maxRows: number, found: SheetResult): AsyncGenerator<ParsedRow> {
  const name = sheet.name ?? '(unnamed)';
  for await (const { number, values } of sheet) {
    const cells = plainRow(values);
    if (isBlank(cells)) continue;
    if (number > maxRows) throw tooManyRows(filename, name, maxRows);
    if (!found.header) {
      found.firstRow ??= cells;
      found.header = grantHeader(cells);
      if (!found.header) return;
      report.sheet = name;
      report.unknownColumns = found.header.unknownColumns;
      continue;
    }
    const grant = found.header.toGrant(cells);
    if (Object.keys(grant).length === 0) continue;
    report.rows++;
    yield { row: number, grant, columnTitles: found.header.columnTitles };
  }
  if (found.header && report.rows === 0) throw noGrantRows(`${filename} (worksheet ${name})`);
}
