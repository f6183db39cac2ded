// Executives: organisations funded by several directorates, the duplicate-funding flags and their
// review, and an organisation's page (funding by directorate over time, identifiers, merge/split).
import { ApiError, get, patch, post, qs, roleMay } from './api.js';
import { stackedBars } from './charts.js';
import { badge, button, confirmDialog, debounce, field, h, input, notAvailable, notice, replace, setFieldError, table, textarea } from './dom.js';
import { formatDate, formatDateTime, formatMoney, humanise, itemsOf, nameOf, penceToPounds, spreadByFinancialYear, toPence } from './format.js';

const pager = (ctx, base, page, pageSize, total, what) => {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const link = (p) => `${base}?${qs({ ...Object.fromEntries(ctx.query), page: p === 1 ? '' : p })}`;
  return h('nav', { class: 'pager', 'aria-label': `Pages of ${what}` },
    page > 1 ? h('a', { href: link(page - 1), rel: 'prev' }, '← Previous page') : h('span'),
    h('span', {}, `Page ${page} of ${pages}`),
    page < pages ? h('a', { href: link(page + 1), rel: 'next' }, 'Next page →') : h('span'));
};

export async function crossDirectoratePage(ctx) {
  ctx.setTitle('Cross-directorate funding');
  const q = Object.fromEntries(ctx.query);
  const page = Math.max(1, Number(q.page) || 1);
  const pageSize = 25;
  const f = { q: input({ type: 'search', value: q.q ?? '' }), from: input({ type: 'date', value: q.from ?? '' }), to: input({ type: 'date', value: q.to ?? '' }) };
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter organisations' },
    field('Search organisations', f.q), field('Awards from', f.from), field('Awards to', f.to),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Apply filters')));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(`#/cross-directorate?${qs({ q: f.q.value.trim(), from: f.from.value, to: f.to.value })}`);
  });
  const results = h('div', { 'aria-live': 'polite' }, h('p', {}, 'Loading…'));
  replace(ctx.main,
    h('h1', {}, 'Organisations funded by several directorates'),
    h('p', { class: 'lead' }, 'Each row is one organisation that holds awards from two or more directorates, with the amount from each. Largest total first. Open an organisation to see its funding over time.'),
    filters, results);
  let body;
  try {
    body = await get('/console/cross-directorate-funding', { page, pageSize, q: q.q, from: q.from, to: q.to });
  } catch (e) {
    return replace(results, e.unavailable ? notAvailable('The cross-directorate view') : notice('error', e.message));
  }
  if (!ctx.alive()) return;
  if (!body.items.length) return replace(results, notice('info', 'No organisation is funded by more than one directorate for these filters.'));
  const cols = body.directorates;
  replace(results,
    h('p', {}, h('strong', {}, String(body.total)), ` organisation${body.total === 1 ? ' is' : 's are'} funded by two or more directorates.`),
    h('div', { class: 'scroll-x', tabindex: '0', role: 'region', 'aria-label': 'Funding matrix, scrolls sideways' },
      table({
        className: 'data matrix',
        caption: 'Amount awarded to each organisation by each directorate',
        head: [h('th', { scope: 'col' }, 'Organisation'), ...cols.map((d) => h('th', { scope: 'col', class: 'num' }, d.name, h('span', { class: 'sub' }, d.funder))), h('th', { scope: 'col', class: 'num' }, 'Total')],
        rows: body.items.map((r) => h('tr', {},
          h('th', { scope: 'row' }, h('a', { href: `#/organisations/${r.organisationId}` }, r.organisationName), h('span', { class: 'sub' }, `${r.directorates} directorates`)),
          ...cols.map((d) => {
            const cell = r.cells.find((c) => c.directorateId === d.id);
            return h('td', { class: ['num', !cell && 'empty'] }, cell ? [formatMoney(cell.amount), h('span', { class: 'sub' }, `${cell.awards} award${cell.awards === 1 ? '' : 's'}`)] : h('span', { 'aria-label': 'none' }, '–'));
          }),
          h('td', { class: 'num total' }, formatMoney(r.totalAmount)))),
      })),
    pager(ctx, '#/cross-directorate', page, pageSize, body.total, 'organisations'));
}

const SEVERITY = { high: 'High', medium: 'Medium', low: 'Low' };
const FLAG_STATUS = { open: 'Open', justified: 'Justified', confirmed: 'Confirmed', resolved: 'Resolved' };

/** Evidence in whatever shape it comes: text, a list, or named values. */
function evidenceView(ev) {
  if (ev === null || ev === undefined || ev === '') return h('p', { class: 'hint' }, 'No evidence recorded.');
  if (typeof ev !== 'object') return h('p', {}, String(ev));
  if (Array.isArray(ev)) return h('ul', { class: 'evidence' }, ev.map((x) => h('li', {}, typeof x === 'object' && x !== null ? evidenceView(x) : String(x))));
  return h('dl', { class: 'evidence' }, Object.entries(ev).flatMap(([k, v]) => [h('dt', {}, humanise(k)), h('dd', {}, typeof v === 'object' && v !== null ? evidenceView(v) : String(v))]));
}

/** The duplicate-funding evidence in words: why the records are one organisation, which awards overlap. */
function flagEvidenceView(flag) {
  const ev = flag.evidence;
  if (!ev || typeof ev !== 'object' || (!Array.isArray(ev.identity) && !Array.isArray(ev.overlaps))) return evidenceView(ev);
  const awardTitle = (id) => (flag.awards ?? []).find((a) => a.id === id)?.title ?? 'an award';
  const parts = [];
  if (Array.isArray(ev.identity) && ev.identity.length)
    parts.push(h('h3', {}, 'Why these records are one organisation'),
      h('ul', { class: 'evidence' }, ev.identity.map((l) => h('li', {},
        Array.isArray(l.names) ? `“${l.names[0]}” and “${l.names[1]}”` : 'Two records',
        l.source === 'person' ? ' were merged by a person' : ` were matched automatically${Number.isFinite(Number(l.confidence)) ? ` (confidence ${Math.round(Number(l.confidence) * (Number(l.confidence) <= 1 ? 100 : 1))} %)` : ''}`,
        Array.isArray(l.evidence) && l.evidence.length ? `: ${l.evidence.join('; ')}` : '.'))));
  if (Array.isArray(ev.overlaps) && ev.overlaps.length)
    parts.push(h('h3', {}, 'Overlapping awards'),
      h('ul', { class: 'evidence' }, ev.overlaps.map((o) => h('li', {},
        h('span', { class: ['badge', `badge-${o.severity}`] }, SEVERITY[o.severity] ?? o.severity), ' ',
        Array.isArray(o.awardIds) ? `“${awardTitle(o.awardIds[0])}” and “${awardTitle(o.awardIds[1])}”` : 'Two awards',
        Array.isArray(o.directorates) ? ` (${o.directorates.join(' and ')})` : '',
        ` overlap from ${formatDate(o.from)} to ${formatDate(o.to)}`,
        o.reason ? `: ${o.reason}` : '.'))));
  if (Number(ev.overlappingPairs) > (ev.overlaps?.length ?? 0)) parts.push(h('p', { class: 'hint' }, `${ev.overlappingPairs} overlapping pairs in all; the most severe are shown.`));
  return parts.length ? h('div', {}, parts) : h('p', { class: 'hint' }, 'No evidence recorded.');
}

export async function flagsPage(ctx) {
  ctx.setTitle('Duplicate-funding flags');
  const q = Object.fromEntries(ctx.query);
  const page = Math.max(1, Number(q.page) || 1);
  const pageSize = 20;
  const statusFilter = h('select', {}, [['', 'Any status'], ...Object.entries(FLAG_STATUS)].map(([v, t]) => h('option', { value: v, selected: (q.status ?? '') === v }, t)));
  const filters = h('form', { class: 'filters', 'aria-label': 'Filter flags' }, field('Show flags', statusFilter), h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Show')));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(`#/flags?${qs({ status: statusFilter.value })}`);
  });
  const results = h('div', {}, h('p', {}, 'Loading flags…'));
  replace(ctx.main,
    h('h1', {}, 'Duplicate-funding flags'),
    h('p', { class: 'lead' }, 'An organisation holding awards from two or more directorates whose periods overlap. A flag is information for a cross-directorate review, not an accusation: mark it justified (complementary funding), confirmed (double funding of the same cost) or resolved, with a note.'),
    filters, results);
  let body;
  try {
    body = await get('/api/flags/duplicate-funding', { page, pageSize, ...(q.status ? { status: q.status } : {}) });
  } catch (e) {
    if (e.status === 400 && q.status) body = await get('/api/flags/duplicate-funding', { page, pageSize }).catch(() => null); // no status filter on the server: filter here
    if (!body) return replace(results, e.unavailable ? notAvailable('The duplicate-funding flags list') : notice('error', e.message));
  }
  if (!ctx.alive()) return;
  const flags = itemsOf(body).filter((f) => !q.status || f.status === q.status);
  if (!flags.length) return replace(results, notice('info', q.status ? `No ${FLAG_STATUS[q.status]?.toLowerCase() ?? ''} flags.` : 'No organisation is flagged: no two directorates fund one organisation over overlapping periods.'));
  replace(results,
    h('p', {}, `${body.total ?? flags.length} flag${(body.total ?? flags.length) === 1 ? '' : 's'}.`),
    h('div', { class: 'flags' }, flags.map((f) => flagCard(ctx, f))),
    pager(ctx, '#/flags', page, pageSize, body.total ?? flags.length, 'flags'));
}

function flagCard(ctx, flag) {
  const org = flag.organisation ?? {};
  const orgId = typeof org === 'object' ? org.id ?? flag.organisationId : flag.organisationId;
  const headingId = `flag-${flag.id}`;
  const statusSlot = h('span', {});
  const reviewed = h('div', {});
  const drawStatus = (f) => {
    replace(statusSlot, badge(f.severity ?? 'medium', `${SEVERITY[f.severity] ?? humanise(f.severity ?? 'unknown')} severity`), ' ', badge(`flag-${f.status}`, FLAG_STATUS[f.status] ?? f.status));
    const note = f.note ?? f.reviewNote;
    replace(reviewed, f.changedSinceReview ? notice('info', 'The awards, amounts or overlap have changed since this flag was reviewed: look again.') : null, note || f.reviewedAt || f.reviewedBy
      ? h('p', { class: 'review-note' }, h('strong', {}, 'Review: '), note ?? '', f.reviewedBy ? ` — ${nameOf(f.reviewedBy)}` : '', f.reviewedAt ? `, ${formatDateTime(f.reviewedAt)}` : '')
      : null);
  };
  drawStatus(flag);
  const awards = Array.isArray(flag.awards) ? flag.awards : [];
  const directorates = Array.isArray(flag.directorates) ? flag.directorates : [];
  const dirName = (a) => (a.directorateName ?? (typeof a.directorate === 'string' ? a.directorate : a.directorate?.name) ?? directorates.find((d) => d && d.id === a.directorateId)?.name ?? null);
  let actions = null;
  if (roleMay.reviewFlags(ctx.user)) {
    const note = textarea({ rows: 2 });
    const msg = h('div', { 'aria-live': 'polite' });
    const review = async (status) => {
      try {
        const text = note.value.trim();
        const saved = await patch(`/api/flags/${flag.id}`, { status, ...(text ? { note: text } : {}) });
        Object.assign(flag, saved && typeof saved === 'object' ? saved : { status, note: text });
        if (!saved?.status) flag.status = status;
        drawStatus(flag);
        note.value = '';
        replace(msg, notice('success', `Marked ${FLAG_STATUS[status].toLowerCase()}.`));
      } catch (e) {
        for (const d of e.details ?? []) if (d.field === 'note') setFieldError(note, d.reason);
        replace(msg, notice('error', e.unavailable ? 'Reviewing flags is not available yet on this server.' : `Not saved: ${e.message}`));
      }
    };
    actions = h('div', { class: 'review' },
      field('Note', note, { hint: 'Why: e.g. the two awards pay for different services' }),
      h('div', { class: 'row-actions' },
        button('Mark as justified', { class: 'secondary', onclick: () => review('justified') }),
        button('Mark as confirmed', { class: 'secondary', onclick: () => review('confirmed') }),
        button('Mark as resolved', { class: 'secondary', onclick: () => review('resolved') }),
        button('Reopen', { class: 'link-button', onclick: () => review('open') })),
      msg);
  }
  return h('article', { class: 'flag card', 'aria-labelledby': headingId, dataset: { flagId: flag.id } },
    h('h2', { id: headingId }, orgId ? h('a', { href: `#/organisations/${orgId}` }, nameOf(org)) : nameOf(org)),
    h('p', {}, statusSlot),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Directorates'), h('dd', {}, directorates.map(nameOf).join(', ') || '—'),
      h('dt', {}, 'Total amount'), h('dd', {}, formatMoney(flag.totalAmount)),
      h('dt', {}, 'Overlap'), h('dd', {}, `${formatDate(flag.overlapFrom)} to ${formatDate(flag.overlapTo)}`)),
    awards.length ? h('details', { open: true }, h('summary', {}, `${awards.length} overlapping award${awards.length === 1 ? '' : 's'}`),
      h('ul', {}, awards.map((a) => typeof a === 'object' && a
        ? h('li', {}, a.id ? h('a', { href: `#/awards/${a.id}` }, a.title ?? 'award') : a.title ?? nameOf(a),
            a.amountAwarded ?? a.amount ? ` — ${formatMoney(a.amountAwarded ?? a.amount)}` : '',
            dirName(a) ? ` — ${dirName(a)}` : '',
            a.plannedStartDate || a.plannedFrom ? ` (${formatDate(a.plannedStartDate ?? a.plannedFrom)} to ${formatDate(a.plannedEndDate ?? a.plannedTo)})` : '')
        : h('li', {}, String(a))))) : null,
    Array.isArray(org.members) && org.members.length > 1 ? h('p', {}, h('strong', {}, 'Joined records: '), org.members.map(nameOf).join('; ')) : null,
    h('details', { open: true }, h('summary', {}, 'Evidence'), flagEvidenceView(flag)),
    reviewed,
    actions);
}

export async function organisationsPage(ctx) {
  ctx.setTitle('Organisations');
  const q = Object.fromEntries(ctx.query);
  const page = Math.max(1, Number(q.page) || 1);
  const pageSize = 25;
  const search = input({ type: 'search', value: q.q ?? '' });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Find organisations' },
    field('Search organisations', search, { hint: 'Name, former name, charity or company number, or org-id' }),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Search')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(`#/organisations?${qs({ q: search.value.trim() })}`);
  });
  const results = h('div', {}, h('p', {}, 'Loading…'));
  replace(ctx.main, h('h1', {}, 'Organisations'), form, results);
  const body = await get('/api/organisations', { q: q.q, page, pageSize });
  if (!ctx.alive()) return;
  replace(results,
    body.items.length
      ? table({
          className: 'data',
          caption: `${body.total} organisation${body.total === 1 ? '' : 's'}`,
          head: ['Name', 'Type', 'Charity number', 'Company number', 'Postcode'],
          rows: body.items.map((o) => [h('a', { href: `#/organisations/${o.id}` }, o.name), humanise(o.type ?? ''), o.charityNumber ?? '—', o.companyNumber ?? '—', o.postcode ?? '—']),
        })
      : notice('info', 'No organisation matches.'),
    pager(ctx, '#/organisations', page, pageSize, body.total, 'organisations'));
}

export async function organisationPage(ctx, id) {
  let org;
  try {
    org = await get(`/api/organisations/${id}`);
  } catch (e) {
    ctx.setTitle('Organisation not found');
    return replace(ctx.main, h('h1', {}, 'Organisation not found'), notice('error', e.message));
  }
  if (!ctx.alive()) return;
  ctx.setTitle(org.name);
  const awardsBody = await get('/api/awards', { organisationId: id, pageSize: 500, sort: 'awardDate' }).catch(() => ({ items: [], total: 0 }));
  if (!ctx.alive()) return;
  const awards = awardsBody.items;
  const funding = Array.isArray(org.fundingByDirectorate) ? org.fundingByDirectorate : [];

  // Funding over time: each award spread over the financial years (April–March) of its planned
  // period, pro rata by days, by directorate.
  const years = new Map();
  const dirs = new Map();
  for (const a of awards) {
    dirs.set(a.directorateId, a.directorateName ?? a.directorateId);
    for (const part of spreadByFinancialYear(toPence(a.amountAwarded) ?? 0n, a.plannedStartDate, a.plannedEndDate, a.awardDate)) {
      if (!years.has(part.fy)) years.set(part.fy, new Map());
      const y = years.get(part.fy);
      y.set(a.directorateId, (y.get(a.directorateId) ?? 0n) + part.pence);
    }
  }
  const yearKeys = [...years.keys()].sort();
  const dirKeys = [...dirs.keys()];
  const series = dirKeys.map((d, i) => ({ key: d, label: dirs.get(d), className: `series-${i % 8}` }));

  const mergeBox = h('div', {});
  replace(ctx.main,
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/organisations' }, 'Organisations')),
    h('h1', {}, org.name),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Type'), h('dd', {}, humanise(org.type ?? '—')),
      h('dt', {}, 'Charity number'), h('dd', {}, org.charityNumber ?? '—'),
      h('dt', {}, 'Company number'), h('dd', {}, org.companyNumber ?? '—'),
      h('dt', {}, 'Org-id'), h('dd', {}, org.orgId ?? '—'),
      h('dt', {}, 'Postcode'), h('dd', {}, org.postcode ?? '—'),
      h('dt', {}, 'Also known as'), h('dd', {}, org.aliases?.length ? h('ul', { class: 'inline-list' }, org.aliases.map((a) => h('li', {}, a))) : '—')),
    h('h2', {}, 'Funding by directorate'),
    funding.length
      ? table({
          className: 'data',
          head: ['Directorate', 'Funder', h('th', { scope: 'col', class: 'num' }, 'Awards'), h('th', { scope: 'col', class: 'num' }, 'Total'), 'From', 'To'],
          rows: funding.map((f) => [f.directorate, f.funder, h('td', { class: 'num' }, String(f.awards)), h('td', { class: 'num' }, formatMoney(f.totalAmount)), formatDate(f.from), formatDate(f.to)]),
        })
      : h('p', {}, 'No awards to this organisation yet.'),
    yearKeys.length ? h('h2', {}, 'Funding over time') : null,
    yearKeys.length
      ? stackedBars({
          title: `Funding of ${org.name} by financial year and directorate`,
          description: yearKeys.map((y) => `${y}: ${dirKeys.map((d) => `${dirs.get(d)} ${formatMoney(penceToPounds(years.get(y).get(d) ?? 0n))}`).join(', ')}`).join('; '),
          categories: yearKeys.map((y) => ({ label: y === 'Undated' ? y : `${y} financial year`, values: Object.fromEntries(dirKeys.map((d) => [d, Number(years.get(y).get(d) ?? 0n) / 100])) })),
          series,
          format: (v) => formatMoney(v.toFixed(2)),
        })
      : null,
    yearKeys.length
      ? table({
          className: 'data',
          caption: 'Funding per financial year (April to March): each award spread evenly over its planned period',
          head: ['Financial year', ...dirKeys.map((d) => h('th', { scope: 'col', class: 'num' }, dirs.get(d))), h('th', { scope: 'col', class: 'num' }, 'Total')],
          rows: yearKeys.map((y) => {
            const row = years.get(y);
            const total = [...row.values()].reduce((s, v) => s + v, 0n);
            return [y, ...dirKeys.map((d) => h('td', { class: 'num' }, row.has(d) ? formatMoney(penceToPounds(row.get(d))) : '–')), h('td', { class: 'num' }, formatMoney(penceToPounds(total)))];
          }),
        })
      : null,
    awards.length ? h('h2', {}, 'Awards') : null,
    awards.length
      ? table({
          className: 'data',
          head: ['Title', 'Directorate', h('th', { scope: 'col', class: 'num' }, 'Amount'), 'Award date', 'Period', 'Status'],
          rows: awards.map((a) => [h('a', { href: `#/awards/${a.id}` }, a.title), a.directorateName ?? '—', h('td', { class: 'num' }, formatMoney(a.amountAwarded)), formatDate(a.awardDate), `${formatDate(a.plannedStartDate)} to ${formatDate(a.plannedEndDate)}`, humanise(a.status)]),
        })
      : null,
    roleMay.mergeOrganisations(ctx.user) ? mergeSection(ctx, org, mergeBox) : null);
}

/**
 * Merge and split: a person says two records are one organisation (or not), and the decision sticks.
 * Lists the matcher's candidates (GET /api/organisations/:id/matches) with their evidence, and lets
 * any other record be found and merged.
 */
function mergeSection(ctx, org, box) {
  const note = textarea({ rows: 2 });
  const search = input({ type: 'search' });
  const list = h('ul', { class: 'suggestions', hidden: true, 'aria-label': 'Matching organisations' });
  const msg = h('div', { 'aria-live': 'polite' });
  const candidates = h('div', {}, h('p', {}, 'Loading possible matches…'));
  const failed = (what, e) => {
    if (e instanceof ApiError) for (const d of e.details) if (d.field === 'note') setFieldError(note, d.reason);
    replace(msg, notice('error', e instanceof ApiError && e.unavailable ? `${what} is not available yet on this server.` : `${what} failed: ${e.message}`));
  };
  const describe = (o) => [o.charityNumber && `charity ${o.charityNumber}`, o.companyNumber && `company ${o.companyNumber}`, o.orgId, o.postcode].filter(Boolean).join(', ');

  async function decide(kind, other) {
    const merge = kind === 'merge';
    const ok = await confirmDialog({
      title: merge ? 'Merge these organisations?' : 'Split these organisations?',
      body: merge
        ? [`“${other.name}” will count as the same organisation as “${org.name}”: their awards are seen together, for example in the duplicate-funding flags.`, 'Your decision is kept: automatic matching will not undo it. You can split them again later.']
        : [`“${other.name}” and “${org.name}” will count as different organisations from now on.`, 'Your decision is kept: automatic matching will not join them again.'],
      confirm: merge ? 'Yes, merge them' : 'Yes, split them',
    });
    if (!ok) return;
    try {
      await post(`/api/organisations/${org.id}/${kind}`, { otherId: other.id, ...(note.value.trim() ? { note: note.value.trim() } : {}) });
      ctx.navigate(`#/organisations/${org.id}`, { replace: true });
    } catch (e) {
      failed(merge ? 'Merging' : 'Splitting', e);
    }
  }

  const run = debounce(async (q) => {
    if (q.length < 2) return void (list.hidden = true);
    const found = (await get('/api/organisations', { q, pageSize: 8 }).catch(() => ({ items: [] }))).items.filter((o) => o.id !== org.id);
    replace(list, found.length
      ? found.map((o) => h('li', {}, button(`Merge “${o.name}”${describe(o) ? ` (${describe(o)})` : ''} into this organisation…`, { class: 'suggestion', onclick: () => decide('merge', o) })))
      : h('li', { class: 'hint' }, 'No other organisation matches.'));
    list.hidden = false;
  }, 250);
  search.addEventListener('input', () => run(search.value.trim()));

  get(`/api/organisations/${org.id}/matches`, { pageSize: 50 }).then((body) => {
    const items = itemsOf(body);
    if (!items.length) return replace(candidates, h('p', {}, 'The matcher has found no other record that could be this organisation.'));
    replace(candidates, h('ul', { class: 'candidates' }, items.map((m) => {
      const o = m.organisation ?? {};
      const matcher = m.matcher;
      const decision = m.decision;
      return h('li', { class: 'card candidate' },
        h('p', {}, h('strong', {}, o.id ? h('a', { href: `#/organisations/${o.id}` }, nameOf(o)) : nameOf(o)), describe(o) ? ` (${describe(o)})` : '', ' ',
          badge(m.sameOrganisation ? 'pass' : 'not_applicable', m.sameOrganisation ? 'Counted as this organisation' : 'Counted as a different organisation')),
        matcher ? h('p', { class: 'hint' }, `Matcher: ${matcher.decision === 'same' ? 'the same organisation' : 'possibly the same'}${Number.isFinite(Number(matcher.confidence)) ? `, confidence ${Math.round(Number(matcher.confidence) * 100)} %` : ''}${matcher.method ? ` (${matcher.method})` : ''}${Array.isArray(matcher.evidence) && matcher.evidence.length ? `: ${matcher.evidence.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('; ')}` : ''}`) : null,
        decision ? h('p', { class: 'hint' }, `Decided: ${decision.decision === 'merge' ? 'merged' : 'split'}${decision.decidedBy ? ` by ${nameOf(decision.decidedBy)}` : ''}${decision.decidedAt ? `, ${formatDateTime(decision.decidedAt)}` : ''}${decision.note ? ` — “${decision.note}”` : ''}`) : null,
        m.sameOrganisation
          ? button('Split: a different organisation…', { class: 'secondary', onclick: () => decide('split', o) })
          : button('Merge: the same organisation…', { class: 'secondary', onclick: () => decide('merge', o) }));
    })));
  }, (e) => replace(candidates, e instanceof ApiError && e.unavailable ? notAvailable('The list of possible matches') : notice('error', e.message)));

  return h('section', { class: 'card', 'aria-labelledby': 'merge-title' },
    h('h2', { id: 'merge-title' }, 'Same organisation under another record?'),
    h('p', {}, 'Directorates write organisations differently in their spreadsheets. If another record is really this organisation, merge it; if two records were joined by mistake (two branches of a federation, say), split them. Your decision sticks.'),
    field('Note for the decision', note, { hint: 'Optional: why, for the next person who looks' }),
    msg,
    h('h3', {}, 'Possible matches'),
    candidates,
    h('h3', {}, 'Merge another record'),
    field('Organisation to merge into this one', search, { hint: 'Type part of its name or number' }),
    list,
    box);
}
