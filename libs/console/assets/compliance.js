// Everyone: how each directorate's awards fare against the Compact, as a table and a chart.
import { directorates, get } from './api.js';
import { stackedBars } from './charts.js';
import { h, notAvailable, notice, replace, table } from './dom.js';
import { RULE_HELP } from './award-form.js';
import { normaliseSummary } from './format.js';

const RULE_ORDER = ['FCR-1', 'FCR-2', 'ADV-1', 'MY-1', 'END-1', 'END-2', 'MON-1', 'PAY-1', 'PUB-1', 'CON-1'];
const ruleOrder = (r) => (RULE_ORDER.includes(r) ? RULE_ORDER.indexOf(r) : 99);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function compliancePage(ctx) {
  ctx.setTitle('Compliance summary');
  const body = h('div', {}, h('p', {}, 'Loading…'));
  replace(ctx.main,
    h('h1', {}, 'Compliance with the Compact, by directorate'),
    h('p', { class: 'lead' }, 'How many awards of each directorate pass, raise a warning or fail each Compact funding check. A warning with a recorded justification counts as a pass.'),
    body);
  let raw;
  try {
    raw = await get('/api/compliance/summary', { groupBy: 'directorate' });
  } catch (e) {
    return replace(body, e.unavailable ? notAvailable('The compliance summary') : notice('error', e.message));
  }
  if (!ctx.alive()) return;
  const summary = normaliseSummary(raw);
  summary.rules.sort((a, b) => ruleOrder(a) - ruleOrder(b) || a.localeCompare(b));
  if (summary.groups.some((g) => UUID.test(g.name))) {
    const ds = await directorates().catch(() => []);
    for (const g of summary.groups) if (UUID.test(g.name)) g.name = ds.find((d) => d.id === g.name)?.name ?? g.name;
  }
  if (!summary.groups.length) return replace(body, notice('info', 'No awards have been checked yet.'));
  const unit = summary.groups.every((g) => g.overallIsAwards) ? 'awards' : 'findings';
  replace(body,
    stackedBars({
      title: `Compact checks by directorate (${unit})`,
      description: summary.groups.map((g) => `${g.name}: ${g.total.fail} fail, ${g.total.warn} warning, ${g.total.pass} pass`).join('; '),
      categories: summary.groups.map((g) => ({ label: g.name, values: g.total })),
      series: [
        { key: 'fail', label: 'Fail', className: 'fill-fail' },
        { key: 'warn', label: 'Warning', className: 'fill-warn' },
        { key: 'pass', label: 'Pass', className: 'fill-pass' },
      ],
    }),
    h('div', { class: 'scroll-x', tabindex: '0', role: 'region', 'aria-label': 'Compliance table, scrolls sideways' },
      h('table', { class: 'data compliance' },
        h('caption', {}, 'Checks by directorate and rule: fail / warning / pass'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Directorate'),
          h('th', { scope: 'col' }, unit === 'awards' ? 'Awards overall' : 'All checks'),
          summary.rules.map((r) => h('th', { scope: 'col' }, r, RULE_HELP[r] ? h('span', { class: 'sub' }, RULE_HELP[r].title) : null)))),
        h('tbody', {}, summary.groups.map((g) => h('tr', {},
          h('th', { scope: 'row' }, g.name),
          h('td', {}, counts(g.total)),
          summary.rules.map((r) => h('td', {}, g.rules[r] ? counts(g.rules[r]) : '–'))))))),
    worstAwards(raw?.worstAwards));
}

/** The awards with the most to fix, when the summary lists them. */
function worstAwards(list) {
  if (!Array.isArray(list) || !list.length) return null;
  return h('section', {},
    h('h2', {}, 'Awards with the most to fix'),
    table({
      className: 'data',
      head: ['Award', 'Directorate', 'Fails', 'Warnings'],
      rows: list.map((a) => [
        a.id ? h('a', { href: `#/awards/${a.id}` }, a.title ?? 'award') : a.title ?? '—',
        a.directorate ?? '—',
        `${a.fails ?? 0}${a.failing?.length ? ` (${a.failing.join(', ')})` : ''}`,
        `${a.warns ?? 0}${a.warning?.length ? ` (${a.warning.join(', ')})` : ''}`,
      ]),
    }));
}

/** "1 fail · 2 warn · 5 pass", leaving out the zeros; "–" when the rule applied to none. */
function counts(c) {
  const parts = [['fail', c.fail], ['warn', c.warn], ['pass', c.pass]].filter(([, n]) => n > 0);
  if (!parts.length) return h('span', { class: 'hint', title: 'did not apply to any award' }, '–');
  return h('span', { class: 'counts' }, parts.flatMap(([k, n], i) => [i ? ' · ' : null, h('span', { class: `count-${k}` }, `${n} ${k}`)]));
}
