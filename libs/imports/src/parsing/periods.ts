import { addDays, addMonths } from '@app/common';

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the Gregorian calendar (called per row, so without a Date). */
export function monthLength(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/;
const PARTIAL_DATE = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/;

/**
 * 360Giving dates are YYYY-MM-DD or a date-time; planned and actual dates may also be only YYYY-MM
 * or YYYY. A date-time keeps the date it was written with (no time-zone shift); a month or a year
 * stands for its first day as a start and its last day as an end. Anything else, or a day that does
 * not exist, gives null.
 */
export function startDateOf(value: unknown): string | null {
  return calendarDate(value, 'start');
}

export function endDateOf(value: unknown): string | null {
  return calendarDate(value, 'end');
}

function calendarDate(value: unknown, side: 'start' | 'end'): string | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  const full = FULL_DATE.exec(v);
  if (full) {
    const month = Number(full[2]);
    const day = Number(full[3]);
    return month >= 1 && month <= 12 && day >= 1 && day <= monthLength(Number(full[1]), month) ? v.slice(0, 10) : null;
  }
  const partial = PARTIAL_DATE.exec(v);
  if (!partial) return null;
  const month = partial[2] ? Number(partial[2]) : side === 'start' ? 1 : 12;
  const day = side === 'start' ? 1 : monthLength(Number(partial[1]), month);
  return `${partial[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A planned end from a start and a whole number of months: 2025-04-01 + 12 months ends 2026-03-31. */
export function endFromDuration(start: string | null, months: unknown): string | null {
  if (!start || typeof months !== 'number' || !Number.isInteger(months) || months <= 0) return null;
  return addDays(addMonths(start, months), -1);
}
