import type { ReadReport, RowError } from './parsing/index.js';
import type { ImportMode } from './import-options.js';

/** The most rejected-row problems a result lists; `rejectedCount` counts them all. */
export const REJECTED_LIST_CAP = 1000;
const VALUE_CHARS = 300;

/** What an import did (the job's result), or would have done (in the failure report). */
export type ImportResult = {
  file: string;
  mode: ImportMode;
  format: ReadReport['format'];
  encoding: ReadReport['encoding'];
  sheet: string | null;
  /** column titles that are not 360Giving titles: ignored */
  unknownColumns: string[];
  /** grants read from the file */
  rows: number;
  /** awards created, changed, and found identical to the file (left alone) */
  created: number;
  updated: number;
  unchanged: number;
  /** the first REJECTED_LIST_CAP problems, by row; one per field */
  rejected: RowError[];
  /** every problem, and the rows they are on */
  rejectedCount: number;
  rejectedRows: number;
  fundersCreated: number;
  directoratesCreated: number;
  organisationsCreated: number;
};

/** Collects rejected rows: keeps the first REJECTED_LIST_CAP problems, counts all of them. */
export class RejectedRows {
  private readonly listed: RowError[] = [];
  count = 0;
  rows = 0;

  add(errors: RowError[]): void {
    if (errors.length === 0) return;
    this.rows++;
    this.count += errors.length;
    for (const e of errors) if (this.listed.length < REJECTED_LIST_CAP) this.listed.push({ ...e, value: shortValue(e.value) });
  }

  /** Listed problems in file order (rows refused while writing are found after later rows were read). */
  list(): RowError[] {
    return [...this.listed].sort((a, b) => a.row - b.row);
  }
}

/** Very long cell values (a pasted document) are cut in the report so that it stays readable. */
function shortValue(value: unknown): unknown {
  return typeof value === 'string' && value.length > VALUE_CHARS ? `${value.slice(0, VALUE_CHARS)}…` : value;
}

const rowLabel = (format: ImportResult['format'], row: number) => (format === 'json' ? `grants[${row}]` : `row ${row}`);

function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** `row 5, Amount Awarded "abc": must be a number` */
export function describeProblem(format: ImportResult['format'], e: RowError): string {
  return `${rowLabel(format, e.row)}, ${e.field} ${showValue(e.value)}: ${e.reason}`;
}

/**
 * The failure of an all-or-nothing import, for a finance officer: what happened, the first problems
 * and what to do next. The full report follows on the second line as JSON (see parseImportFailure).
 */
export function describeRejectedImport(result: ImportResult): string {
  const first = result.rejected.slice(0, 3).map((e) => describeProblem(result.format, e));
  const more = result.rejectedCount > first.length ? ` (and ${result.rejectedCount - first.length} more)` : '';
  const good = result.rows - result.rejectedRows;
  const rows = `${result.rejectedRows} of its ${result.rows} ${result.rows === 1 ? 'grant has' : 'grants have'} problems`;
  const next =
    good > 0
      ? `correct these rows and upload the file again, or import it with mode=valid-rows to load the ${good} good ${good === 1 ? 'row' : 'rows'} and list the others`
      : 'correct these rows and upload the file again';
  return `Nothing was imported from ${result.file} (mode all-or-nothing): ${rows}. ${first.join('; ')}${more}. What to do: ${next}.\n${JSON.stringify(result)}`;
}

/** A file that cannot be read at all (empty, corrupt, not 360Giving): its message plus the report so far. */
export function describeUnreadableFile(message: string, result: ImportResult): string {
  return `Nothing was imported: ${message}\n${JSON.stringify(result)}`;
}

/** The report inside a failed import job's error (its second line), or null for other failures. */
export function parseImportFailure(error: string | null | undefined): ImportResult | null {
  const newline = error?.indexOf('\n') ?? -1;
  if (!error || newline < 0) return null;
  try {
    return JSON.parse(error.slice(newline + 1)) as ImportResult;
  } catch {
    return null;
  }
}
