import type { ErrorDetail } from '@app/common';
import type { PublishedGrant } from '@app/open-data';
import { DEFAULT_PUBLIC_SORT, PUBLIC_KINDS, PUBLIC_SORTS, type PublicKind, type PublicSort } from '../dto/public-grants-query.dto.js';
import { financialYearLabel } from '../financial-year.js';
import type { PublicCatalogue, PublicSummary } from '../public-grants.query.js';
import { assetUrl, PUBLIC_ASSETS } from './assets.js';
import { barChart, dataTable, type Bar } from './charts.js';
import { count, formatDate, formatPeriod, pounds } from './format.js';
import { html, SafeHtml } from './html.js';

/** What the page shows, with the filters exactly as the URL carries them. */
export type PageState = {
  q: string;
  /** the funder's org-id as the URL carries it ('' for all) */
  funder: string;
  directorate: string;
  year: string;
  kind: string;
  sort: PublicSort;
  page: number;
  pageSize: number;
};

export const DEFAULT_PAGE_SIZE = 25;

export type PageModel = {
  state: PageState;
  catalogue: PublicCatalogue;
  /** financial years that have published awards, newest first */
  years: number[];
  /** absent when the request was refused (errors) */
  summary?: PublicSummary;
  rows?: { grant: PublishedGrant; amountPence: bigint; kind: PublicKind }[];
  errors?: ErrorDetail[];
};

const KIND_LABELS: Record<PublicKind, string> = { grant: 'Grants', contract: 'Contracts', in_kind: 'Support in kind' };
const KIND_TAG: Record<PublicKind, string> = { grant: 'Grant', contract: 'Contract', in_kind: 'In kind' };
const SORT_LABELS: Record<PublicSort, string> = {
  '-awardDate': 'Newest first',
  awardDate: 'Oldest first',
  '-amount': 'Largest amount first',
  amount: 'Smallest amount first',
  recipient: 'Recipient, A to Z',
  '-recipient': 'Recipient, Z to A',
};
/** The page's own name for a grant to a person (the data standard's is "Individual Recipient"). */
export const INDIVIDUAL_LABEL = 'Individual recipient';
const DOWNLOAD_PAGE_SIZE = 500;

/** `/?q=…&funder=…`: only what differs from the defaults, in a stable order, so links are short and shareable. */
export function pageHref(state: PageState, change: Partial<PageState> = {}): string {
  const s = { ...state, ...change };
  const params = new URLSearchParams();
  if (s.q) params.set('q', s.q);
  if (s.funder) params.set('funder', s.funder);
  if (s.directorate) params.set('directorate', s.directorate);
  if (s.year) params.set('year', s.year);
  if (s.kind) params.set('kind', s.kind);
  if (s.sort !== DEFAULT_PUBLIC_SORT) params.set('sort', s.sort);
  if (s.page > 1) params.set('page', String(s.page));
  if (s.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(s.pageSize));
  const text = params.toString();
  return text ? `/?${text}` : '/';
}

function apiHref(path: string, state: PageState, page: number): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.funder) params.set('funder', state.funder);
  if (state.directorate) params.set('directorate', state.directorate);
  if (state.year) params.set('year', state.year);
  if (state.kind) params.set('kind', state.kind);
  if (state.sort !== DEFAULT_PUBLIC_SORT) params.set('sort', state.sort);
  params.set('page', String(page));
  params.set('pageSize', String(DOWNLOAD_PAGE_SIZE));
  return `${path}?${params.toString()}`;
}

export function renderPublicPage(m: PageModel): string {
  const { state } = m;
  const title = m.errors?.length
    ? 'Error: who gets what'
    : state.q
      ? `“${state.q}”: who gets what`
      : 'Who gets what: public funding of voluntary and community organisations';
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}${state.page > 1 ? ` (page ${state.page})` : ''} – Compact Funding Tracker</title>
<meta name="description" content="Search the grants, contracts and support in kind that public bodies give to voluntary and community organisations.">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl(PUBLIC_ASSETS.css)}">
<link rel="alternate" type="application/json" title="360Giving open data (JSON)" href="${apiHref('/api/public/grants', state, 1)}">
<script src="${assetUrl(PUBLIC_ASSETS.js)}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><p>Compact Funding Tracker</p></header>
<main id="main" tabindex="-1">
<h1>Who gets what</h1>
<p class="lede">Search the grants, contracts and support in kind that public bodies give to voluntary and community organisations. Every award here has been published as open data.</p>
${m.errors?.length ? errorSummary(m.errors) : ''}
${filtersForm(m)}
${m.summary && m.rows ? results(m, m.summary, m.rows) : ''}
</main>
<footer><p>Published under the Local Compact’s promise to be open about who is funded. Open data in the <a href="https://standard.threesixtygiving.org/">360Giving Data Standard</a>; grants to individuals are never published by name.</p></footer>
</body>
</html>
`;
  return doc.value;
}

function errorSummary(errors: ErrorDetail[]): SafeHtml {
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">There is a problem with this search</h2>
<ul>${errors.map((e) => html`<li><a href="#${fieldId(e.field)}">${fieldLabel(e.field)}: ${e.reason}</a></li>`)}</ul>
<p><a href="/">Start a new search</a></p>
</div>`;
}

const FIELD_LABELS: Record<string, string> = {
  q: 'Search', funder: 'Funder', directorate: 'Directorate', year: 'Financial year', kind: 'Kind of award', sort: 'Sort by', page: 'Page', pageSize: 'Page size',
};
const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;
const fieldId = (field: string) => (field in FIELD_LABELS && field !== 'page' && field !== 'pageSize' ? field : 'q');

function filtersForm(m: PageModel): SafeHtml {
  const { state, catalogue } = m;
  const selectedFunder = catalogue.funders.find((f) => f.orgId === state.funder.toUpperCase() || f.id === state.funder);
  const years = state.year && !m.years.includes(Number(state.year.slice(0, 4))) ? [Number(state.year.slice(0, 4)), ...m.years] : m.years;
  return html`<form class="filters" method="get" action="/" role="search" aria-label="Search and filter awards">
<div class="field">
<label for="q">Search by recipient, purpose or programme</label>
<span class="hint" id="q-hint">For example “foodbank”, a charity number such as 1234567, or an org-id such as GB-CHC-1234567</span>
<input type="search" id="q" name="q" value="${state.q}" aria-describedby="q-hint" maxlength="200" autocomplete="off">
</div>
<div class="filter-grid">
<div class="field">
<label for="funder">Funder</label>
<select id="funder" name="funder">
<option value="">All funders</option>
${catalogue.funders.map((f) => html`<option value="${f.orgId}"${f.id === selectedFunder?.id ? html` selected` : ''}>${f.name}</option>`)}
</select>
</div>
<div class="field">
<label for="directorate">Directorate</label>
<select id="directorate" name="directorate">
<option value="">All directorates</option>
${catalogue.funders.map((f) => {
  const ds = catalogue.directorates.filter((d) => d.funderId === f.id);
  if (!ds.length) return '';
  return html`<optgroup label="${f.name}" data-funder="${f.orgId}">${ds.map((d) => html`<option value="${d.id}"${d.id === state.directorate ? html` selected` : ''}>${d.name}</option>`)}</optgroup>`;
})}
</select>
</div>
<div class="field">
<label for="year">Financial year</label>
<select id="year" name="year" aria-describedby="year-hint">
<option value="">All years</option>
${years.map((y) => html`<option value="${y}"${String(y) === state.year.slice(0, 4) ? html` selected` : ''}>${financialYearLabel(y)}</option>`)}
</select>
<span class="hint" id="year-hint">April to March, by award date</span>
</div>
<div class="field">
<label for="kind">Kind of award</label>
<select id="kind" name="kind">
<option value="">All kinds</option>
${PUBLIC_KINDS.map((k) => html`<option value="${k}"${k === state.kind ? html` selected` : ''}>${KIND_LABELS[k]}</option>`)}
</select>
</div>
<div class="field">
<label for="sort">Sort by</label>
<select id="sort" name="sort" data-default="${DEFAULT_PUBLIC_SORT}">
${PUBLIC_SORTS.map((s) => html`<option value="${s}"${s === state.sort ? html` selected` : ''}>${SORT_LABELS[s]}</option>`)}
</select>
</div>
</div>
${state.pageSize !== DEFAULT_PAGE_SIZE ? html`<input type="hidden" name="pageSize" value="${state.pageSize}">` : ''}
<div class="actions">
<button type="submit">Search</button>
<a href="/">Clear search and filters</a>
<button type="button" id="share" class="secondary" hidden>Copy link to this search</button>
</div>
<p class="status" id="share-status" role="status" aria-live="polite"></p>
</form>`;
}

function results(m: PageModel, summary: PublicSummary, rows: NonNullable<PageModel['rows']>): SafeHtml {
  const { state } = m;
  const pages = Math.max(1, Math.ceil(summary.count / state.pageSize));
  return html`<section aria-labelledby="totals-title">
<h2 id="totals-title">Totals for this search</h2>
<ul class="totals">
<li><span class="figure" id="total-count">${count(summary.count)}</span> ${summary.count === 1 ? 'award' : 'awards'}</li>
<li><span class="figure" id="total-amount">${pounds(summary.totalPence)}</span> in total</li>
</ul>
<p class="selection">${describeSelection(m)}</p>
</section>
<section aria-labelledby="awards-title">
<h2 id="awards-title">Awards</h2>
${rows.length ? awardsTable(m, rows, pages) : html`<p id="no-results">${summary.count ? html`There are no awards on page ${state.page}. <a href="${pageHref(state, { page: pages })}">Go to the last page</a>.` : 'No published awards match this search. Try fewer words or clear a filter.'}</p>`}
${pagination(state, pages)}
</section>
${summary.count ? html`<section aria-labelledby="charts-title">
<h2 id="charts-title">Funding by directorate and by year</h2>
${charts(m, summary)}
</section>` : ''}
<section aria-labelledby="download-title">
<h2 id="download-title">Download the open data</h2>
${downloads(state, summary.count)}
</section>`;
}

function describeSelection(m: PageModel): string {
  const { state, catalogue } = m;
  const parts: string[] = [];
  if (state.q) parts.push(`matching “${state.q}”`);
  const funder = catalogue.funders.find((f) => f.orgId === state.funder.toUpperCase() || f.id === state.funder);
  if (funder) parts.push(`from ${funder.name}`);
  const directorate = catalogue.directorates.find((d) => d.id === state.directorate);
  if (directorate) parts.push(`by ${directorate.name}`);
  if (state.year) parts.push(`in the financial year ${financialYearLabel(Number(state.year.slice(0, 4)))}`);
  if (state.kind) parts.push(`of kind ${KIND_LABELS[state.kind as PublicKind].toLowerCase()}`);
  return parts.length ? `Published awards ${parts.join(', ')}.` : 'All published awards.';
}

const SORTABLE: { key: 'recipient' | 'amount' | 'awardDate'; label: string; firstDirection: 'asc' | 'desc' }[] = [
  { key: 'recipient', label: 'Recipient', firstDirection: 'asc' },
  { key: 'amount', label: 'Amount', firstDirection: 'desc' },
  { key: 'awardDate', label: 'Awarded', firstDirection: 'desc' },
];

function sortHeader(state: PageState, key: 'recipient' | 'amount' | 'awardDate', className = ''): SafeHtml {
  const column = SORTABLE.find((c) => c.key === key)!;
  const current = state.sort === key ? 'ascending' : state.sort === `-${key}` ? 'descending' : null;
  const next: PublicSort = (
    current === 'ascending' ? `-${key}` : current === 'descending' ? key : column.firstDirection === 'desc' ? `-${key}` : key
  ) as PublicSort;
  const mark = current === 'ascending' ? '▲' : current === 'descending' ? '▼' : '';
  return html`<th scope="col"${className ? html` class="${className}"` : ''}${current ? html` aria-sort="${current}"` : ''}><a href="${pageHref(state, { sort: next, page: 1 })}">${column.label}<span class="visually-hidden">, sort ${next.startsWith('-') ? 'descending' : 'ascending'}</span><span class="sort-mark" aria-hidden="true">${mark}</span></a></th>`;
}

function awardsTable(m: PageModel, rows: NonNullable<PageModel['rows']>, pages: number): SafeHtml {
  const { state } = m;
  const first = (state.page - 1) * state.pageSize + 1;
  const multipleFunders = m.catalogue.funders.length > 1;
  return html`<table class="awards" id="awards">
<caption>Awards ${count(first)} to ${count(first + rows.length - 1)}, page ${count(state.page)} of ${count(pages)}, ${SORT_LABELS[state.sort].toLowerCase()}</caption>
<thead><tr>${sortHeader(state, 'recipient')}<th scope="col">Directorate</th><th scope="col">Programme</th>${sortHeader(state, 'amount', 'num')}<th scope="col">Period</th>${sortHeader(state, 'awardDate')}</tr></thead>
<tbody>
${rows.map(({ grant, amountPence, kind }) => {
  const org = grant.recipientOrganization?.[0];
  const funder = grant.fundingOrganization[0];
  const period = formatPeriod(grant.plannedDates?.[0]?.startDate, grant.plannedDates?.[0]?.endDate);
  return html`<tr>
<td data-label="Recipient"><div>${org ? html`<a href="${pageHref({ ...state, q: org.id, funder: '', directorate: '', year: '', kind: '', page: 1 })}">${org.name}</a>` : INDIVIDUAL_LABEL}<span class="award-title">${grant.title} <span class="kind">${KIND_TAG[kind]}</span></span></div></td>
<td data-label="Directorate"><div>${funder.department ?? ''}${multipleFunders ? html`<span class="award-title">${funder.name}</span>` : ''}</div></td>
<td data-label="Programme"><div>${grant.grantProgramme?.[0]?.title ?? ''}</div></td>
<td data-label="Amount" class="num"><div>${pounds(amountPence)}</div></td>
<td data-label="Period"><div>${period || 'Not recorded'}</div></td>
<td data-label="Awarded" class="date"><div>${formatDate(grant.awardDate)}</div></td>
</tr>`;
})}
</tbody>
</table>`;
}

function pagination(state: PageState, pages: number): SafeHtml | string {
  if (pages <= 1) return '';
  const shown = [...new Set([1, state.page - 2, state.page - 1, state.page, state.page + 1, state.page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const items: SafeHtml[] = [];
  if (state.page > 1) items.push(html`<li><a href="${pageHref(state, { page: state.page - 1 })}" rel="prev">Previous<span class="visually-hidden"> page</span></a></li>`);
  let last = 0;
  for (const p of shown) {
    if (p - last > 1) items.push(html`<li><span aria-hidden="true">…</span></li>`);
    items.push(
      p === state.page
        ? html`<li><span aria-current="page"><span class="visually-hidden">Page </span>${count(p)}</span></li>`
        : html`<li><a href="${pageHref(state, { page: p })}"><span class="visually-hidden">Page </span>${count(p)}</a></li>`,
    );
    last = p;
  }
  if (state.page < pages) items.push(html`<li><a href="${pageHref(state, { page: state.page + 1 })}" rel="next">Next<span class="visually-hidden"> page</span></a></li>`);
  return html`<nav class="pagination" aria-label="Pages of awards"><ul>${items}</ul></nav>`;
}

/** Directorates charted one by one; beyond this many the smallest are one bar. */
const TOP_DIRECTORATES = 20;

function charts(m: PageModel, summary: PublicSummary): SafeHtml {
  const byDirectorate = new Map<string, Bar>();
  const byYear = new Map<number, Bar>();
  const funderOf = new Map(m.catalogue.funders.map((f) => [f.id, f.name]));
  const multipleFunders = m.catalogue.funders.length > 1;
  for (const g of summary.groups) {
    const d = m.catalogue.directorates.find((x) => x.id === g.directorateId);
    const label = d ? (multipleFunders ? `${d.name} (${funderOf.get(d.funderId) ?? ''})` : d.name) : 'Unknown directorate';
    const bar = byDirectorate.get(g.directorateId) ?? { label, pence: 0n, count: 0 };
    bar.pence += g.totalPence;
    bar.count += g.count;
    byDirectorate.set(g.directorateId, bar);
    if (g.year !== null) {
      const y = byYear.get(g.year) ?? { label: financialYearLabel(g.year), pence: 0n, count: 0 };
      y.pence += g.totalPence;
      y.count += g.count;
      byYear.set(g.year, y);
    }
  }
  const directorates = [...byDirectorate.values()].sort((a, b) => (b.pence > a.pence ? 1 : b.pence < a.pence ? -1 : a.label.localeCompare(b.label)));
  const charted = directorates.length > TOP_DIRECTORATES + 1
    ? [
        ...directorates.slice(0, TOP_DIRECTORATES),
        directorates.slice(TOP_DIRECTORATES).reduce<Bar>((o, b) => ({ ...o, pence: o.pence + b.pence, count: o.count + b.count }), {
          label: `${directorates.length - TOP_DIRECTORATES} other directorates`,
          pence: 0n,
          count: 0,
        }),
      ]
    : directorates;
  const years = [...byYear.entries()].sort(([a], [b]) => a - b).map(([, bar]) => bar);
  return html`<div class="charts">
<figure aria-labelledby="chart-directorate-caption">
<figcaption id="chart-directorate-caption">By directorate</figcaption>
${barChart('chart-directorate', 'Funding by directorate, largest first', charted)}
<details><summary>Show the figures by directorate as a table</summary>${dataTable('Funding by directorate', 'Directorate', directorates)}</details>
</figure>
<figure aria-labelledby="chart-year-caption">
<figcaption id="chart-year-caption">By financial year (April to March)</figcaption>
${barChart('chart-year', 'Funding by financial year, earliest first', years)}
<details><summary>Show the figures by year as a table</summary>${dataTable('Funding by financial year', 'Financial year', years)}</details>
</figure>
</div>`;
}

const LISTED_DOWNLOAD_PARTS = 4;

function downloads(state: PageState, total: number): SafeHtml {
  if (!total) return html`<p>There is nothing to download for this search.</p>`;
  const parts = Math.ceil(total / DOWNLOAD_PAGE_SIZE);
  const link = (p: number) =>
    html`<a href="${apiHref('/api/public/grants.csv', state, p)}" download>CSV spreadsheet<span class="visually-hidden"> (part ${p})</span></a> or <a href="${apiHref('/api/public/grants', state, p)}">360Giving JSON<span class="visually-hidden"> (part ${p})</span></a>`;
  const developers = html`<p>Developers: the same data, with the same filters, is at <code>/api/public/grants</code> (documented at <a href="/api/docs">/api/docs</a>), free to reuse.</p>`;
  if (parts === 1) return html`<p>The ${count(total)} ${total === 1 ? 'award' : 'awards'} in this search: ${link(1)}.</p>${developers}`;
  const listed = Array.from({ length: Math.min(parts, LISTED_DOWNLOAD_PARTS) }, (_, i) => i + 1);
  return html`<p>The ${count(total)} awards in this search, ${DOWNLOAD_PAGE_SIZE} to a file:</p>
<ul class="downloads">${listed.map((p) => html`<li>Awards ${count((p - 1) * DOWNLOAD_PAGE_SIZE + 1)} to ${count(Math.min(p * DOWNLOAD_PAGE_SIZE, total))}: ${link(p)}</li>`)}</ul>
${parts > LISTED_DOWNLOAD_PARTS ? html`<p>${count(parts - LISTED_DOWNLOAD_PARTS)} more ${parts - LISTED_DOWNLOAD_PARTS === 1 ? 'file' : 'files'}: change <code>page=${LISTED_DOWNLOAD_PARTS}</code> to <code>page=${LISTED_DOWNLOAD_PARTS + 1}</code> and so on in the last address, or narrow the search.</p>` : ''}
${developers}`;
}
