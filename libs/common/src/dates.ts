/**
 * Calendar dates without time, carried as 'YYYY-MM-DD' strings (what a PostgreSQL `date`
 * column returns). Arithmetic is done on UTC midnights so no time zone can move a day.
 */
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month1to12: number): number {
  // Date.UTC reads years 0-99 as 1900-1999: those (and anything unusual) keep its answer.
  if (year < 100 || !Number.isInteger(year) || !Number.isInteger(month1to12) || month1to12 < 1 || month1to12 > 12) {
    return new Date(Date.UTC(year, month1to12, 0)).getUTCDate();
  }
  if (month1to12 !== 2) return MONTH_DAYS[month1to12];
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** The number of `len` ASCII digits at `from`, or -1 if any is not a digit. */
function digitsAt(s: string, from: number, len: number): number {
  let n = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Year, month and day of a valid YYYY-MM-DD date, read character by character (the rules parse
 * several dates for each of a million awards: no regex, no split).
 */
function parts(date: string): [number, number, number] {
  if (typeof date === 'string' && date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const y = digitsAt(date, 0, 4);
    const m = digitsAt(date, 5, 2);
    const d = digitsAt(date, 8, 2);
    if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) return [y, m, d];
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
}

function format(y: number, m: number, d: number): string {
  const yy = y >= 1000 && y <= 9999 ? String(y) : String(y).padStart(4, '0');
  return `${yy}-${m >= 0 && m < 10 ? '0' : ''}${m}-${d >= 0 && d < 10 ? '0' : ''}${d}`;
}

/** Adds calendar months, clamping to the month's end: 2025-08-31 + 3 months = 2025-11-30. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return format(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole days from a to b (b - a); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

/** Compare two calendar dates: negative, zero or positive. ISO strings sort as dates. */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Today's date in UTC as YYYY-MM-DD (inject a clock in tests rather than mocking this). */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
