// Talking to the API with the session cookie (sent by the browser, never readable here) and the
// CSRF token that every write made with it must carry.
import { isNotAvailable, itemsOf } from './format.js';

export class ApiError extends Error {
  constructor(status, body) {
    const messages = Array.isArray(body?.message) ? body.message : body?.message ? [String(body.message)] : [`the server answered ${status}`];
    super(messages.join('; '));
    this.status = status;
    this.body = body;
    this.messages = messages;
    this.details = Array.isArray(body?.details) ? body.details : [];
    this.unavailable = isNotAvailable(status, body);
  }
}

export const session = { user: null, csrfToken: null, expiresAt: null };
let onSessionEnded = () => {};
/** Called when any request answers 401: the session has ended (expired, signed out, user disabled). */
export const whenSessionEnds = (fn) => {
  onSessionEnded = fn;
};

export async function api(method, url, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session.csrfToken) headers['X-CSRF-Token'] = session.csrfToken;
  let res;
  try {
    res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { message: ['the server did not answer: check the connection and try again'] });
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { message: [text.slice(0, 300)] };
  }
  if (res.status === 401 && !url.startsWith('/console/session')) onSessionEnded();
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const get = (url, query) => api('GET', query ? `${url}?${qs(query)}` : url);
export const post = (url, body = {}) => api('POST', url, body);
export const patch = (url, body) => api('PATCH', url, body);
export const del = (url) => api('DELETE', url);

/** Query string from an object, leaving out blanks. */
export function qs(query) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  return p.toString();
}

export async function loadSession() {
  try {
    Object.assign(session, await api('GET', '/console/session'));
    return true;
  } catch (e) {
    if (e.status === 401) return false;
    throw e;
  }
}

export async function signIn(token) {
  Object.assign(session, await api('POST', '/console/session', { token }));
}

export async function signOut() {
  try {
    await api('DELETE', '/console/session');
  } finally {
    Object.assign(session, { user: null, csrfToken: null, expiresAt: null });
    cache.clear();
  }
}

const cache = new Map();
/** Reference lists that rarely change (funders, directorates), fetched once per session. */
function cached(key, load) {
  if (!cache.has(key)) cache.set(key, load().catch((e) => { cache.delete(key); throw e; }));
  return cache.get(key);
}
export const funders = () => cached('funders', async () => itemsOf(await get('/api/funders', { pageSize: 500 })));
export const directorates = () => cached('directorates', async () => itemsOf(await get('/api/directorates', { pageSize: 500 })));

/** Directorates grouped by funder for a <select>, optionally only some of them. */
export async function directorateOptions(onlyIds) {
  const [fs, ds] = await Promise.all([funders(), directorates()]);
  const byFunder = new Map();
  for (const d of ds) {
    if (onlyIds && !onlyIds.includes(d.id)) continue;
    const f = fs.find((x) => x.id === d.funderId);
    const key = f?.name ?? 'Other';
    if (!byFunder.has(key)) byFunder.set(key, []);
    byFunder.get(key).push([d.id, d.name]);
  }
  return [...byFunder.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, options]) => ({ group, options: options.sort((a, b) => a[1].localeCompare(b[1])) }));
}

export const roleMay = {
  writeAwards: (u) => u.role === 'admin' || u.role === 'commissioner',
  reviewFlags: (u) => u.role === 'admin' || u.role === 'executive',
  runExports: (u) => u.role === 'admin' || u.role === 'finance' || u.role === 'executive',
  mergeOrganisations: (u) => u.role === 'admin' || u.role === 'executive',
};
