import { formatPounds } from '@app/common';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2025-04-01 -> "1 Apr 2025" */
export function formatDate(date: string | null | undefined): string {
  if (!date || !/^\d{4}-\d{2}-\d{2}/.test(date)) return '';
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "1 Apr 2025 to 31 Mar 2028", "from 1 Apr 2025", "" */
export function formatPeriod(start: string | null | undefined, end: string | null | undefined): string {
  if (start && end) return `${formatDate(start)} to ${formatDate(end)}`;
  if (start) return `from ${formatDate(start)}`;
  if (end) return `until ${formatDate(end)}`;
  return '';
}

/** 1250000n -> "£12,500.00" */
export const pounds = (pence: bigint) => formatPounds(pence);

/** 12345 -> "12,345" */
export const count = (n: number) => n.toLocaleString('en-GB');
