import { DuplicateIdTracker, createGrantValidator, titleForPath, type GrantValidator } from '@app/giving360';
import { grantRuleErrors } from './grant-rules.js';
import type { ParsedRow } from './parsed-row.js';

/** A rejected row as the import's result reports it. */
export type RowError = { row: number; field: string; value: unknown; reason: string };

let schemaValidator: GrantValidator | undefined;

/** CSV and XLSX name a field by its column title as the file wrote it; JSON by its path in the grant. */
function fieldName(path: string, columnTitles: Record<string, string> | undefined): string {
  if (!columnTitles) return path || 'grant';
  return columnTitles[path] ?? titleForPath(path) ?? (path || 'row');
}

/**
 * The 360Giving schema's errors and our own rules for one row, one error per field (the schema's
 * first). An empty list means the row can be imported.
 */
export function validateRow(parsed: ParsedRow): RowError[] {
  schemaValidator ??= createGrantValidator();
  const schemaErrors = schemaValidator(parsed.grant);
  const ruleErrors = grantRuleErrors(parsed.grant);
  if (schemaErrors.length === 0 && ruleErrors.length === 0) return [];
  const errors = [...schemaErrors, ...ruleErrors];
  const seen = new Set<string>();
  return errors
    .filter((error) => !seen.has(error.path) && seen.add(error.path))
    .map((error) => ({ row: parsed.row, field: fieldName(error.path, parsed.columnTitles), value: error.value, reason: error.reason }));
}

/**
 * validateRow for the rows of one file, plus: an id used by an earlier row is an error (a file must
 * not update one grant twice). Remembers every id, so memory grows with the file.
 */
export function createRowValidator(): (parsed: ParsedRow) => RowError[] {
  const ids = new DuplicateIdTracker();
  return (parsed) => {
    const errors = validateRow(parsed);
    const id = (parsed.grant as { id?: unknown } | null)?.id;
    const first = typeof id === 'string' ? ids.seenBefore(id, parsed.row) : undefined;
    if (first === undefined) return errors;
    const earlier = parsed.columnTitles ? `row ${first}` : `grants[${first}]`;
    return [...errors, { row: parsed.row, field: fieldName('id', parsed.columnTitles), value: id, reason: `is the same as on ${earlier}: each grant needs its own id` }];
  };
}
