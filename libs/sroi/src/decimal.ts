import { Decimal } from 'decimal.js';

/**
 * A private Decimal constructor: 40 significant digits carried through every step (pounds up to
 * 10^13 keep 27 decimal places), so that only the final figures are rounded. Cloned so that no
 * other library's Decimal settings are touched.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export const ZERO = new Dec(0);
export const ONE = new Dec(1);
const TWELVE = new Dec(12);

/** Rounds once, half up (away from zero on a tie), to `places`; never prints '-0.00'. */
export function roundHalfUp(value: Decimal, places: number): string {
  const s = value.toFixed(places, Decimal.ROUND_HALF_UP);
  return /^-[0.]+$/.test(s) ? s.slice(1) : s;
}

export const pounds = (value: Decimal): string => roundHalfUp(value, 2);

export const penceToDecimalPounds = (pence: bigint): Decimal => new Dec(`${pence}e-2`);

/** numerator / denominator to 2 places, or null when the denominator is 0. */
export const ratioOf = (numerator: Decimal, denominator: Decimal): string | null =>
  denominator.isZero() ? null : roundHalfUp(numerator.div(denominator), 2);

/** inputs / (year-1 value / 12), worked as inputs × 12 / year-1 value: null when the first year brings no positive value. */
export const paybackMonthsOf = (inputs: Decimal, year1: Decimal): string | null =>
  year1.isPositive() && !year1.isZero() ? roundHalfUp(inputs.times(TWELVE).div(year1), 2) : null;

/** inputs / PV to 4 places: the proxy factor at which the ratio is 1 : 1. */
export const breakEvenFactorOf = (inputs: Decimal, presentValue: Decimal): string | null =>
  presentValue.isPositive() && !presentValue.isZero() ? roundHalfUp(inputs.div(presentValue), 4) : null;
