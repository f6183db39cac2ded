// Create and edit an award with every field of the contract, compliance findings beside the form
// as it is filled in, errors from the API put beside the fields they name, publish with a confirmation.
import { ApiError, del, directorateOptions, get, patch, post, roleMay } from './api.js';
import { KINDS } from './awards.js';
import {
  button, clearFieldError, clearFieldErrors, confirmDialog, debounce, field, h, input, notAvailable, notice, replace, select, setFieldError, textarea, uid,
} from './dom.js';
import {
  forCheck, formatDateTime, formatMoney, fractionToPercent, humanise, normaliseFindings, parseMoneyInput, penceToPounds, percentToFraction, toPence, yearlyPayments,
} from './format.js';

const FREQUENCIES = [['', 'Not set'], ['monthly', 'Monthly'], ['quarterly', 'Quarterly'], ['six_monthly', 'Every six months'], ['annual', 'Once a year'], ['end_only', 'At the end only']];
const ORG_TYPES = [['charity', 'Charity'], ['company', 'Company'], ['cic', 'Community interest company'], ['community_group', 'Community group'], ['public_body', 'Public body'], ['individual', 'Individual']];
const PERCENT_FIELDS = ['deadweight', 'displacement', 'attribution', 'dropOff'];

/** Short titles of the Compact rules, and how a commissioner clears each (with the field to go to). */
export const RULE_HELP = {
  'FCR-1': { title: 'Overhead cost recorded', how: 'Record the overhead cost of the work under Costs.', field: 'costs.overheadCost' },
  'FCR-2': { title: 'Overheads funded in full', how: 'Fund the whole overhead (Overhead funded equal to Overhead cost), or agree the shortfall openly with the organisation.', field: 'costs.overheadFunded' },
  'ADV-1': { title: 'Payment in advance', how: 'Make the first payment due on or before the planned start date, or record why payment is in arrears.', field: 'justifications.arrearsPayment' },
  'MY-1': { title: 'Multi-year funding', how: 'Fund for at least three years, or record why the funding is shorter.', field: 'justifications.singleYear' },
  'END-1': { title: 'Three months’ notice of ending', how: 'Move the effective date to at least three calendar months after the notice date.', field: 'ending.effectiveDate' },
  'END-2': { title: 'Reason for ending recorded', how: 'Record the reason for ending.', field: 'ending.reason' },
  'MON-1': { title: 'Proportionate monitoring', how: 'Ask for fewer reports a year, or record why more frequent monitoring is needed.', field: 'justifications.monitoring' },
  'PAY-1': { title: 'Prompt payment', how: 'Pay each instalment promptly after it falls due, and record the paid date.', field: 'payments' },
  'PUB-1': { title: 'Transparency Code fields', how: 'Fill in the fields the message names before the award is published.', field: null },
  'CON-1': { title: 'Consultation period', how: 'Consult for at least twelve weeks, or record why it is shorter.', field: null },
};
const STATUS_TEXT = { pass: 'Pass', warn: 'Warning', fail: 'Fail', not_applicable: 'Not applicable' };

let flash = null;

export async function awardFormPage(ctx, id) {
  const u = ctx.user;
  let award = null;
  if (id) {
    try {
      award = await get(`/api/awards/${id}`);
    } catch (e) {
      ctx.setTitle('Award not found');
      return replace(ctx.main, h('h1', {}, 'Award not found'), notice('error', e.message), h('p', {}, h('a', { href: '#/awards' }, 'Back to the awards')));
    }
  }
  if (!ctx.alive()) return;
  const mayWrite = roleMay.writeAwards(u) && (!award || u.role === 'admin' || u.directorateIds.includes(award.directorateId));
  const groups = await directorateOptions(u.role === 'commissioner' && mayWrite ? u.directorateIds : undefined);
  if (!ctx.alive()) return;
  ctx.setTitle(award ? award.title : 'New award');

  const form = new AwardForm(award, groups, !mayWrite);
  const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const errorBox = h('div', { tabindex: '-1' });
  const findings = new FindingsPanel(form, award, mayWrite);

  const actions = h('div', { class: 'form-actions' });
  const drawActions = () => {
    if (!mayWrite) return replace(actions, h('p', { class: 'hint' }, `You can read this award; the ${u.role} role cannot change it.`));
    replace(actions,
      h('button', { type: 'submit', class: 'primary' }, award ? 'Save changes' : 'Save award'),
      award && award.status !== 'published' ? button('Publish…', { class: 'secondary', onclick: publish }) : null,
      award && award.status !== 'published' ? button('Delete award…', { class: 'danger-link', onclick: remove }) : null,
      h('a', { href: '#/awards', class: 'cancel' }, 'Back to the awards'));
  };
  drawActions();

  form.el.append(errorBox, actions);
  form.el.addEventListener('submit', (e) => {
    e.preventDefault();
    save();
  });

  const head = h('div', { class: 'page-head' },
    h('h1', {}, award ? award.title : 'New award'),
    award ? h('p', { class: 'meta' },
      h('span', { class: ['badge', `badge-${award.status}`] }, humanise(award.status)),
      ` Version ${award.version} · last changed ${formatDateTime(award.updatedAt)}`,
      award.publishedAt ? ` · published ${formatDateTime(award.publishedAt)}` : '') : h('p', { class: 'lead' }, 'Fill in what you know; the compliance findings on the right update as you type. You can save a draft and come back.'));
  replace(ctx.main, head, flash ? notice('success', flash) : null, mayWrite ? null : notice('info', `You can read this award; the ${u.role} role cannot change it.`), status, h('div', { class: 'form-layout' }, form.el, findings.el));
  flash = null;
  ctx.guardLeaving(() => (mayWrite && form.dirty() ? 'You have changes that are not saved. Leave this page and lose them?' : null));
  findings.check();

  function showErrors(err, heading) {
    clearFieldErrors(form.el);
    const items = [];
    for (const d of err.details) {
      const control = form.controlFor(d.field);
      const reason = friendlier(d, control);
      if (control) setFieldError(control, reason);
      items.push(h('li', { dataset: { for: control?.id ?? '' } }, control
        ? h('a', { href: `#${control.id}`, onclick: (e) => { e.preventDefault(); control.focus(); } }, `${form.describe(control)}: ${reason}`)
        : `${humanise(d.field)}: ${reason}`));
    }
    const conflict = err.status === 409 && err.body?.code === 'VERSION_CONFLICT';
    replace(errorBox, h('div', { class: 'error-summary' }, notice('error',
      h('h2', {}, heading),
      h('p', {}, 'Nothing you typed has been lost.', items.length ? ' Correct these and try again:' : ''),
      items.length ? h('ul', {}, items) : h('p', {}, err.message),
      conflict ? h('p', {}, 'Someone else saved this award after you opened it. ', button('Load their version (your changes here are discarded)', { class: 'link-button', onclick: () => ctx.navigate(`#/awards/${award.id}`, { replace: true }) })) : null)));
    errorBox.scrollIntoView({ block: 'nearest' });
    errorBox.focus();
  }

  async function save() {
    const submit = actions.querySelector('button[type="submit"]');
    submit.disabled = true;
    replace(status, notice('info', 'Saving…'));
    try {
      const body = form.collect();
      const saved = award ? await patch(`/api/awards/${award.id}`, { ...body, version: award.version }) : await post('/api/awards', body);
      flash = award ? `Saved. This is version ${saved.version}.` : 'The award was saved as a draft. Publish it when it is final.';
      ctx.navigate(`#/awards/${saved.id}`, { replace: true });
    } catch (e) {
      replace(status);
      if (e instanceof ApiError && e.status === 401)
        showErrors(new ApiError(401, { message: ['Sign in again in the box on the screen, then choose Save again.'] }), 'The award was not saved: your session has ended');
      else if (e instanceof ApiError) showErrors(e, 'The award was not saved');
      else throw e;
    } finally {
      submit.disabled = false;
    }
  }

  async function publish() {
    if (form.dirty()) {
      replace(status, notice('error', 'Save your changes first, then publish.'));
      return;
    }
    const ok = await confirmDialog({
      title: 'Publish this award?',
      body: [
        `“${award.title}” (${formatMoney(award.amountAwarded)} to ${award.recipientName ?? 'the recipient'}) will appear on the public who-gets-what page and in the 360Giving open data.`,
        'A published award cannot be deleted. To take it off the public record later, set its status back to Draft or Awarded.',
      ],
      confirm: 'Yes, publish it',
    });
    if (!ok) return;
    try {
      await post(`/api/awards/${award.id}/publish`);
      flash = 'Published: the award is now on the public record.';
      ctx.navigate(`#/awards/${award.id}`, { replace: true });
    } catch (e) {
      showErrors(e, 'The award was not published');
    }
  }

  async function remove() {
    const ok = await confirmDialog({ title: 'Delete this award?', body: [`“${award.title}” and its payments and outcomes will be deleted. This cannot be undone.`], confirm: 'Yes, delete it', danger: true });
    if (!ok) return;
    try {
      await del(`/api/awards/${award.id}`);
      ctx.navigate('#/awards');
    } catch (e) {
      showErrors(e, 'The award was not deleted');
    }
  }
}

/** The API's reasons, reworded where the form differs from the API (pickers, percentages). */
function friendlier(d, control) {
  if (d.field === 'recipientOrganisationId' && /uuid|id\b/.test(d.reason)) return 'choose the recipient: type part of its name, then choose it from the list (or add a new organisation)';
  if (d.field === 'directorateId' && /uuid/.test(d.reason)) return 'choose a directorate';
  if (control && PERCENT_FIELDS.includes(d.field.split('.').pop()) && /fraction/.test(d.reason)) return 'must be a percentage from 0 to 100, e.g. 20';
  return d.reason;
}

/** The form itself: builds the controls from an award (or blanks) and collects the API body back. */
class AwardForm {
  constructor(award, directorateGroups, readOnly) {
    this.award = award;
    this.readOnly = readOnly;
    const a = award ?? {};
    const money = (v) => input({ inputmode: 'decimal', value: v ?? '' });
    const date = (v) => input({ type: 'date', value: v ?? '' });
    const statusOptions = a.status === 'published'
      ? [['published', 'Published (on the public record)'], ['awarded', 'Awarded (takes it off the public record)'], ['draft', 'Draft (takes it off the public record)'], ['ended', 'Ended']]
      : [['draft', 'Draft'], ['awarded', 'Awarded'], ['ended', 'Ended']];
    const c = (this.c = {
      kind: select(KINDS, { value: a.kind ?? 'grant' }),
      title: input({ value: a.title ?? '', maxlength: 500 }),
      description: textarea({ value: a.description ?? '', rows: 3 }),
      directorateId: select([['', 'Choose a directorate'], ...directorateGroups], { value: a.directorateId ?? (directorateGroups.length === 1 && directorateGroups[0].options.length === 1 ? directorateGroups[0].options[0][0] : '') }),
      programme: input({ value: a.programme ?? '' }),
      amountAwarded: money(a.amountAwarded),
      currency: select([['GBP', 'GBP (pounds sterling)']], { value: 'GBP' }),
      awardDate: date(a.awardDate),
      plannedStartDate: date(a.plannedStartDate),
      plannedEndDate: date(a.plannedEndDate),
      status: select(statusOptions, { value: a.status ?? 'draft' }),
      directCost: money(a.costs?.directCost),
      overheadCost: money(a.costs?.overheadCost),
      overheadFunded: money(a.costs?.overheadFunded),
      reportingFrequency: select(FREQUENCIES, { value: a.monitoring?.reportingFrequency ?? '' }),
      noticeDate: date(a.ending?.noticeDate),
      effectiveDate: date(a.ending?.effectiveDate),
      endingReason: textarea({ value: a.ending?.reason ?? '', rows: 2 }),
      arrears: textarea({ value: a.justifications?.arrearsPayment ?? '', rows: 2 }),
      singleYear: textarea({ value: a.justifications?.singleYear ?? '', rows: 2 }),
      monitoring: textarea({ value: a.justifications?.monitoring ?? '', rows: 2 }),
    });
    this.recipient = new RecipientPicker(a.recipientOrganisationId ? { id: a.recipientOrganisationId, name: a.recipientName } : null, readOnly);
    this.paymentRows = new Rows('Payment', 'payments', (v) => this.paymentFields(v), readOnly, 'Add a payment');
    this.outcomeRows = new Rows('Outcome', 'outcomes', (v) => this.outcomeFields(v), readOnly, 'Add an outcome');
    for (const p of a.payments ?? []) this.paymentRows.add(p);
    for (const o of a.outcomes ?? []) this.outcomeRows.add(o);

    this.paymentTotal = h('p', { class: 'hint payment-total', 'aria-live': 'polite' });
    const fill = button('Fill in yearly payments', { class: 'secondary', onclick: () => this.fillYearly() });
    const fillMsg = h('div', { 'aria-live': 'polite' });
    this.fillMsg = fillMsg;
    const endingOpen = !!(a.ending && (a.ending.noticeDate || a.ending.effectiveDate || a.ending.reason));

    this.el = h('form', { class: 'award-form', novalidate: true },
      h('fieldset', {}, h('legend', {}, 'The award'),
        h('div', { class: 'grid' },
          field('Kind', c.kind, { field: 'kind' }),
          field('Status', c.status, { field: 'status', hint: 'Publishing is a separate step, with the Publish button' }),
          field('Title', c.title, { field: 'title', wide: true, hint: 'What the money is for, in a few words' }),
          field('Description', c.description, { field: 'description', wide: true }),
          field('Directorate', c.directorateId, { field: 'directorateId' }),
          field('Programme', c.programme, { field: 'programme', hint: 'The funding programme or scheme, if any' }),
          this.recipient.field(),
          field('Amount awarded', c.amountAwarded, { field: 'amountAwarded', prefix: '£', hint: 'In pounds, e.g. 95000.00' }),
          field('Currency', c.currency, { field: 'currency' }))),
      h('fieldset', {}, h('legend', {}, 'Dates'),
        h('div', { class: 'grid grid-3' },
          field('Award date', c.awardDate, { field: 'awardDate', hint: 'When the decision was made' }),
          field('Planned start date', c.plannedStartDate, { field: 'plannedStartDate' }),
          field('Planned end date', c.plannedEndDate, { field: 'plannedEndDate' }))),
      h('fieldset', {}, h('legend', {}, 'Payments'),
        h('p', { class: 'hint' }, 'When each instalment falls due. Paying in advance (the first payment on or before the start date) meets the Compact.'),
        this.paymentRows.el,
        readOnly ? null : h('div', { class: 'row-actions' }, this.paymentRows.addButton, fill, h('span', { class: 'hint' }, 'one payment a year from the start date, the amount split to the penny')),
        fillMsg,
        this.paymentTotal),
      h('fieldset', {}, h('legend', {}, 'Costs (full cost recovery)'),
        h('div', { class: 'grid grid-3' },
          field('Direct cost', c.directCost, { field: 'costs.directCost', prefix: '£', hint: 'Cost of delivering the work' }),
          field('Overhead cost', c.overheadCost, { field: 'costs.overheadCost', prefix: '£', hint: 'Fair share of premises, management, governance' }),
          field('Overhead funded', c.overheadFunded, { field: 'costs.overheadFunded', prefix: '£', hint: 'How much of the overhead this award pays' }))),
      h('fieldset', {}, h('legend', {}, 'Monitoring'),
        h('div', { class: 'grid' }, field('Reporting frequency', c.reportingFrequency, { field: 'monitoring.reportingFrequency', hint: 'How often the organisation reports to you' }))),
      h('fieldset', {}, h('legend', {}, 'Justifications'),
        h('p', { class: 'hint' }, 'Only where the award departs from the Compact: a recorded reason turns that warning into a pass.'),
        h('div', { class: 'grid' },
          field('Reason for paying in arrears', c.arrears, { field: 'justifications.arrearsPayment', wide: true }),
          field('Reason for funding under three years', c.singleYear, { field: 'justifications.singleYear', wide: true }),
          field('Reason for more frequent monitoring', c.monitoring, { field: 'justifications.monitoring', wide: true }))),
      h('details', { class: 'fieldset-details', open: endingOpen },
        h('summary', {}, 'Ending the award early'),
        h('fieldset', {}, h('legend', { class: 'visually-hidden' }, 'Ending'),
          h('div', { class: 'grid grid-3' },
            field('Notice date', c.noticeDate, { field: 'ending.noticeDate', hint: 'When written notice was given' }),
            field('Effective date', c.effectiveDate, { field: 'ending.effectiveDate', hint: 'When the funding stops' }),
            field('Reason for ending', c.endingReason, { field: 'ending.reason', wide: true })))),
      h('fieldset', {}, h('legend', {}, 'Outcomes (for the social return on investment)'),
        h('p', { class: 'hint' }, 'What the funding achieves, valued with a financial proxy and its source. Percentages are from 0 to 100.'),
        this.outcomeRows.el,
        readOnly ? null : h('div', { class: 'row-actions' }, this.outcomeRows.addButton)));

    if (readOnly) for (const el of this.el.querySelectorAll('input, select, textarea')) el.disabled = true;
    const corrected = (e) => {
      if (!clearFieldError(e.target)) return;
      // The error summary loses the line for a corrected field, and goes when none is left.
      this.el.querySelector(`.error-summary li[data-for="${CSS.escape(e.target.id)}"]`)?.remove();
      const box = this.el.querySelector('.error-summary');
      if (box && !box.querySelector('li')) box.remove();
    };
    this.el.addEventListener('input', (e) => {
      this.updateTotal();
      corrected(e);
    });
    this.el.addEventListener('change', corrected);
    this.el.addEventListener('change', () => this.updateTotal());
    this.updateTotal();
    this.snapshot = JSON.stringify(this.collect());
  }

  paymentFields(p = {}) {
    return {
      dueDate: [field('Due date', input({ type: 'date', value: p.dueDate ?? '' }))],
      amount: [field('Amount', input({ inputmode: 'decimal', value: p.amount ?? '' }), { prefix: '£' })],
      paidDate: [field('Paid date', input({ type: 'date', value: p.paidDate ?? '' }), { hint: 'Blank until paid' })],
    };
  }

  outcomeFields(o = {}) {
    const pct = (v) => input({ inputmode: 'decimal', value: fractionToPercent(v) });
    return {
      description: [field('Outcome description', input({ value: o.description ?? '' }), { wide: true })],
      indicator: [field('Indicator', input({ value: o.indicator ?? '' }), { hint: 'How you will know, e.g. in work after 6 months' })],
      quantity: [field('Quantity', input({ inputmode: 'decimal', value: o.quantity ?? '' }))],
      financialProxy: [field('Financial proxy', input({ inputmode: 'decimal', value: o.financialProxy ?? '' }), { prefix: '£', hint: 'Value of one unit for one year' })],
      proxySource: [field('Proxy source', input({ value: o.proxySource ?? '' }), { hint: 'e.g. HACT Social Value Bank' })],
      deadweight: [field('Deadweight', pct(o.deadweight), { suffix: '%', hint: 'Would have happened anyway' })],
      displacement: [field('Displacement', pct(o.displacement), { suffix: '%' })],
      attribution: [field('Attribution', pct(o.attribution), { suffix: '%', hint: 'Due to others' })],
      dropOff: [field('Drop-off', pct(o.dropOff), { suffix: '%', hint: 'Lost each later year' })],
      durationYears: [field('Duration in years', input({ inputmode: 'numeric', value: o.durationYears ?? '' }))],
    };
  }

  /** The API body (CONTRACT.md "Award fields"), from what is in the form now. */
  collect() {
    const c = this.c;
    const t = (el) => el.value.trim();
    const orNull = (el) => t(el) || null;
    const money = (el) => parseMoneyInput(el.value);
    const ending = [c.noticeDate, c.effectiveDate, c.endingReason].some((el) => t(el))
      ? { noticeDate: orNull(c.noticeDate), effectiveDate: orNull(c.effectiveDate), reason: orNull(c.endingReason) }
      : null;
    return {
      kind: c.kind.value,
      title: c.title.value,
      description: orNull(c.description),
      directorateId: c.directorateId.value,
      recipientOrganisationId: this.recipient.id,
      programme: orNull(c.programme),
      amountAwarded: money(c.amountAwarded) ?? '',
      currency: 'GBP',
      awardDate: orNull(c.awardDate),
      plannedStartDate: orNull(c.plannedStartDate),
      plannedEndDate: orNull(c.plannedEndDate),
      ...(c.status.value === 'published' ? {} : { status: c.status.value }),
      payments: this.paymentRows.values((r) => ({ dueDate: t(r.dueDate), amount: money(r.amount) ?? '', paidDate: orNull(r.paidDate) })),
      costs: { directCost: money(c.directCost), overheadCost: money(c.overheadCost), overheadFunded: money(c.overheadFunded) },
      monitoring: { reportingFrequency: c.reportingFrequency.value || null },
      ending,
      justifications: { arrearsPayment: orNull(c.arrears), singleYear: orNull(c.singleYear), monitoring: orNull(c.monitoring) },
      outcomes: this.outcomeRows.values((r) => {
        const o = {
          description: t(r.description), indicator: t(r.indicator), proxySource: t(r.proxySource),
          quantity: t(r.quantity) === '' ? '' : Number.isFinite(Number(t(r.quantity))) ? Number(t(r.quantity)) : t(r.quantity),
          financialProxy: money(r.financialProxy) ?? '',
          durationYears: /^\d+$/.test(t(r.durationYears)) ? Number(t(r.durationYears)) : t(r.durationYears),
        };
        for (const k of PERCENT_FIELDS) o[k] = percentToFraction(r[k].value) ?? t(r[k]);
        return o;
      }),
    };
  }

  dirty() {
    return JSON.stringify(this.collect()) !== this.snapshot;
  }

  /** The control the API means by a field such as "payments[1].amount" (or its nearest container). */
  controlFor(apiField) {
    const find = (f) => this.el.querySelector(`[data-field="${CSS.escape(f)}"]`);
    if (apiField === 'recipientOrganisationId') return this.recipient.control;
    for (let f = apiField; f; f = f.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
      const el = find(f);
      if (el) return el.matches('input, select, textarea') ? el : el.querySelector('input, select, textarea');
      if (!/(\.[^.[\]]+|\[\d+\])$/.test(f)) break;
    }
    return null;
  }

  /** "Payment 2, Amount" for error summaries. */
  describe(control) {
    const row = control.closest('[data-row-label]');
    return row ? `${row.dataset.rowLabel}, ${control.dataset.label}` : control.dataset.label ?? control.name;
  }

  updateTotal() {
    const rows = this.paymentRows.values((r) => toPence(r.amount.value));
    const sum = rows.reduce((s, p) => s + (p ?? 0n), 0n);
    const amount = toPence(this.c.amountAwarded.value);
    // Redraw only when it changes: replacing nodes on every keystroke makes the browser's scroll
    // anchoring jump the page (a click on Save could then land elsewhere).
    const key = `${rows.length}|${sum}|${amount}`;
    if (key === this.totalKey) return;
    this.totalKey = key;
    if (!rows.length) return replace(this.paymentTotal, 'No payments entered yet.');
    const matches = amount !== null && sum === amount;
    replace(this.paymentTotal,
      `${rows.length} payment${rows.length === 1 ? '' : 's'} adding up to ${formatMoney(penceToPounds(sum))}`,
      amount === null ? '.' : matches ? ', the amount awarded.' : h('strong', {}, ` – the amount awarded is ${formatMoney(penceToPounds(amount))}.`));
  }

  fillYearly() {
    const list = yearlyPayments(this.c.amountAwarded.value, this.c.plannedStartDate.value, this.c.plannedEndDate.value);
    if (!list) return replace(this.fillMsg, notice('error', 'Enter the amount awarded and the planned start date (and end date) first.'));
    replace(this.fillMsg);
    this.paymentRows.clear();
    for (const p of list) this.paymentRows.add(p);
    this.updateTotal();
    this.el.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

/** Repeatable rows (payments, outcomes), each a small fieldset; API fields renumbered on removal. */
class Rows {
  constructor(noun, apiName, build, readOnly, addText) {
    Object.assign(this, { noun, apiName, build, readOnly });
    this.rows = [];
    this.el = h('div', { class: 'rows', dataset: { field: apiName } });
    this.addButton = button(addText, { class: 'secondary', onclick: () => { const r = this.add(); r.first.focus(); } });
  }

  add(values) {
    const parts = this.build(values ?? undefined);
    const controls = {};
    for (const [k, [wrap]] of Object.entries(parts)) controls[k] = wrap.querySelector('input, select, textarea');
    const legend = h('legend', {});
    const fs = h('fieldset', { class: 'row' }, legend, h('div', { class: 'grid grid-row' }, Object.values(parts).map(([w]) => w)));
    const row = { el: fs, legend, controls, first: Object.values(controls)[0] };
    if (!this.readOnly)
      fs.appendChild(button('Remove', { class: 'link-button remove', onclick: () => this.remove(row) }));
    this.rows.push(row);
    this.el.appendChild(fs);
    this.renumber();
    return row;
  }

  remove(row) {
    this.rows = this.rows.filter((r) => r !== row);
    row.el.remove();
    this.renumber();
    this.el.dispatchEvent(new Event('change', { bubbles: true }));
  }

  clear() {
    for (const r of this.rows) r.el.remove();
    this.rows = [];
  }

  renumber() {
    this.rows.forEach((r, i) => {
      const name = `${this.noun} ${i + 1}`;
      replace(r.legend, name);
      r.el.dataset.rowLabel = name;
      r.el.dataset.field = `${this.apiName}[${i}]`;
      for (const [k, c] of Object.entries(r.controls)) c.dataset.field = `${this.apiName}[${i}].${k}`;
      const rm = r.el.querySelector('button.remove');
      if (rm) rm.setAttribute('aria-label', `Remove ${name.toLowerCase()}`);
    });
  }

  values(fn) {
    return this.rows.map((r) => fn(r.controls));
  }
}

/** Type to search organisations, choose one; or add a new organisation without leaving the form. */
class RecipientPicker {
  constructor(initial, readOnly) {
    this.selected = initial;
    this.readOnly = readOnly;
    this.control = input({ type: 'search', value: initial?.name ?? '' });
    this.list = h('ul', { class: 'suggestions', hidden: true, 'aria-label': 'Matching organisations' });
    this.chosen = h('p', { class: 'chosen', 'aria-live': 'polite' });
    this.newOrg = h('div');
    this.showChosen();
    if (initial?.id)
      get(`/api/organisations/${initial.id}`).then((o) => {
        if (this.selected?.id === o.id) {
          this.selected = o;
          this.showChosen();
        }
      }, () => {});
    const search = debounce((q) => this.search(q), 250);
    this.control.addEventListener('input', () => {
      this.selected = null;
      this.showChosen();
      search(this.control.value.trim());
    });
  }

  get id() {
    return this.selected?.id ?? '';
  }

  field() {
    return h('div', { class: 'field-wide recipient' },
      field('Recipient', this.control, { field: 'recipientOrganisationId', hint: 'Type part of the name, charity number or company number, then choose the organisation' }),
      this.list,
      this.chosen,
      this.readOnly ? null : button('Add a new organisation', { class: 'link-button', onclick: () => this.openNew() }),
      this.newOrg);
  }

  showChosen() {
    const o = this.selected;
    if (!o) return replace(this.chosen, this.control.value.trim() ? 'No recipient chosen yet: choose one from the list.' : '');
    const ids = [o.charityNumber && `charity ${o.charityNumber}`, o.companyNumber && `company ${o.companyNumber}`, o.postcode].filter(Boolean);
    replace(this.chosen, '✓ Chosen: ', h('strong', {}, o.name ?? 'organisation'), ids.length ? ` (${ids.join(', ')})` : '', ' · ', h('a', { href: `#/organisations/${o.id}` }, 'organisation page'));
  }

  async search(q) {
    if (q.length < 2) {
      this.list.hidden = true;
      return;
    }
    let items = [];
    try {
      items = (await get('/api/organisations', { q, pageSize: 8 })).items;
    } catch {
      items = [];
    }
    if (this.control.value.trim() !== q) return; // typed on since
    replace(this.list, items.length
      ? items.map((o) => h('li', {}, button(`${o.name}${o.charityNumber ? ` · charity ${o.charityNumber}` : ''}${o.companyNumber ? ` · company ${o.companyNumber}` : ''}${o.postcode ? ` · ${o.postcode}` : ''}`, { class: 'suggestion', onclick: () => this.choose(o) })))
      : h('li', { class: 'hint' }, 'No organisation matches. Check the spelling, or add a new organisation.'));
    this.list.hidden = false;
  }

  choose(o) {
    this.selected = o;
    this.control.value = o.name;
    this.list.hidden = true;
    replace(this.newOrg);
    this.showChosen();
    this.control.dispatchEvent(new Event('change', { bubbles: true }));
  }

  openNew() {
    const f = {
      name: input({ value: this.selected ? '' : this.control.value.trim() }),
      type: select(ORG_TYPES, { value: 'charity' }),
      charityNumber: input(),
      companyNumber: input(),
      postcode: input({ autocomplete: 'postal-code' }),
    };
    const msg = h('div', { 'aria-live': 'polite' });
    const create = async () => {
      clearFieldErrors(box);
      const body = { name: f.name.value.trim(), type: f.type.value };
      for (const k of ['charityNumber', 'companyNumber', 'postcode']) if (f[k].value.trim()) body[k] = f[k].value.trim();
      try {
        this.choose(await post('/api/organisations', body));
      } catch (e) {
        for (const d of e.details ?? []) if (f[d.field]) setFieldError(f[d.field], d.reason);
        replace(msg, notice('error', `The organisation was not added: ${e.message}`));
      }
    };
    const box = h('fieldset', { class: 'new-org' }, h('legend', {}, 'New organisation'),
      h('div', { class: 'grid' },
        field('Organisation name', f.name, { wide: true }),
        field('Organisation type', f.type),
        field('Charity number', f.charityNumber, { hint: 'e.g. 1234567' }),
        field('Company number', f.companyNumber, { hint: 'e.g. 05123456' }),
        field('Postcode', f.postcode)),
      msg,
      h('div', { class: 'row-actions' }, button('Add organisation', { class: 'secondary', onclick: create }), button('Cancel', { class: 'link-button', onclick: () => replace(this.newOrg) })));
    replace(this.newOrg, box);
    f.name.focus();
  }
}

/** The Compact findings beside the form: a dry-run check of what is typed, debounced. */
class FindingsPanel {
  constructor(form, award, mayWrite) {
    Object.assign(this, { form, award, mayWrite });
    this.seq = 0;
    this.state = h('p', { class: 'findings-state' }, 'Findings appear here as you fill in the form.');
    this.list = h('ol', { class: 'findings' });
    const titleId = uid('findings');
    this.el = h('aside', { class: 'findings-panel', 'aria-labelledby': titleId },
      h('h2', { id: titleId }, 'Compliance findings'),
      h('div', { 'aria-live': 'polite' }, this.state),
      this.list);
    this.debounced = debounce(() => this.check(), 500);
    form.el.addEventListener('input', () => this.debounced());
    form.el.addEventListener('change', () => this.debounced());
  }

  async check() {
    const n = ++this.seq;
    try {
      const r = await this.fetchFindings();
      if (n === this.seq) this.show(r.findings, r.note);
    } catch (e) {
      if (n === this.seq) this.failed(e);
    }
  }

  /** A dry run of the form as it is now; where that is not possible, the findings as last saved. */
  async fetchFindings() {
    const stored = async (note) => ({ findings: normaliseFindings(await get(`/api/awards/${this.award.id}/compliance`)), note });
    if (!this.mayWrite) return this.award ? stored('As last saved.') : { findings: [], note: '' };
    try {
      return { findings: normaliseFindings(await post('/api/compliance/check', forCheck(this.form.collect()))), note: '' };
    } catch (e) {
      if (this.award && e instanceof ApiError && (e.unavailable || e.status === 403)) return stored('As last saved: checks while you type are not available yet on this server.');
      throw e;
    }
  }

  failed(e) {
    replace(this.list);
    if (e.unavailable) return replace(this.state, notAvailable('Checking against the Compact'));
    if (e.status === 400 && e.details?.length) {
      const missing = [...new Set(e.details.map((d) => this.form.controlFor(d.field)).map((c) => (c ? this.form.describe(c) : null)).filter(Boolean))];
      return replace(this.state, h('span', {}, 'Findings appear once these are filled in correctly: ', missing.length ? missing.join(', ') : e.details.map((d) => humanise(d.field)).join(', '), '.'));
    }
    replace(this.state, notice('error', `The findings could not be checked: ${e.message}`));
  }

  show(findings, note) {
    const count = (s) => findings.filter((f) => f.status === s).length;
    const [fail, warn] = [count('fail'), count('warn')];
    replace(this.state, fail + warn === 0
      ? `All ${findings.length} checks pass or do not apply. ${note}`
      : `${fail ? `${fail} to fix` : ''}${fail && warn ? ', ' : ''}${warn ? `${warn} warning${warn === 1 ? '' : 's'}` : ''}. ${note}`);
    const card = (f) => {
      const help = RULE_HELP[f.rule];
      const target = help?.field ? this.form.controlFor(help.field) : null;
      return h('li', { class: ['finding', `finding-${f.status}`], dataset: { rule: f.rule, status: f.status } },
        h('p', { class: 'finding-head' }, h('span', { class: ['badge', `badge-${f.status}`] }, STATUS_TEXT[f.status] ?? f.status), ' ', h('strong', {}, f.rule), ' ', f.title || help?.title || ''),
        h('p', { class: 'finding-message' }, f.message),
        (f.status === 'warn' || f.status === 'fail') && help
          ? h('p', { class: 'finding-how' }, h('strong', {}, 'How to clear it: '), help.how, ' ',
              target && this.mayWrite ? button(`Go to ${target.dataset.label}`, { class: 'link-button', onclick: () => { target.closest('details')?.setAttribute('open', ''); target.focus(); } }) : null)
          : null,
        f.source ? h('p', { class: 'finding-source' }, h('span', {}, 'Source: '), f.source) : null);
    };
    const open = findings.filter((f) => f.status === 'fail' || f.status === 'warn');
    const passed = findings.filter((f) => f.status === 'pass');
    const na = findings.filter((f) => f.status !== 'fail' && f.status !== 'warn' && f.status !== 'pass');
    const group = (items, text) => (items.length ? h('li', {}, h('details', { class: 'finding-group' }, h('summary', {}, `${items.length} ${text}`), h('ol', { class: 'findings' }, items.map(card)))) : null);
    replace(this.list, open.map(card), group(passed, passed.length === 1 ? 'check passes' : 'checks pass'), group(na, na.length === 1 ? 'check does not apply yet' : 'checks do not apply yet'));
  }
}

