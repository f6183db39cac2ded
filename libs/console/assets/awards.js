// The awards list: filters, search, sort and paging, all kept in the URL so a link can be shared.
import { directorateOptions, get, qs, roleMay } from './api.js';
import { button, field, h, input, notice, replace, select, table } from './dom.js';
import { formatDate, formatMoney } from './format.js';

export const KINDS = [['grant', 'Grant'], ['contract', 'Contract'], ['in_kind', 'In kind']];
export const STATUSES = [['draft', 'Draft'], ['awarded', 'Awarded'], ['published', 'Published'], ['ended', 'Ended']];
const SORTS = [
  ['-awardDate', 'Newest award first'], ['awardDate', 'Oldest award first'],
  ['-amount', 'Largest amount first'], ['amount', 'Smallest amount first'],
  ['title', 'Title A to Z'], ['-title', 'Title Z to A'], ['-updatedAt', 'Recently changed'],
];
const COMPLIANCE = { pass: 'Pass', warn: 'Warnings', fail: 'Fails' };
const label = (pairs, v) => pairs.find(([k]) => k === v)?.[1] ?? v;

export async function awardsPage(ctx) {
  ctx.setTitle('Awards');
  const u = ctx.user;
  const q = Object.fromEntries(ctx.query);
  // A commissioner starts with the awards of their own (first) directorate.
  if (!ctx.query.has('directorateId') && u.role === 'commissioner' && u.directorateIds.length) q.directorateId = u.directorateIds[0];
  const page = Math.max(1, Number(q.page) || 1);
  const pageSize = [10, 25, 50, 100].includes(Number(q.pageSize)) ? Number(q.pageSize) : 25;
  const sort = SORTS.some(([k]) => k === q.sort) ? q.sort : '-awardDate';

  const groups = await directorateOptions();
  const own = u.role === 'commissioner' ? u.directorateIds : [];
  const dirOptions = [['all', 'All directorates']];
  if (own.length) {
    const mine = groups.flatMap((g) => g.options).filter(([id]) => own.includes(id));
    dirOptions.push({ group: 'Your directorates', options: mine });
    dirOptions.push(...groups.map((g) => ({ group: g.group, options: g.options.filter(([id]) => !own.includes(id)) })).filter((g) => g.options.length));
  } else dirOptions.push(...groups);

  const f = {
    q: input({ type: 'search', name: 'q', value: q.q ?? '' }),
    directorateId: select(dirOptions, { name: 'directorateId', value: q.directorateId || 'all' }),
    kind: select([['', 'Any kind'], ...KINDS], { name: 'kind', value: q.kind ?? '' }),
    status: select([['', 'Any status'], ...STATUSES], { name: 'status', value: q.status ?? '' }),
    compliance: select([['', 'Any result'], ['fail', 'Fails a check'], ['warn', 'Has warnings'], ['pass', 'Passes every check']], { name: 'compliance', value: q.compliance ?? '' }),
    from: input({ type: 'date', name: 'from', value: q.from ?? '' }),
    to: input({ type: 'date', name: 'to', value: q.to ?? '' }),
    sort: select(SORTS, { name: 'sort', value: sort }),
    pageSize: select([['10', '10'], ['25', '25'], ['50', '50'], ['100', '100']], { name: 'pageSize', value: String(pageSize) }),
  };
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter awards' },
    field('Search', f.q, { hint: 'Title, programme or recipient' }),
    field('Directorate', f.directorateId),
    field('Kind', f.kind),
    field('Status', f.status),
    field('Compact checks', f.compliance),
    field('Award date from', f.from),
    field('Award date to', f.to),
    field('Sort by', f.sort),
    field('Rows per page', f.pageSize),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Apply filters'),
      button('Clear filters', { class: 'secondary', onclick: () => ctx.navigate('#/awards?directorateId=all') })));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = Object.fromEntries(Object.entries(f).map(([k, el]) => [k, el.value]));
    ctx.navigate(`#/awards?${qs({ ...v, sort: v.sort === '-awardDate' ? '' : v.sort, pageSize: v.pageSize === '25' ? '' : v.pageSize })}`);
  });

  const results = h('div', { 'aria-live': 'polite' }, h('p', {}, 'Loading awards…'));
  replace(ctx.main,
    h('div', { class: 'page-head' },
      h('h1', {}, u.role === 'commissioner' ? 'Your awards' : 'Awards'),
      roleMay.writeAwards(u) ? h('a', { class: 'button primary', href: '#/awards/new' }, 'New award') : null),
    filters,
    results);

  const apiQuery = { ...q, directorateId: q.directorateId === 'all' ? undefined : q.directorateId, page, pageSize, sort };
  let body;
  try {
    body = await get('/api/awards', apiQuery);
  } catch (e) {
    return replace(results, notice('error', `The awards could not be listed: ${e.message}`));
  }
  if (!ctx.alive()) return;
  const pages = Math.max(1, Math.ceil(body.total / pageSize));
  const link = (p) => `#/awards?${qs({ ...Object.fromEntries(ctx.query), page: p === 1 ? '' : p })}`;
  replace(results,
    body.items.length === 0
      ? notice('info', 'No awards match these filters. ', roleMay.writeAwards(u) ? h('a', { href: '#/awards/new' }, 'Record a new award') : null)
      : table({
          className: 'data',
          caption: `${body.total} award${body.total === 1 ? '' : 's'}${body.total > pageSize ? `, page ${page} of ${pages}` : ''}`,
          head: ['Title', 'Recipient', 'Directorate', 'Kind', h('th', { scope: 'col', class: 'num' }, 'Amount'), 'Award date', 'Status', 'Compact checks'],
          rows: body.items.map((a) => [
            h('a', { href: `#/awards/${a.id}` }, a.title),
            a.recipientName ?? '—',
            a.directorateName ?? '—',
            label(KINDS, a.kind),
            h('td', { class: 'num' }, formatMoney(a.amountAwarded)),
            formatDate(a.awardDate),
            h('span', { class: ['badge', `badge-${a.status}`] }, label(STATUSES, a.status)),
            a.complianceStatus ? h('span', { class: ['badge', `badge-${a.complianceStatus}`] }, COMPLIANCE[a.complianceStatus] ?? a.complianceStatus) : '—',
          ]),
        }),
    pages > 1
      ? h('nav', { class: 'pager', 'aria-label': 'Pages of awards' },
          page > 1 ? h('a', { href: link(page - 1), rel: 'prev' }, '← Previous page') : h('span'),
          h('span', {}, `Page ${page} of ${pages}`),
          page < pages ? h('a', { href: link(page + 1), rel: 'next' }, 'Next page →') : h('span'))
      : null);
}
