import { coerceCell } from './cell-values.js';
import { COLUMN_SPECS, columnForPath, columnForTitle, parsePath, type ColumnSpec, type PathSegment } from './columns.js';

/** A 360Giving grant as JSON (the schema allows additional properties). */
export type Grant360 = { [key: string]: unknown };
export type FlatValue = string | number | boolean;

function getAt(grant: Grant360, segments: PathSegment[]): unknown {
  let node: unknown = grant;
  for (let i = 0; i < segments.length; i++) {
    if (node === null || typeof node !== 'object') return undefined;
    const { key, index } = segments[i];
    node = (node as Record<string, unknown>)[key];
    if (index !== undefined) node = Array.isArray(node) ? node[index] : undefined;
  }
  return node;
}

/** The value at a JSON path such as `plannedDates[0].startDate`, or undefined. */
export function valueAt(grant: object, path: string): unknown {
  return getAt(grant as Grant360, columnForPath(path)?.segments ?? parsePath(path));
}

/** A reader of one JSON path, compiled once: for code that reads the same fields of many grants. */
export function pathReader(path: string): (grant: object) => unknown {
  const segments = columnForPath(path)?.segments ?? parsePath(path);
  return (grant) => getAt(grant as Grant360, segments);
}

function setAt(grant: Grant360, segments: PathSegment[], value: unknown): void {
  let node: Record<string, unknown> = grant;
  const last = segments.length - 1;
  for (let i = 0; i < last; i++) {
    const { key, index } = segments[i];
    if (index === undefined) {
      node = (node[key] ??= {}) as Record<string, unknown>;
    } else {
      const list = (node[key] ??= []) as Record<string, unknown>[];
      node = list[index] ??= {};
    }
  }
  node[segments[last].key] = value;
}

function flatValue(value: unknown, column: ColumnSpec): FlatValue | undefined {
  if (column.list && Array.isArray(value)) return value.length ? value.join(';') : undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}

/** Grant → `{ column title: value }` for every column the grant has a value for, in schema order. */
export function flattenGrant(grant: object): Record<string, FlatValue> {
  const row: Record<string, FlatValue> = {};
  for (const column of COLUMN_SPECS) {
    const value = flatValue(getAt(grant as Grant360, column.segments), column);
    if (value !== undefined) row[column.title] = value;
  }
  return row;
}

export type RowUnflattener = {
  /** per header position, the 360Giving column it maps to (null: not a 360Giving title) */
  columns: (ColumnSpec | null)[];
  /** header titles that are not 360Giving titles, as written */
  unknownColumns: string[];
  /** JSON path → the title as written in this file's header, for error messages */
  columnTitles: Record<string, string>;
  toGrant(values: readonly unknown[]): Grant360;
};

/**
 * Compiles a header once, so that each row is only coerced and placed. When two header titles
 * map to the same column, the first non-empty cell wins.
 */
export function createRowUnflattener(headerTitles: readonly unknown[]): RowUnflattener {
  const columns = headerTitles.map((title) => (typeof title === 'string' && columnForTitle(title)) || null);
  const unknownColumns = headerTitles
    .filter((title, i) => !columns[i] && title !== null && title !== undefined && String(title).trim() !== '')
    .map((title) => String(title).trim());
  const columnTitles: Record<string, string> = {};
  columns.forEach((column, i) => {
    if (column && !(column.path in columnTitles)) columnTitles[column.path] = String(headerTitles[i]).trim();
  });
  const mapped = columns.filter((column): column is ColumnSpec => column !== null);
  const repeated = new Set(mapped.map((column) => column.path)).size < mapped.length;
  const toGrant = (values: readonly unknown[]): Grant360 => {
    const grant: Grant360 = {};
    const filled = repeated ? new Set<string>() : null;
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i];
      if (!column || filled?.has(column.path)) continue;
      const value = coerceCell(values[i], column);
      if (value === undefined) continue;
      setAt(grant, column.segments, value);
      filled?.add(column.path);
    }
    return grant;
  };
  return { columns, unknownColumns, columnTitles, toGrant };
}

/**
 * `{ column title: cell }` → nested grant, coercing numbers and dates by column type. Titles match
 * case- and whitespace-insensitively; other columns (the template's extras, a council's own) are
 * returned in `unknownColumns` and otherwise ignored.
 */
export function unflattenRow(row: Record<string, unknown>): { grant: object; unknownColumns: string[] } {
  const titles = Object.keys(row);
  const { toGrant, unknownColumns } = createRowUnflattener(titles);
  return { grant: toGrant(titles.map((title) => row[title])), unknownColumns };
}
