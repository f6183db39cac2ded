/**
 * UK public-sector financial years run from 1 April to 31 March. Year 2025 is "2025-26":
 * 2025-04-01 to 2026-03-31 inclusive. The public filters speak in financial years because that is
 * how councils budget and report (GrantNav users ask for it; DOMAIN.md 5).
 */
export type FinancialYear = { start: number; label: string; from: string; toExclusive: string; to: string };

export const MIN_FINANCIAL_YEAR = 1990;
export const MAX_FINANCIAL_YEAR = 2100;

export function financialYear(start: number): FinancialYear {
  return {
    start,
    label: financialYearLabel(start),
    from: `${start}-04-01`,
    to: `${start + 1}-03-31`,
    toExclusive: `${start + 1}-04-01`,
  };
}

/** 2025 -> "2025-26" (the way budgets are written). */
export function financialYearLabel(start: number): string {
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The financial year a calendar date (YYYY-MM-DD) falls in: 2026-03-31 -> 2025, 2026-04-01 -> 2026. */
export function financialYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

/**
 * Reads a year filter: "2025" or "2025-26" (also "2025/26") both mean the financial year starting
 * 1 April 2025. Returns null when the text is not such a year.
 */
export function parseFinancialYear(text: string): number | null {
  const m = /^(\d{4})(?:[-/](\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const start = Number(m[1]);
  if (m[2] !== undefined && Number(m[2]) !== (start + 1) % 100) return null;
  if (start < MIN_FINANCIAL_YEAR || start > MAX_FINANCIAL_YEAR) return null;
  return start;
}
