import type { Grant360 } from '@app/giving360';

/**
 * One grant read from a file. `row` is the file line (CSV: the line a record starts on; XLSX: the
 * worksheet row; the header is line 1) or, for JSON, the index in `grants`. `columnTitles` (CSV and
 * XLSX) maps each JSON path to the column title as the file wrote it, for error messages.
 */
export type ParsedRow = { row: number; grant: Grant360; columnTitles?: Record<string, string> };

/** What a reader learnt about the file; complete once its rows have all been read. */
export type ReadReport = {
  format: 'json' | 'csv' | 'xlsx' | null;
  encoding: 'utf-8' | 'windows-1252' | null;
  sheet: string | null;
  /** header titles that are not 360Giving titles (ignored) */
  unknownColumns: string[];
  rows: number;
};

export const emptyReport = (): ReadReport => ({ format: null, encoding: null, sheet: null, unknownColumns: [], rows: 0 });
