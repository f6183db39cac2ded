import { html, SafeHtml } from './html.js';
import { pounds } from './format.js';

export type Bar = { label: string; pence: bigint; count: number };

const ROW = 44;
const BAR_HEIGHT = 16;
/** Bars use at most this share of the width; the amount is written after the bar's end. */
const BAR_SHARE = 62;
const LABEL_CHARS = 46;

const shorten = (text: string) => (text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1).trimEnd()}…` : text);

/**
 * A horizontal bar chart as inline SVG, drawn on the server. Widths are percentages, so it fits any
 * screen without scaling its text. The SVG is one image to assistive technology (role="img" with a
 * title and a description naming every bar); the same figures follow as a table (`dataTable`).
 */
export function barChart(id: string, title: string, bars: Bar[]): SafeHtml {
  if (!bars.length) return html`<p class="chart-empty">No funding to chart for this selection.</p>`;
  const max = bars.reduce((m, b) => (b.pence > m ? b.pence : m), 0n);
  const description = bars.map((b) => `${b.label}: ${pounds(b.pence)}`).join('; ');
  const height = bars.length * ROW;
  return html`<svg class="chart" id="${id}" role="img" aria-labelledby="${id}-title ${id}-desc" width="100%" height="${height}" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${description}</desc>
${bars.map((b, i) => {
  const share = max > 0n ? Number((b.pence * 10_000n) / max) / 100 : 0;
  const width = Math.max(share * (BAR_SHARE / 100), b.pence > 0n ? 0.4 : 0).toFixed(2);
  const y = i * ROW;
  return html`<g class="bar"><text class="bar-label" x="0" y="${y + 14}">${shorten(b.label)}</text><rect x="0" y="${y + 20}" width="${width}%" height="${BAR_HEIGHT}" rx="2"></rect><text class="bar-value" x="${width}%" dx="6" y="${y + 33}">${pounds(b.pence)}</text></g>`;
})}
</svg>`;
}

/** The chart's figures as a table: the text alternative, also handy to copy. */
export function dataTable(caption: string, firstColumn: string, bars: Bar[]): SafeHtml {
  if (!bars.length) return html``;
  return html`<table class="data-table">
<caption>${caption}</caption>
<thead><tr><th scope="col">${firstColumn}</th><th scope="col" class="num">Awards</th><th scope="col" class="num">Amount</th></tr></thead>
<tbody>${bars.map((b) => html`<tr><th scope="row">${b.label}</th><td class="num">${b.count.toLocaleString('en-GB')}</td><td class="num">${pounds(b.pence)}</td></tr>`)}</tbody>
</table>`;
}
