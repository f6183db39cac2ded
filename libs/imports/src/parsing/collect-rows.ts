import { readGrantFile, type ReadOptions } from './read-grants.js';
import type { ImportFile } from './import-file.js';
import type { ParsedRow, ReadReport } from './parsed-row.js';

/** Reads a whole (small) file into memory: for tests and tools, never for uploads. */
export async function readAllRows(file: ImportFile, options?: ReadOptions): Promise<{ report: ReadReport; rows: ParsedRow[] }> {
  const reading = readGrantFile(file, options);
  const rows: ParsedRow[] = [];
  for await (const row of reading.rows) rows.push(row);
  return { report: reading.report, rows };
}
