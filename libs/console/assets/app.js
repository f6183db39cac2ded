// The staff console: sign in, role-aware navigation and a small hash router.
import { ApiError, loadSession, session, signIn, signOut, whenSessionEnds } from './api.js';
import { button, field, h, input, notice, replace } from './dom.js';
import { awardFormPage } from './award-form.js';
import { awardsPage } from './awards.js';
import { compliancePage } from './compliance.js';
import { crossDirectoratePage, flagsPage, organisationPage, organisationsPage } from './executive.js';
import { exportsPage } from './exports.js';

const ALL = ['admin', 'commissioner', 'executive', 'finance'];
const ROLE_NAMES = { admin: 'Administrator', commissioner: 'Commissioner', executive: 'Executive', finance: 'Finance' };

/** What each role sees in the navigation: only what it may do. */
const NAV = [
  { href: '#/awards', text: 'Awards', roles: ALL },
  { href: '#/awards/new', text: 'New award', roles: ['admin', 'commissioner'] },
  { href: '#/cross-directorate', text: 'Cross-directorate funding', roles: ['admin', 'executive', 'finance'] },
  { href: '#/flags', text: 'Duplicate-funding flags', roles: ['admin', 'executive'] },
  { href: '#/organisations', text: 'Organisations', roles: ALL },
  { href: '#/exports', text: 'Exports', roles: ['admin', 'finance', 'executive'] },
  { href: '#/compliance', text: 'Compliance summary', roles: ALL },
  // The queue dashboard (bull-board) is its own page, signed in with the same session cookie.
  { href: '/api/admin/queues', text: 'Job queues', roles: ['admin'] },
];

const ROUTES = [
  { path: /^\/awards$/, page: awardsPage, roles: ALL },
  { path: /^\/awards\/new$/, page: (ctx) => awardFormPage(ctx, null), roles: ['admin', 'commissioner'] },
  { path: /^\/awards\/([0-9a-f-]{36})$/i, page: (ctx, id) => awardFormPage(ctx, id), roles: ALL },
  { path: /^\/cross-directorate$/, page: crossDirectoratePage, roles: ['admin', 'executive', 'finance'] },
  { path: /^\/flags$/, page: flagsPage, roles: ['admin', 'executive'] },
  { path: /^\/organisations$/, page: organisationsPage, roles: ALL },
  { path: /^\/organisations\/([0-9a-f-]{36})$/i, page: organisationPage, roles: ALL },
  { path: /^\/exports$/, page: exportsPage, roles: ['admin', 'finance', 'executive'] },
  { path: /^\/compliance$/, page: compliancePage, roles: ALL },
];

const HOME = { commissioner: '#/awards', executive: '#/cross-directorate', finance: '#/exports', admin: '#/awards' };

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');

let current = 0;
let leaveGuard = null;
let lastHash = location.hash;

/** The page's context: where to draw, the query, who is signed in, and whether it is still shown. */
function context(query) {
  const token = ++current;
  leaveGuard = null;
  return {
    main,
    query,
    user: session.user,
    alive: () => token === current,
    navigate: (hash, { replace: r = false } = {}) => {
      leaveGuard = null;
      if (r) {
        history.replaceState(null, '', hash);
        render();
      } else location.hash = hash;
    },
    setTitle: (t) => {
      document.title = `${t} – Staff console – Compact Funding Tracker`;
    },
    /** Pages with unsaved input register a check that asks before leaving them. */
    guardLeaving: (fn) => {
      leaveGuard = fn;
    },
  };
}

async function render() {
  const hash = location.hash || '#/';
  if (!hash.startsWith('#/')) return; // in-page links such as the skip link
  if (!session.user) return showSignIn();
  const [path, query = ''] = hash.slice(1).split('?');
  if (path === '/' || path === '') {
    history.replaceState(null, '', HOME[session.user.role] ?? '#/compliance');
    lastHash = location.hash;
    return render();
  }
  drawNav(path);
  window.scrollTo(0, 0);
  const ctx = context(new URLSearchParams(query));
  for (const r of ROUTES) {
    const m = r.path.exec(path);
    if (!m) continue;
    if (!r.roles.includes(session.user.role)) {
      ctx.setTitle('Not for your role');
      replace(main, h('h1', {}, 'This page is not for your role'), h('p', {}, `The ${ROLE_NAMES[session.user.role]} role cannot use this page. Use the links above.`));
      return;
    }
    try {
      await r.page(ctx, ...m.slice(1));
    } catch (e) {
      if (ctx.alive()) replace(main, h('h1', {}, 'Something went wrong'), notice('error', e instanceof ApiError ? e.message : String(e?.message ?? e)));
    }
    focusHeading();
    return;
  }
  ctx.setTitle('Page not found');
  replace(main, h('h1', {}, 'Page not found'), h('p', {}, 'There is no such page in the console. Use the links above.'));
}

function focusHeading() {
  const h1 = main.querySelector('h1');
  if (h1) {
    h1.tabIndex = -1;
    h1.focus({ preventScroll: true });
  }
}

function drawNav(path) {
  nav.hidden = false;
  const items = NAV.filter((n) => n.roles.includes(session.user.role));
  const active = (n) => {
    const p = n.href.slice(1);
    return path === p || (p !== '/awards' && path.startsWith(`${p}/`)) || (p === '/awards' && /^\/awards\/[0-9a-f-]{36}$/i.test(path));
  };
  replace(nav, h('ul', { class: 'wrap nav-list' }, items.map((n) => h('li', {}, h('a', { href: n.href, 'aria-current': active(n) ? 'page' : null }, n.text)))));
  replace(who,
    h('span', {}, 'Signed in as ', h('strong', {}, session.user.email), ` (${ROLE_NAMES[session.user.role] ?? session.user.role})`),
    button('Sign out', { class: 'link-button', onclick: onSignOut }));
}

async function onSignOut() {
  try {
    await signOut();
  } catch {
    // the session is over either way
  }
  history.replaceState(null, '', '#/');
  lastHash = location.hash;
  showSignIn(notice('success', 'You have signed out.'));
}

/** The sign-in form, on its own page or inside the "session ended" dialog. */
function signInForm(onDone) {
  const token = input({ type: 'password', name: 'token', autocomplete: 'off', spellcheck: 'false', required: true });
  const msg = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'sign-in', novalidate: true },
    field('API token', token, { hint: 'Paste the token an administrator gave you (it starts with cft_). It is checked once; the console then keeps you signed in for a working day. The token itself is not stored in the browser.' }),
    msg,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(msg);
    if (!token.value.trim()) return replace(msg, notice('error', 'Paste your API token, then choose Sign in.'));
    try {
      await signIn(token.value);
      token.value = '';
      onDone();
    } catch (err) {
      const text = err.status === 401 ? 'That token was not accepted. Paste the whole token (it starts with cft_), or ask an administrator for a new one.'
        : err.status === 429 ? `Too many attempts from this computer. ${err.message}` : err.message;
      replace(msg, notice('error', text));
      token.focus();
    }
  });
  return { form, focus: () => token.focus() };
}

function showSignIn(...before) {
  nav.hidden = true;
  replace(who);
  current++;
  document.title = 'Sign in – Staff console – Compact Funding Tracker';
  const f = signInForm(() => {
    lastHash = location.hash;
    render();
  });
  replace(main,
    ...before,
    h('h1', {}, 'Sign in to the staff console'),
    h('p', { class: 'lead' }, 'For commissioners, executives, finance staff and administrators. The public data is on ', h('a', { href: '/' }, 'the public page'), '.'),
    f.form);
  f.focus();
}

let endedOpen = false;
/** A 401 mid-task: sign in again in a dialog, so nothing typed on the page is lost. */
function sessionEnded() {
  if (endedOpen || !session.user) return;
  endedOpen = true;
  const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': 'session-ended-title' });
  const f = signInForm(() => {
    dlg.close();
    dlg.remove();
    endedOpen = false;
    drawNav((location.hash || '#/').slice(1).split('?')[0]);
  });
  dlg.append(
    h('h2', { id: 'session-ended-title' }, 'Your session has ended'),
    h('p', {}, 'Sign in again to carry on. What you typed is still on the page: after signing in, choose the button you were using again.'),
    f.form,
    button('Go to the sign-in page instead', { class: 'link-button', onclick: () => { dlg.close(); dlg.remove(); endedOpen = false; session.user = null; showSignIn(); } }));
  dlg.addEventListener('cancel', (e) => e.preventDefault());
  document.body.appendChild(dlg);
  dlg.showModal();
  f.focus();
}
whenSessionEnds(sessionEnded);

window.addEventListener('hashchange', () => {
  if (!location.hash.startsWith('#/') && location.hash !== '') return;
  const msg = leaveGuard?.();
  if (msg && !window.confirm(msg)) {
    history.replaceState(null, '', lastHash || '#/');
    return;
  }
  lastHash = location.hash;
  render();
});
window.addEventListener('beforeunload', (e) => {
  if (leaveGuard?.()) e.preventDefault();
});
document.getElementById('skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

(async () => {
  try {
    if (await loadSession()) render();
    else showSignIn();
  } catch (e) {
    replace(main, h('h1', {}, 'The console cannot reach the server'), notice('error', e.message));
  }
})();
