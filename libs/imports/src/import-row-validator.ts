import { titleForPath } from '@app/giving360';
import { validateRow, type ParsedRow, type RowError } from './parsing/index.js';
import { SeenGrantIds } from './seen-grant-ids.js';

/** A field as the report names it: the file's column title for CSV and XLSX, the JSON path for JSON. */
export function fieldTitle(path: string, columnTitles: Record<string, string> | undefined): string {
  if (!columnTitles) return path;
  return columnTitles[path] ?? titleForPath(path) ?? path;
}

/**
 * The parsing library's validateRow (360Giving schema and our own rules) plus the one-id-per-grant
 * check, as createRowValidator does it but remembering ids compactly (SeenGrantIds), so that a
 * million-row file fits the worker's memory.
 */
export function createImportRowValidator(): (parsed: ParsedRow) => RowError[] {
  const ids = new SeenGrantIds();
  return (parsed) => {
    const errors = validateRow(parsed);
    const id = (parsed.grant as { id?: unknown } | null)?.id;
    const first = typeof id === 'string' ? ids.seenBefore(id, parsed.row) : undefined;
    if (first === undefined) return errors;
    const earlier = parsed.columnTitles ? `row ${first}` : `grants[${first}]`;
    return [...errors, { row: parsed.row, field: fieldTitle('id', parsed.columnTitles), value: id, reason: `is the same as on ${earlier}: each grant needs its own id` }];
  };
}
