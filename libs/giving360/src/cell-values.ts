import type { ColumnSpec } from './columns.js';

/**
 * Turns one spreadsheet cell (a CSV string, or an exceljs value: number, Date, boolean, string)
 * into the JSON value its 360Giving column wants. Empty cells give `undefined` (the field is left
 * out). A value that cannot be converted is passed on unchanged, so that validation names it.
 */
export function coerceCell(raw: unknown, column: ColumnSpec): unknown {
  const value = typeof raw === 'string' ? raw.trim() : raw;
  if (value === '' || value === null || value === undefined) return undefined;
  switch (column.type) {
    case 'number':
    case 'integer':
      return typeof value === 'string' ? toNumber(value) : value;
    case 'date':
      return toDate(value);
    case 'boolean':
      return typeof value === 'string' ? toBoolean(value) : value;
    default:
      return column.list ? toList(value) : toText(value);
  }
}

/** Plain decimals; spreadsheets exported with a currency format also write "£1,250.50", which is accepted. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const FORMATTED_POUNDS = /^£?\d{1,3}(,\d{3})+(\.\d+)?$|^£\d+(\.\d+)?$/;

function toNumber(value: string): number | string {
  if (PLAIN_NUMBER.test(value)) return Number(value);
  if (FORMATTED_POUNDS.test(value)) return Number(value.replace(/[£,]/g, ''));
  return value;
}

function toBoolean(value: string): boolean | string {
  const v = value.toLowerCase();
  if (v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  return value;
}

function toList(value: unknown): string[] {
  return toText(value)
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
}

function toText(value: unknown): string {
  if (value instanceof Date) return isoOfDate(value);
  return String(value);
}

/** Excel's day 0 is 1899-12-30 (with its 1900 leap-year bug, serials from 61 on are right). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function toDate(value: unknown): unknown {
  if (value instanceof Date) return isoOfDate(value);
  if (typeof value !== 'number') return typeof value === 'string' ? value : String(value);
  // A whole number 1000-9999 in a date column is a year (events may give only a year), not an Excel serial.
  if (Number.isInteger(value) && value >= 1000 && value <= 9999) return String(value);
  if (value < 61 || value > 2_958_465) return value;
  return isoOfDate(new Date(EXCEL_EPOCH_MS + Math.round(value * DAY_MS)));
}

/** exceljs gives Excel dates as UTC instants: a whole day is YYYY-MM-DD, anything else a date-time. */
export function isoOfDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
