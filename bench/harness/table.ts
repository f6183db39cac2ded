/** Pure table formatting: aligned plain text for the terminal, GitHub markdown for BENCHMARKS.md. */

/** A markdown cell: pipes escaped, line breaks as spaces. */
export function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim() || ' ';
}

export function markdownTable(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** Columns padded to their widest cell (by code points, so "≥" and "×" count as one). */
export function textTable(headers: string[], rows: string[][]): string {
  const width = (s: string) => [...s].length;
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c ?? '', widths[i])).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
