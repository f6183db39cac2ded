/** Rules on how the money is given: FCR-1, FCR-2 (full cost recovery), ADV-1 (advance), PAY-1 (prompt payment). */
import { daysBetween, formatPounds } from '@app/common';
import { finding, type AwardRuleId, type Finding } from './catalogue.js';
import { count, listInWords, percent, quote, recorded } from './format.js';
import type { CompactProfile } from './profile.js';
import type { CheckOptions, ComplianceAward, CompliancePayment } from './types.js';

type CashKind = 'grant' | 'contract';
/** How many late payments a message spells out before "and N more". */
const LISTED_PAYMENTS = 3;

/** DOMAIN.md: an award of kind in_kind is not_applicable for FCR, ADV and PAY. */
function inKindNotApplicable(rule: AwardRuleId): Finding {
  return finding(rule, 'not_applicable', 'Not applicable to in-kind support: this rule covers grants and contracts paid in money.');
}

function byDueDate(a: CompliancePayment, b: CompliancePayment): number {
  return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0;
}

/** FCR-1: a grant or contract with no overhead cost recorded (absent or 0) warns. */
export function checkOverheadRecorded(award: ComplianceAward): Finding {
  if (award.kind === 'in_kind') return inKindNotApplicable('FCR-1');
  const overhead = award.costs.overheadCostPence;
  if (overhead === null || overhead <= 0n) {
    const what = overhead === null ? 'No overhead cost is recorded' : 'The overhead cost is recorded as £0.00';
    return finding(
      'FCR-1',
      'warn',
      `${what} for this ${award.kind}: under full cost recovery the funder pays a fair share of the organisation's ` +
        'overheads (premises, central functions, governance) as well as the direct costs. Ask the recipient for the ' +
        'overhead share of this work and record it in costs.overheadCost.',
    );
  }
  return finding('FCR-1', 'pass', `An overhead cost of ${formatPounds(overhead)} is recorded for this ${award.kind}.`);
}

/** "Overhead rate 16.28 % of full cost £107,500.00 (19.44 % of direct costs)." */
function overheadRate(direct: bigint | null, overhead: bigint): string {
  if (direct === null) return 'Record costs.directCost to see the overhead rate.';
  const fullCost = direct + overhead;
  const ofDirect = direct > 0n ? ` (${percent(overhead, direct, 2)} of direct costs)` : '';
  return `Overhead rate ${percent(overhead, fullCost, 2)} of the full cost of ${formatPounds(fullCost)}${ofDirect}.`;
}

/**
 * FCR-2: overheadFunded < overheadCost warns, with the shortfall, the share of the overhead
 * funded and the overhead rate overhead / (direct + overhead). An unrecorded overheadFunded
 * counts as nothing funded.
 */
export function checkOverheadFunded(award: ComplianceAward): Finding {
  if (award.kind === 'in_kind') return inKindNotApplicable('FCR-2');
  const { directCostPence: direct, overheadCostPence: overhead, overheadFundedPence } = award.costs;
  if (overhead === null || overhead <= 0n) {
    return finding('FCR-2', 'not_applicable', 'No overhead cost is recorded, so its funding cannot be checked (see FCR-1).');
  }
  const funded = overheadFundedPence ?? 0n;
  const rate = overheadRate(direct, overhead);
  const overheadText = formatPounds(overhead);
  if (funded >= overhead) {
    return finding('FCR-2', 'pass', `The overhead cost of ${overheadText} is funded in full (${formatPounds(funded)} funded). ${rate}`);
  }
  const shortfall = formatPounds(overhead - funded);
  const share = percent(funded, overhead, 1);
  const what =
    overheadFundedPence === null
      ? `No overhead funding is recorded (costs.overheadFunded), so none of the ${overheadText} overhead cost counts as funded (${share})`
      : `Only ${formatPounds(funded)} of the ${overheadText} overhead cost is funded (${share})`;
  return finding(
    'FCR-2',
    'warn',
    `${what}: a shortfall of ${shortfall}. ${rate} To clear it, fund the full overhead share: ` +
      `raise costs.overheadFunded (and the award) by ${shortfall} to ${overheadText}.`,
  );
}

/** ADV-1: the first payment falling due after the planned start (arrears) warns unless justified. */
export function checkAdvancePayment(award: ComplianceAward): Finding {
  if (award.kind === 'in_kind') return inKindNotApplicable('ADV-1');
  if (award.payments.length === 0) {
    return finding('ADV-1', 'not_applicable', 'No payment schedule is recorded yet: ADV-1 is checked once payments are recorded.');
  }
  const start = award.plannedStartDate;
  if (start === null) {
    return finding('ADV-1', 'not_applicable', 'No planned start date is recorded, so payment in advance cannot be checked: record plannedStartDate.');
  }
  const first = [...award.payments].sort(byDueDate)[0];
  const firstPayment = `The first payment of ${formatPounds(first.amountPence)} falls due on ${first.dueDate}`;
  if (first.dueDate <= start) {
    return finding('ADV-1', 'pass', `${firstPayment}, on or before the planned start ${start}: paid in advance.`);
  }
  const after = `${count(daysBetween(start, first.dueDate), 'day')} after the planned start ${start}`;
  const justification = recorded(award.justifications.arrearsPayment);
  if (justification) {
    return finding('ADV-1', 'pass', `${firstPayment}, ${after} (paid in arrears), justified: ${quote(justification)}.`);
  }
  return finding(
    'ADV-1',
    'warn',
    `${firstPayment}, ${after}: the organisation is paid in arrears and must fund the work itself until then. ` +
      `Move the first due date to ${start} or earlier, or record why payment in arrears is needed and value for money in justifications.arrearsPayment.`,
  );
}

type LatePayment = { payment: CompliancePayment; days: number };

function describeLate(items: LatePayment[], limit: number, describe: (p: LatePayment) => string): string {
  const listed = items.slice(0, LISTED_PAYMENTS).map((p) => `${describe(p)}, ${count(p.days, 'day')} (${p.days - limit} over)`);
  const more = items.length > LISTED_PAYMENTS ? [`${items.length - LISTED_PAYMENTS} more`] : [];
  return listInWords([...listed, ...more]);
}

/**
 * PAY-1: a payment made more than the profile's days after it fell due (contract 30, grant 10)
 * warns. Only paid payments can be late, unless `options.asOf` is given: then unpaid payments
 * more than the limit past due on that date are overdue and warn too.
 */
export function checkPromptPayment(award: ComplianceAward, profile: CompactProfile, options: CheckOptions = {}): Finding {
  if (award.kind === 'in_kind') return inKindNotApplicable('PAY-1');
  if (award.payments.length === 0) {
    return finding('PAY-1', 'not_applicable', 'No payment schedule is recorded yet: PAY-1 is checked once payments are made.');
  }
  const kind: CashKind = award.kind;
  const limit = profile.paymentLatenessDays[kind];
  const payments = [...award.payments].sort(byDueDate);
  const paid = payments.filter((p) => p.paidDate !== null);
  const unpaid = payments.filter((p) => p.paidDate === null);
  const { asOf } = options;
  if (paid.length === 0 && asOf === undefined) {
    const none = payments.length === 1 ? 'The scheduled payment has not' : `None of the ${payments.length} scheduled payments has`;
    return finding('PAY-1', 'not_applicable', `${none} been paid yet: PAY-1 is checked once payments are made.`);
  }

  const late = paid.map((p) => ({ payment: p, days: daysBetween(p.dueDate, p.paidDate!) })).filter((p) => p.days > limit);
  const overdue = asOf === undefined ? [] : unpaid.map((p) => ({ payment: p, days: daysBetween(p.dueDate, asOf) })).filter((p) => p.days > limit);
  const rule = `within ${count(limit, 'day')} of falling due (the limit for a ${kind})`;

  if (late.length === 0 && overdue.length === 0) {
    const notPaid = unpaid.length > 0 ? ` ${count(unpaid.length, 'payment is', 'payments are')} not yet paid${asOf ? `, none overdue on ${asOf}` : ''}.` : '';
    const made = paid.length === 0 ? 'No payment has been made yet.' : `${paid.length === 1 ? '1 payment made,' : `${paid.length} payments made, all`} ${rule}.`;
    return finding('PAY-1', 'pass', made + notPaid);
  }

  const parts: string[] = [];
  if (late.length > 0) {
    parts.push(
      `${count(late.length, 'payment was', 'payments were')} paid later than ${count(limit, 'day')} after falling due: ` +
        describeLate(late, limit, ({ payment }) => `${formatPounds(payment.amountPence)} due ${payment.dueDate} paid ${payment.paidDate}`) + '.',
    );
  }
  if (overdue.length > 0) {
    parts.push(
      `${count(overdue.length, 'payment is', 'payments are')} unpaid and overdue on ${asOf}: ` +
        describeLate(overdue, limit, ({ payment }) => `${formatPounds(payment.amountPence)} due ${payment.dueDate}`) + '.',
    );
  }
  const payNow = overdue.length > 0 ? `Pay the overdue ${overdue.length === 1 ? 'payment' : 'payments'} now, and pay` : 'Pay';
  parts.push(`${payNow} future instalments ${rule}.`);
  return finding('PAY-1', 'warn', parts.join(' '));
}
