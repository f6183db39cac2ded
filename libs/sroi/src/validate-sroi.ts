import { AppError, type ErrorDetail } from '@app/common';
import type { SroiAward, SroiOutcome, SroiSettings } from './sroi.types.js';

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;
const UNSIGNED_DECIMAL_RE = /^\d+(\.\d+)?$/;
export const MAX_DURATION_YEARS = 50;

const isDecimal = (v: unknown): v is string => typeof v === 'string' && DECIMAL_RE.test(v);
/** 0 to 1 inclusive, written as a decimal: '0', '0.25', '1.0000'. */
const FRACTION_RE = /^(0(\.\d+)?|1(\.0+)?)$/;
const isFraction = (v: unknown): boolean => typeof v === 'string' && FRACTION_RE.test(v);

const FRACTION_REASON = 'must be a fraction from 0 to 1 written as a decimal, e.g. "0.25"';
const FRACTIONS = ['deadweight', 'displacement', 'attribution', 'dropOff'] as const;

/** The problems with one outcome, as `{field, reason}` pairs; empty when it can be valued. */
export function validateOutcome(o: SroiOutcome): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (!(typeof o.quantity === 'string' && UNSIGNED_DECIMAL_RE.test(o.quantity)))
    errors.push({ field: 'quantity', reason: 'must be a number of 0 or more written as a decimal, e.g. "10"' });
  if (!isDecimal(o.financialProxy))
    errors.push({ field: 'financialProxy', reason: 'must be an amount in pounds written as a decimal, e.g. "1500.00"' });
  for (const field of FRACTIONS) if (!isFraction(o[field])) errors.push({ field, reason: FRACTION_REASON });
  if (!Number.isInteger(o.durationYears) || o.durationYears < 1 || o.durationYears > MAX_DURATION_YEARS)
    errors.push({ field: 'durationYears', reason: `must be a whole number of years from 1 to ${MAX_DURATION_YEARS}` });
  return errors;
}

/** The problems with the SROI settings (the admin's Compact profile). */
export function validateSroiSettings(s: SroiSettings): ErrorDetail[] {
  const fields = ['discountRate', 'sensitivityPoints', 'proxyVariation'] as const;
  return fields.filter((field) => !isFraction(s[field])).map((field) => ({ field, reason: FRACTION_REASON }));
}

/** Throws a VALIDATION error naming every bad field (`outcomes[1].attribution`), so a job fails without retry. */
export function assertValidAward(award: SroiAward): void {
  const errors: ErrorDetail[] = award.outcomes.flatMap((o, i) =>
    validateOutcome(o).map((e) => ({ field: `outcomes[${i}].${e.field}`, reason: e.reason })),
  );
  if (typeof award.inputsPence !== 'bigint' || award.inputsPence < 0n)
    errors.unshift({ field: 'inputsPence', reason: 'must be a whole number of pence, 0 or more' });
  if (errors.length) throw invalidInput(`award ${award.awardId}`, errors);
}

export function assertValidSettings(settings: SroiSettings): void {
  const errors = validateSroiSettings(settings);
  if (errors.length) throw invalidInput('SROI settings', errors);
}

const invalidInput = (what: string, errors: ErrorDetail[]) =>
  new AppError('VALIDATION', `${what} cannot be valued: ${errors.map((e) => `${e.field} ${e.reason}`).join('; ')}`, errors);
