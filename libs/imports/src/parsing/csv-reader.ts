import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { RowUnflattener } from '@app/giving360';
import { grantHeader, noGrantColumns, noGrantRows } from './header.js';
import { ImportFileError } from './import-file-error.js';
import type { ParsedRow, ReadReport } from './parsed-row.js';

/** Line breaks inside a record's quoted cells: the next record starts that many lines further on. */
function lineBreaksIn(record: string[]): number {
  let breaks = 0;
  for (const cell of record) {
    if (cell.includes('\n') || cell.includes('\r')) breaks += cell.match(/\r\n|\r|\n/g)!.length;
  }
  return breaks;
}

const isBlank = (record: string[]) => record.every((cell) => !cell.trim());

function malformed(filename: string, e: CsvError): ImportFileError {
  return new ImportFileError('MALFORMED_CSV', `${filename} cannot be read as CSV (${e.message}): check that every quote (") that opens a cell also closes it`);
}

/**
 * Streams grants out of CSV text: the first non-blank record is the header (360Giving column titles),
 * every later record one grant; rows with no 360Giving value are skipped. Lines end in CRLF, LF or CR,
 * mixed if need be. `row` is the line a record starts on, counted here rather than with csv-parse's
 * `info` option, which costs a third of the parsing time. Memory stays flat whatever the file's size.
 */
export async function* readCsvGrants(text: AsyncIterable<string>, filename: string, report: ReadReport): AsyncGenerator<ParsedRow> {
  // pipeline (not pipe) so that a decoding error in the text reaches the parser's reader
  const options = { relax_column_count: true, relax_quotes: true, record_delimiter: ['\r\n', '\n', '\r'] };
  const records = pipeline(Readable.from(text), parse(options), () => {});
  let header: RowUnflattener | null = null;
  let line = 1;
  try {
    for await (const record of records as AsyncIterable<string[]>) {
      const row = line;
      line += 1 + lineBreaksIn(record);
      if (isBlank(record)) continue;
      if (!header) {
        header = grantHeader(record);
        if (!header) throw noGrantColumns(filename, record);
        report.unknownColumns = header.unknownColumns;
        continue;
      }
      const grant = header.toGrant(record);
      if (Object.keys(grant).length === 0) continue;
      report.rows++;
      yield { row, grant, columnTitles: header.columnTitles };
    }
  } catch (e) {
    throw e instanceof CsvError ? malformed(filename, e) : e;
  } finally {
    records.destroy();
  }
  if (!header) throw new ImportFileError('EMPTY_FILE', `${filename} has no rows at all: check that you chose the right file`);
  if (report.rows === 0) throw noGrantRows(filename);
}
