// Building the page without innerHTML: every piece of data becomes a text node.

let seq = 0;
/** A unique id for label/for and aria-describedby pairs. */
export const uid = (prefix = 'f') => `${prefix}-${++seq}`;

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

function setProps(el, props) {
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'value' || k === 'checked' || k === 'disabled' || k === 'selected' || k === 'readOnly') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

/** h('p', {class: 'hint'}, 'text', child…): strings are text, never markup. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The same for inline SVG charts. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs ?? {})) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

/**
 * A form field with a visible label whose text is the field's plain-English name, an optional hint,
 * and a place for its error. `control` is an input/select/textarea; `field` is the API's name for
 * it (e.g. "payments[0].amount"), used to put the API's validation errors beside it.
 */
export function field(label, control, { hint, field: apiField, suffix, prefix, wide } = {}) {
  const id = control.id || uid();
  control.id = id;
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  if (apiField) control.dataset.field = apiField;
  control.dataset.label = label;
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const wrap = h('div', { class: ['field', wide && 'field-wide'] },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    error,
    prefix || suffix ? h('div', { class: 'affix' }, prefix ? h('span', { class: 'prefix', 'aria-hidden': 'true' }, prefix) : null, control, suffix ? h('span', { class: 'suffix', 'aria-hidden': 'true' }, suffix) : null) : control,
  );
  return wrap;
}

export const input = (props = {}) => h('input', { type: 'text', autocomplete: 'off', ...props });
export const textarea = (props = {}) => h('textarea', { rows: 3, ...props });

/** <select> from [[value, text], …]. */
export function select(options, props = {}) {
  const el = h('select', props);
  for (const o of options) {
    if (o && o.group) el.appendChild(h('optgroup', { label: o.group }, o.options.map(([v, t]) => h('option', { value: v }, t))));
    else el.appendChild(h('option', { value: o[0] }, o[1]));
  }
  if (props.value !== undefined) el.value = props.value;
  return el;
}

export function button(text, props = {}) {
  return h('button', { type: 'button', ...props }, text);
}

/** Shows an error beside the control (and marks it invalid for assistive technology). */
export function setFieldError(control, message) {
  const err = document.getElementById(`${control.id}-error`);
  control.setAttribute('aria-invalid', 'true');
  if (err) {
    err.hidden = false;
    replace(err, h('span', { class: 'visually-hidden' }, 'Error: '), message);
  }
}

/** The person has changed the field: its old error no longer applies. */
export function clearFieldError(control) {
  if (!control?.id || control.getAttribute?.('aria-invalid') !== 'true') return false;
  control.removeAttribute('aria-invalid');
  const err = document.getElementById(`${control.id}-error`);
  if (err) {
    err.hidden = true;
    clear(err);
  }
  return true;
}

export function clearFieldErrors(root) {
  for (const c of root.querySelectorAll('[aria-invalid="true"]')) c.removeAttribute('aria-invalid');
  for (const e of root.querySelectorAll('.field-error')) {
    e.hidden = true;
    clear(e);
  }
}

/** A status badge that says its status in words, not only in colour. */
export function badge(status, text) {
  return h('span', { class: ['badge', `badge-${String(status).replace(/[^a-z_-]/gi, '')}`] }, text ?? String(status).replace(/_/g, ' '));
}

/** A message box; role=alert for errors so screen readers announce it. */
export function notice(kind, ...children) {
  return h('div', { class: ['notice', `notice-${kind}`], role: kind === 'error' ? 'alert' : 'status' }, ...children);
}

/** The state of a part of the console whose API endpoint is not on this server yet. */
export function notAvailable(what) {
  return h('div', { class: ['notice', 'notice-unavailable'], role: 'status', dataset: { state: 'not-available' } },
    h('strong', {}, `${what} is not available yet.`),
    ' This part of the API has not been installed on this server. The rest of the console works; check again after the next update.');
}

/** A native modal dialog asking to confirm; resolves true when confirmed. */
export function confirmDialog({ title, body, confirm, cancel = 'Cancel', danger = false }) {
  return new Promise((resolve) => {
    const titleId = uid('dlg');
    const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': titleId },
      h('h2', { id: titleId }, title),
      ...(Array.isArray(body) ? body : [body]).map((p) => (p instanceof Node ? p : h('p', {}, p))),
      h('div', { class: 'actions' },
        button(confirm, { class: danger ? 'danger' : 'primary', onclick: () => done(true) }),
        button(cancel, { class: 'secondary', onclick: () => done(false) })));
    const done = (v) => {
      dlg.close();
      dlg.remove();
      resolve(v);
    };
    dlg.addEventListener('cancel', (e) => {
      e.preventDefault();
      done(false);
    });
    document.body.appendChild(dlg);
    dlg.showModal();
  });
}

/** Calls fn once the caller has stopped calling for `ms`. */
export function debounce(fn, ms) {
  let t = null;
  const d = (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
  d.cancel = () => clearTimeout(t);
  return d;
}

/** A table from headers and rows of cells (strings or nodes). */
export function table({ caption, head, rows, className }) {
  return h('table', { class: className },
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, head.map((c) => (c instanceof Node ? c : h('th', { scope: 'col' }, c))))),
    h('tbody', {}, rows.map((r) => (r instanceof Node ? r : h('tr', {}, r.map((c) => (c instanceof Node && c.tagName === 'TD') || (c instanceof Node && c.tagName === 'TH') ? c : h('td', {}, c)))))));
}
