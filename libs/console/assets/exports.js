// Finance: start each export with its parameters, watch its progress, download its files; past exports.
import { ApiError, directorates, funders, get, post } from './api.js';
import { button, field, h, input, notAvailable, notice, replace, select, table } from './dom.js';
import { formatBytes, formatDateTime, itemsOf } from './format.js';

export const EXPORTS = [
  { type: 'funding-database', name: 'Funding database', button: 'Run funding database export', what: 'A workbook of awards, organisations, cross-directorate funding, compliance and totals by directorate (funding-database.xlsx).' },
  { type: 'open-data', name: 'Open data', button: 'Run open data export', what: '360Giving grants.json and grants.csv for all funders, and one pair of files per funder for publishing. Published awards only; individuals are never named.' },
  { type: 'sroi-summary', name: 'SROI summary', button: 'Run SROI summary export', what: 'Social return on investment per award, programme, directorate and funder: present value, net present value, ratio and sensitivity (sroi-summary.xlsx and .json).' },
];
const NAMES = Object.fromEntries(EXPORTS.map((e) => [e.type, e.name]));
const STATE = { waiting: 'Waiting to start', active: 'Running', completed: 'Done', failed: 'Failed' };
const POLL_MS = 400;

export async function exportsPage(ctx) {
  ctx.setTitle('Exports');
  const [fs, ds] = await Promise.all([funders(), directorates()]);
  if (!ctx.alive()) return;
  const p = {
    funderId: select([['', 'All funders'], ...fs.map((f) => [f.id, f.name])]),
    directorateId: select([['', 'All directorates']]),
    from: input({ type: 'date' }),
    to: input({ type: 'date' }),
  };
  const fillDirectorates = () => {
    const keep = p.directorateId.value;
    replace(p.directorateId, h('option', { value: '' }, 'All directorates'),
      ds.filter((d) => !p.funderId.value || d.funderId === p.funderId.value).sort((a, b) => a.name.localeCompare(b.name)).map((d) => h('option', { value: d.id }, d.name)));
    p.directorateId.value = [...p.directorateId.options].some((o) => o.value === keep) ? keep : '';
  };
  fillDirectorates();
  p.funderId.addEventListener('change', fillDirectorates);

  const running = h('div', { class: 'running' });
  const past = h('div', {}, h('p', {}, 'Loading past exports…'));
  const formMsg = h('div', { 'aria-live': 'polite' });

  const start = async (job, btn) => {
    replace(formMsg);
    const params = Object.fromEntries(Object.entries(p).map(([k, el]) => [k, el.value]).filter(([, v]) => v));
    btn.disabled = true;
    try {
      const { id } = await post('/api/jobs', { type: job.type, params });
      watch(ctx, { id, type: job.type }, running, () => loadPast(ctx, past));
      loadPast(ctx, past);
    } catch (e) {
      const fields = e.details?.map((d) => `${d.field.replace(/^params\./, '')}: ${d.reason}`) ?? [];
      replace(formMsg, e.unavailable ? notAvailable('Running exports') : notice('error', `The ${job.name.toLowerCase()} export did not start: `, fields.length ? fields.join('; ') : e.message));
    } finally {
      btn.disabled = false;
    }
  };

  replace(ctx.main,
    h('h1', {}, 'Exports'),
    h('p', { class: 'lead' }, 'Each export runs in the background: watch its progress here and download the files when it is done. Leaving the page does not stop it; it stays in the list of past exports for a week.'),
    h('fieldset', { class: 'card' }, h('legend', {}, 'Which awards'),
      h('p', { class: 'hint' }, 'Leave blank for everything. The dates are award dates.'),
      h('div', { class: 'grid grid-4' }, field('Funder', p.funderId), field('Directorate', p.directorateId), field('Awards from', p.from), field('Awards to', p.to))),
    formMsg,
    h('div', { class: 'export-cards' }, EXPORTS.map((job) => {
      const btn = button(job.button, { class: 'primary' });
      btn.addEventListener('click', () => start(job, btn));
      return h('section', { class: 'card export', 'aria-labelledby': `export-${job.type}` }, h('h2', { id: `export-${job.type}` }, job.name), h('p', {}, job.what), btn);
    })),
    running,
    h('h2', {}, 'Past exports'),
    past);
  await loadPast(ctx, past);
}

/** A progress bar for one job, polled until it completes or fails (or the page is left). */
function watch(ctx, job, container, onDone) {
  const name = NAMES[job.type] ?? job.type;
  const labelId = `progress-label-${job.id}`;
  const bar = h('progress', { max: '100', value: '0', 'aria-labelledby': labelId });
  const text = h('span', { class: 'progress-text' }, '0 %');
  const stateText = h('p', { class: 'hint' }, STATE.waiting);
  const files = h('div', { 'aria-live': 'polite' });
  const card = h('section', { class: 'card job', dataset: { jobId: job.id } },
    h('h3', { id: labelId }, `${name} export progress`),
    h('div', { class: 'progress-row' }, bar, text),
    stateText,
    files);
  container.prepend(card);
  const started = Date.now();
  const tick = async () => {
    if (!ctx.alive()) return;
    let v;
    try {
      v = await get(`/api/jobs/${encodeURIComponent(job.id)}`);
    } catch (e) {
      replace(stateText, e instanceof ApiError ? e.message : String(e));
      return void setTimeout(tick, POLL_MS * 5);
    }
    if (!ctx.alive()) return;
    const pct = Math.max(0, Math.min(100, Number(v.progress) || 0));
    bar.value = pct;
    replace(text, `${pct} %`);
    const waitingLong = v.state === 'waiting' && Date.now() - started > 10000;
    replace(stateText, `${STATE[v.state] ?? v.state}${waitingLong ? ' — no worker has picked it up yet; it starts when one is free' : ''}${v.attempts > 1 ? ` (attempt ${v.attempts})` : ''}`);
    if (v.state === 'completed') {
      card.classList.add('done');
      replace(files, fileLinks(v), v.result && !v.result.files?.length ? h('p', {}, 'Done; this export produced no files.') : null);
      onDone();
      return;
    }
    if (v.state === 'failed') {
      card.classList.add('failed');
      replace(files, notice('error', `The export failed: ${v.error ?? 'no reason given'}. Try again; if it fails again, quote job ${v.id} to support.`));
      onDone();
      return;
    }
    setTimeout(tick, POLL_MS);
  };
  tick();
}

function fileLinks(v) {
  const list = v.result?.files ?? [];
  if (!list.length) return null;
  return h('div', {}, h('p', {}, h('strong', {}, 'Download:')),
    h('ul', { class: 'downloads' }, list.map((f) => h('li', {}, h('a', { href: f.url, download: f.name }, f.name), ` (${formatBytes(f.bytes)})`))));
}

async function loadPast(ctx, past) {
  let body;
  try {
    body = await get('/api/jobs', { pageSize: 50 });
  } catch (e) {
    return replace(past, e.unavailable ? notAvailable('The list of past exports') : notice('error', e.message));
  }
  if (!ctx.alive()) return;
  const jobs = itemsOf(body).filter((j) => NAMES[j.type]);
  replace(past, jobs.length
    ? table({
        className: 'data',
        caption: 'Exports of the last week, newest first',
        head: ['Export', 'Requested by', 'Started', 'State', 'Files'],
        rows: jobs.map((j) => [
          NAMES[j.type],
          j.requestedBy ?? '—',
          formatDateTime(j.createdAt),
          j.state === 'active' ? `Running, ${j.progress} %` : STATE[j.state] ?? j.state,
          j.result?.files?.length ? h('ul', { class: 'inline-list' }, j.result.files.map((f) => h('li', {}, h('a', { href: f.url, download: f.name }, f.name)))) : j.state === 'failed' ? (j.error ?? 'failed') : '—',
        ]),
      })
    : h('p', {}, 'No exports in the last week.'));
}
