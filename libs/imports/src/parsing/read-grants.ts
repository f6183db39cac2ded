import { readCsvGrants } from './csv-reader.js';
import { decodeText } from './decode-text.js';
import { detectFormat } from './detect-format.js';
import { byteStream, readFirstBytes, readLastBytes, readWholeFile, type ImportFile } from './import-file.js';
import { readJsonGrants } from './json-reader.js';
import { emptyReport, type ParsedRow, type ReadReport } from './parsed-row.js';
import { XLSX_MAX_ROWS, ZIP_TAIL_BYTES, assertCompleteZip, readXlsxGrants } from './xlsx-reader.js';

export type ReadOptions = { xlsxMaxRows?: number };
export type GrantFileReading = { report: ReadReport; rows: AsyncGenerator<ParsedRow> };

async function* rowsOf(file: ImportFile, report: ReadReport, options: ReadOptions): AsyncGenerator<ParsedRow> {
  const format = detectFormat(file.filename, await readFirstBytes(file));
  report.format = format;
  if (format === 'json') {
    yield* readJsonGrants(await readWholeFile(file), file.filename, report);
  } else if (format === 'xlsx') {
    assertCompleteZip(file.filename, await readLastBytes(file, ZIP_TAIL_BYTES));
    yield* readXlsxGrants('path' in file ? file.path : byteStream(file), file.filename, report, options.xlsxMaxRows ?? XLSX_MAX_ROWS);
  } else {
    const text = decodeText(byteStream(file), file.filename);
    try {
      yield* readCsvGrants(text.chunks, file.filename, report);
    } finally {
      report.encoding = text.report().encoding;
    }
  }
}

/**
 * Reads an uploaded 360Giving JSON, CSV or XLSX file as grants, one at a time. Whole-file problems
 * are thrown as ImportFileError, some only part-way through (a late encoding error, a truncated
 * workbook, too many rows): write what the rows give only once `rows` has been read to the end.
 * `report` is filled in as reading goes.
 */
export function readGrantFile(file: ImportFile, options: ReadOptions = {}): GrantFileReading {
  const report = emptyReport();
  return { report, rows: rowsOf(file, report, options) };
}
