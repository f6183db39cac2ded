/**
 * Money is carried as integer pence (bigint) inside the system and leaves the API as a
 * decimal string in pounds ("12500.00"). Never a binary float.
 */
const MONEY_RE = /^-?\d{1,13}(\.\d{1,2})?$/;

/** True when the value is a decimal amount in pounds with at most 2 places (string or number). */
export function isMoneyInput(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && MONEY_RE.test(numberToPlainString(value));
  return typeof value === 'string' && MONEY_RE.test(value.trim());
}

function numberToPlainString(n: number): string {
  // JSON numbers such as 12500.5 arrive as floats; their shortest decimal form is what the user typed.
  return String(n).includes('e') ? n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : String(n);
}

/** "12500.5" | 12500.5 -> 1250050n. Throws on anything that is not a money input. */
export function poundsToPence(value: string | number): bigint {
  if (!isMoneyInput(value)) throw new RangeError(`not a decimal amount with at most 2 places: ${String(value)}`);
  const s = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const negative = s.startsWith('-');
  const [whole, frac = ''] = (negative ? s.slice(1) : s).split('.');
  const pence = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -pence : pence;
}

/** 1250050n -> "12500.50" */
export function penceToPounds(pence: bigint | number | string): string {
  const p = BigInt(pence);
  const negative = p < 0n;
  const abs = negative ? -p : p;
  const s = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${s}` : s;
}

/** "£12,500.50" for people to read in messages. */
export function formatPounds(pence: bigint | number | string): string {
  const p = BigInt(pence);
  const digits = (p < 0n ? -p : p).toString().padStart(3, '0');
  const whole = digits.length - 2;
  // Thousands separators from the left: the first group takes what is left over from threes.
  let out = digits.slice(0, ((whole - 1) % 3) + 1);
  for (let i = out.length; i < whole; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return `${p < 0n ? '-' : ''}£${out}.${digits.slice(whole)}`;
}

/** TypeORM transformer for a `bigint` column holding pence: the driver returns a string. */
export const penceTransformer = {
  to: (value: bigint | null | undefined): string | null | undefined =>
    value === null || value === undefined ? value : value.toString(),
  from: (value: string | null): bigint | null => (value === null || value === undefined ? null : BigInt(value)),
};
