import type { ResultRow, Verdict } from './types.js';

/** Pure: a figure against its goal, written for the "met?" column. */
export function atLeast(value: number, goal: number, format: (n: number) => string): Verdict {
  if (!Number.isFinite(value)) return { met: null, text: 'not measured' };
  return value >= goal ? { met: true, text: 'yes' } : { met: false, text: `no: ${format(value)} < ${format(goal)}` };
}

export function atMost(value: number, goal: number, format: (n: number) => string): Verdict {
  if (!Number.isFinite(value)) return { met: null, text: 'not measured' };
  return value <= goal ? { met: true, text: 'yes' } : { met: false, text: `no: ${format(value)} > ${format(goal)}` };
}

export function below(value: number, goal: number, format: (n: number) => string): Verdict {
  if (!Number.isFinite(value)) return { met: null, text: 'not measured' };
  return value < goal ? { met: true, text: 'yes' } : { met: false, text: `no: ${format(value)} ≥ ${format(goal)}` };
}

export const notJudged = (why: string): Verdict => ({ met: null, text: why });

/** Several goals of one row: missed if any is missed, met if all are met, otherwise not judged. */
export function allOf(parts: { label: string; verdict: Verdict }[]): Verdict {
  if (parts.length === 1) return parts[0].verdict;
  const met = parts.some((p) => p.verdict.met === false) ? false : parts.every((p) => p.verdict.met === true) ? true : null;
  const text = parts.map((p) => `${p.label}: ${p.verdict.text}`).join('; ');
  return { met, text: met === true ? 'yes' : text };
}

/** The row of a benchmark that could not run: its goal stays, the figure says why. */
export function notMeasuredRow(benchmark: string, goal: string, reason: string, size = '—'): ResultRow {
  return { benchmark, size, figure: 'not measured', baseline: '—', ratio: '—', goal, verdict: { met: null, text: `not measured: ${reason}` } };
}

/** "yes" / "no" / "—" counts for the summary line. */
export function tally(rows: ResultRow[]): { met: number; missed: number; notJudged: number } {
  return {
    met: rows.filter((r) => r.verdict.met === true).length,
    missed: rows.filter((r) => r.verdict.met === false).length,
    notJudged: rows.filter((r) => r.verdict.met === null).length,
  };
}
