// Small inline SVG charts. Each has a title and description for screen readers, and is drawn
// beside a table holding the same numbers.
import { h, s, uid } from './dom.js';

/**
 * Horizontal stacked bars: one bar per category, one segment per series.
 * categories: [{label, values: {seriesKey: number}}]; series: [{key, label, className}].
 */
export function stackedBars({ title, description, categories, series, format = String }) {
  const titleId = uid('chart');
  const descId = uid('chart');
  const labelWidth = 210;
  const barWidth = 460;
  const rowHeight = 30;
  // Legend entries as wide as their labels, wrapping onto more rows when they do not fit.
  const legend = [];
  for (const se of series) {
    const width = 40 + 7.5 * se.label.length;
    const last = legend[legend.length - 1];
    const x = last && last.x + last.width + width <= barWidth + 80 ? last.x + last.width : 0;
    legend.push({ x, y: last ? (x === 0 ? last.y + 20 : last.y) : 8, width });
  }
  const top = (legend.length ? legend[legend.length - 1].y : 0) + 26;
  const height = top + categories.length * rowHeight + 10;
  const max = Math.max(1, ...categories.map((c) => series.reduce((t, se) => t + (Number(c.values[se.key]) || 0), 0)));
  const svg = s('svg', { class: 'chart', role: 'img', 'aria-labelledby': `${titleId} ${descId}`, viewBox: `0 0 ${labelWidth + barWidth + 110} ${height}`, width: '100%' },
    s('title', { id: titleId }, title),
    s('desc', { id: descId }, description),
    // legend: each entry as wide as its label
    ...series.map((se, i) => s('g', { transform: `translate(${labelWidth + legend[i].x}, ${legend[i].y})` },
      s('rect', { width: 14, height: 14, class: se.className }),
      s('text', { x: 20, y: 12, class: 'chart-legend' }, se.label))),
    ...categories.map((c, row) => {
      const y = top + row * rowHeight;
      let x = labelWidth;
      const total = series.reduce((t, se) => t + (Number(c.values[se.key]) || 0), 0);
      const label = c.label.length > 30 ? `${c.label.slice(0, 29)}…` : c.label;
      return s('g', {},
        s('text', { x: labelWidth - 8, y: y + 17, 'text-anchor': 'end', class: 'chart-label' }, s('title', {}, c.label), label),
        ...series.map((se) => {
          const v = Number(c.values[se.key]) || 0;
          const w = (v / max) * barWidth;
          const rect = s('rect', { x, y: y + 4, width: Math.max(0, w), height: rowHeight - 10, class: se.className }, s('title', {}, `${c.label}: ${se.label} ${format(v)}`));
          x += w;
          return rect;
        }),
        s('text', { x: x + 6, y: y + 17, class: 'chart-value' }, format(total)));
    }));
  return h('figure', { class: 'chart-figure' }, svg);
}
