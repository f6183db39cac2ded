// Pure helpers of the staff console (no DOM): money, dates, percentages and tolerant readers of
// API bodies. Unit-tested in libs/console/src/format.spec.ts.

/** "95000.00" or 95000 -> "£95,000.00"; null/empty -> "—". Works on the string, never a float. */
export function formatMoney(value) {
  if (value === null || value === undefined || value === '') return '—';
  const s = typeof value === 'number' ? value.toFixed(2) : String(value).trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return s;
  const pence = (m[3] ?? '').padEnd(2, '0').slice(0, 2);
  return `${m[1]}£${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${pence}`;
}

/** What a person types as money ("£95,000", " 12 500.5 ") -> "95000" / "12500.5"; blank -> null. */
export function parseMoneyInput(text) {
  const s = String(text ?? '').replace(/[£,\s]/g, '');
  return s === '' ? null : s;
}

/** Money as a whole number of pence (BigInt), or null when it is not a plain amount. */
export function toPence(text) {
  const s = parseMoneyInput(text);
  if (s === null) return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0') || '0');
}

/** 1234567n -> "12345.67". */
export function penceToPounds(p) {
  const neg = p < 0n;
  const a = neg ? -p : p;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-04-01" -> "1 Apr 2025"; anything else as it is; empty -> "—". */
export function formatDate(iso) {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
  if (!m) return String(iso);
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** An ISO timestamp -> "1 Apr 2025 14:05" in the browser's time zone. */
export function formatDateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** UK financial year (April to March) of a date: "2025-04-01" -> "2025-26", "2026-03-31" -> "2025-26". */
export function financialYear(iso) {
  const m = /^(\d{4})-(\d{2})/.exec(String(iso ?? ''));
  if (!m) return null;
  const start = Number(m[2]) >= 4 ? Number(m[1]) : Number(m[1]) - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** 0.25 -> "25"; 0.125 -> "12.5"; null -> "". */
export function fractionToPercent(f) {
  if (f === null || f === undefined || f === '') return '';
  const n = Number(f);
  if (!Number.isFinite(n)) return String(f);
  return String(Math.round(n * 10000) / 100);
}

/** "25" -> 0.25; "12.5" -> 0.125; not a percentage from 0 to 100 -> null. */
export function percentToFraction(text) {
  const s = String(text ?? '').replace(/[%\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const n = Number(s);
  if (n > 100) return null;
  return Math.round(n * 100) / 10000;
}

function addYears(iso, years) {
  const [y, m, d] = iso.split('-').map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function monthsBetween(startIso, endIso) {
  const [y1, m1, d1] = startIso.split('-').map(Number);
  const [y, m, d] = endIso.split('-').map(Number);
  const end = new Date(Date.UTC(y, m - 1, d + 1)); // the end date is a funded day
  const [y2, m2, d2] = [end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate()];
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

/**
 * One payment a year from the start date, in advance, the amount split to the penny (the first
 * payments take the odd pence): £95,000 over 2025-04-01..2028-03-31 -> 31666.67, 31666.67, 31666.66.
 */
export function yearlyPayments(amountText, startIso, endIso) {
  const pence = toPence(amountText);
  if (pence === null || pence <= 0n || !/^\d{4}-\d{2}-\d{2}$/.test(startIso ?? '')) return null;
  const months = /^\d{4}-\d{2}-\d{2}$/.test(endIso ?? '') && endIso >= startIso ? monthsBetween(startIso, endIso) : 12;
  const n = BigInt(Math.max(1, Math.ceil(months / 12)));
  const base = pence / n;
  const rest = pence % n;
  return Array.from({ length: Number(n) }, (_, i) => ({ dueDate: addYears(startIso, i), amount: penceToPounds(base + (BigInt(i) < rest ? 1n : 0n)), paidDate: null }));
}

/** A route Nest does not have answers 404 "Cannot GET /api/…": that part of the API is not built yet. */
export function isNotAvailable(status, body) {
  if (status !== 404 && status !== 405 && status !== 501) return false;
  const first = Array.isArray(body?.message) ? body.message[0] : body?.message;
  return status !== 404 || /^Cannot (GET|POST|PATCH|PUT|DELETE) /.test(String(first ?? ''));
}

/** A list body ({items}) or a bare array -> the array. */
export function itemsOf(body) {
  if (Array.isArray(body)) return body;
  if (Array.isArray(body?.items)) return body.items;
  return [];
}

/** Findings from GET/POST compliance bodies ({findings}, {items} or an array), worst first. */
export function normaliseFindings(body) {
  const list = Array.isArray(body) ? body : Array.isArray(body?.findings) ? body.findings : Array.isArray(body?.items) ? body.items : [];
  const order = { fail: 0, warn: 1, pass: 2, not_applicable: 3 };
  return list
    .filter((f) => f && typeof f === 'object')
    .map((f) => ({ rule: String(f.rule ?? f.id ?? '?'), status: String(f.status ?? 'not_applicable'), message: String(f.message ?? ''), source: f.source ? String(f.source) : '', title: f.title ? String(f.title) : '' }))
    .sort((a, b) => (order[a.status] ?? 9) - (order[b.status] ?? 9) || a.rule.localeCompare(b.rule));
}

const COUNT_KEYS = { pass: 'pass', warn: 'warn', fail: 'fail', not_applicable: 'notApplicable', notApplicable: 'notApplicable', na: 'notApplicable' };

function countsOf(o) {
  const c = { pass: 0, warn: 0, fail: 0, notApplicable: 0 };
  const src = o && typeof o === 'object' ? (o.counts && typeof o.counts === 'object' ? o.counts : o) : {};
  for (const [k, v] of Object.entries(src)) if (COUNT_KEYS[k] && Number.isFinite(Number(v))) c[COUNT_KEYS[k]] += Number(v);
  return c;
}

const nameOfGroup = (g) =>
  g.directorateName ?? g.groupName ?? (typeof g.directorate === 'object' && g.directorate ? g.directorate.name : g.directorate) ??
  (typeof g.group === 'object' && g.group ? g.group.name : g.group) ?? g.name ?? g.code ?? g.key ?? g.directorateId ?? g.id ?? '?';
const keyOfGroup = (g) =>
  g.directorateId ?? g.groupId ?? (typeof g.directorate === 'object' && g.directorate ? g.directorate.id : undefined) ??
  (typeof g.group === 'object' && g.group ? g.group.id : undefined) ?? g.key ?? g.id ?? nameOfGroup(g);

/**
 * GET /api/compliance/summary?groupBy=directorate in whichever reasonable shape it comes:
 * per-group rows with `rules` (object or array), or flat {group, rule, pass, warn, fail} rows.
 * Returns {groups: [{key, name, rules: {rule: counts}, total: counts}], rules: [rule ids]}.
 * The rule "*" (overall status of each award), when given, is the group's total.
 */
export function normaliseSummary(body) {
  const list = Array.isArray(body) ? body : body?.items ?? body?.groups ?? body?.rows ?? body?.summary ?? [];
  const groups = new Map();
  const ruleIds = new Set();
  const group = (g) => {
    const key = String(keyOfGroup(g));
    if (!groups.has(key)) groups.set(key, { key, name: String(nameOfGroup(g)), rules: {}, overall: null });
    return groups.get(key);
  };
  const add = (grp, rule, counts) => {
    if (rule === '*' || rule === 'overall') {
      grp.overall = counts;
      return;
    }
    ruleIds.add(rule);
    const prev = grp.rules[rule] ?? { pass: 0, warn: 0, fail: 0, notApplicable: 0 };
    for (const k of Object.keys(prev)) prev[k] += counts[k];
    grp.rules[rule] = prev;
  };
  for (const g of Array.isArray(list) ? list : []) {
    if (!g || typeof g !== 'object') continue;
    const grp = group(g);
    if (typeof g.rule === 'string') add(grp, g.rule, countsOf(g));
    else if (Array.isArray(g.rules)) for (const r of g.rules) add(grp, String(r.rule ?? r.id ?? '?'), countsOf(r));
    else if (g.rules && typeof g.rules === 'object') for (const [rule, c] of Object.entries(g.rules)) add(grp, rule, countsOf(c));
    if (g.overall && typeof g.overall === 'object') grp.overall = countsOf(g.overall);
    else if (g.awards && typeof g.awards === 'object' && !Array.isArray(g.awards)) grp.overall = countsOf(g.awards);
    else if (typeof g.rule !== 'string' && !g.rules) grp.overall = countsOf(g);
  }
  const out = [...groups.values()].map((g) => {
    const total = g.overall ?? Object.values(g.rules).reduce((t, c) => ({ pass: t.pass + c.pass, warn: t.warn + c.warn, fail: t.fail + c.fail, notApplicable: t.notApplicable + c.notApplicable }), { pass: 0, warn: 0, fail: 0, notApplicable: 0 });
    return { key: g.key, name: g.name, rules: g.rules, total, overallIsAwards: !!g.overall };
  });
  out.sort((a, b) => a.name.localeCompare(b.name));
  return { groups: out, rules: [...ruleIds].sort() };
}

/** A name for whatever the API gave (a string, or an object with a name/title). */
export function nameOf(x) {
  if (x === null || x === undefined) return '—';
  if (typeof x !== 'object') return String(x);
  return String(x.name ?? x.organisationName ?? x.title ?? x.directorateName ?? x.code ?? x.id ?? JSON.stringify(x));
}

/** camelCase / snake_case key -> "Plain words". */
export function humanise(key) {
  const s = String(key).replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Bytes -> "12.3 kB". */
export function formatBytes(n) {
  const b = Number(n);
  if (!Number.isFinite(b)) return '';
  if (b < 1000) return `${b} B`;
  if (b < 1e6) return `${(b / 1000).toFixed(1)} kB`;
  return `${(b / 1e6).toFixed(1)} MB`;
}

/**
 * The award as typed, for a dry-run compliance check: blank required fields and half-filled rows are
 * left out (the check takes any subset of the award), so findings show while the form is incomplete.
 */
export function forCheck(body) {
  const out = { ...body };
  for (const k of ['title', 'directorateId', 'recipientOrganisationId', 'amountAwarded', 'kind']) if (out[k] === '' || out[k] === null) delete out[k];
  out.payments = (body.payments ?? []).filter((p) => p.dueDate && p.amount);
  out.outcomes = (body.outcomes ?? []).filter((o) => Object.values(o).every((v) => v !== '' && v !== null && v !== undefined));
  return out;
}

const dayNumber = (iso) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86400000;

/**
 * An award's amount spread over the UK financial years of its planned period, pro rata by days
 * (in pence; the last year takes the rounding so the parts add up exactly). Without a valid
 * period: everything in the financial year of the fallback date (the award date).
 */
export function spreadByFinancialYear(pence, startIso, endIso, fallbackIso) {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!iso.test(startIso ?? '') || !iso.test(endIso ?? '') || endIso < startIso) {
    const fy = financialYear(fallbackIso ?? startIso);
    return [{ fy: fy ?? 'Undated', pence }];
  }
  const s = dayNumber(startIso);
  const e = dayNumber(endIso) + 1; // the end date is funded
  const parts = [];
  for (let y = Number(financialYear(startIso).slice(0, 4)); ; y++) {
    const from = Math.max(s, dayNumber(`${y}-04-01`));
    const to = Math.min(e, dayNumber(`${y + 1}-04-01`));
    if (to > from) parts.push({ fy: financialYear(`${y}-04-01`), days: to - from });
    if (dayNumber(`${y + 1}-04-01`) >= e) break;
  }
  let given = 0n;
  return parts.map((p, i) => {
    const share = i === parts.length - 1 ? pence - given : (pence * BigInt(p.days)) / BigInt(e - s);
    given += share;
    return { fy: p.fy, pence: share };
  });
}
