/** Rules on time: MY-1 (multi-year funding), END-1/END-2 (ending with notice and reason), CON-1 (consultation). */
import { addDays, addMonths, daysBetween } from '@app/common';
import { finding, type Finding } from './catalogue.js';
import { count, daysAdjective, daysAndWeeks, quote, recorded } from './format.js';
import type { CompactProfile } from './profile.js';
import type { ComplianceAward, ComplianceConsultation } from './types.js';

export type MonthsAndDays = { months: number; days: number };

/**
 * Whole calendar months from `from` up to `toExclusive`, then the days left over, with
 * month ends clamped as in addMonths: 2025-04-01 to 2028-04-01 is 36 months and 0 days.
 */
export function monthsAndDays(from: string, toExclusive: string): MonthsAndDays {
  const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  let months = monthIndex(toExclusive) - monthIndex(from);
  let anchor = addMonths(from, months);
  // Same month as toExclusive: one month fewer when the day of month has not been reached yet.
  if (months > 0 && anchor > toExclusive) anchor = addMonths(from, --months);
  return { months, days: daysBetween(anchor, toExclusive) };
}

/**
 * The length of a funding period, counting its end date as a funded day: an award from
 * 2025-04-01 to 2028-03-31 runs 36 months (a three-year award).
 */
export function fundingPeriodLength(start: string, endInclusive: string): MonthsAndDays {
  return monthsAndDays(start, addDays(endInclusive, 1));
}

function describeMonthsAndDays({ months, days }: MonthsAndDays): string {
  if (months === 0) return count(days, 'day');
  return days === 0 ? count(months, 'month') : `${count(months, 'month')} and ${count(days, 'day')}`;
}

/** MY-1: a funding period shorter than the profile's minimum (36 months) warns unless justified. */
export function checkMultiYear(award: ComplianceAward, profile: CompactProfile): Finding {
  const { plannedStartDate: start, plannedEndDate: end } = award;
  if (start === null || end === null) {
    return finding('MY-1', 'not_applicable', 'The funding period is not recorded: record plannedStartDate and plannedEndDate to check multi-year funding.');
  }
  if (end < start) {
    return finding('MY-1', 'not_applicable', `The planned end date ${end} is before the planned start ${start}: correct the dates.`);
  }
  const minimum = profile.multiYearMinimumMonths;
  const endExclusive = addDays(end, 1);
  const length = monthsAndDays(start, endExclusive);
  const period = `The funding period ${start} to ${end} is ${describeMonthsAndDays(length)}`;
  if (length.months >= minimum) {
    return finding('MY-1', 'pass', `${period}: at least the ${minimum}-month multi-year minimum.`);
  }
  const justification = recorded(award.justifications.singleYear);
  if (justification) {
    return finding('MY-1', 'pass', `${period}, shorter than the ${minimum}-month multi-year minimum, justified: ${quote(justification)}.`);
  }
  const requiredEndExclusive = addMonths(start, minimum);
  const shortBy = monthsAndDays(endExclusive, requiredEndExclusive);
  return finding(
    'MY-1',
    'warn',
    `${period}, ${describeMonthsAndDays(shortBy)} short of the ${minimum}-month multi-year minimum. ` +
      `Extend plannedEndDate to ${addDays(requiredEndExclusive, -1)} or later, or record why a shorter period is appropriate in justifications.singleYear.`,
  );
}

/** The award's ending, or null when none is recorded (no ending, or one with every field blank). */
function recordedEnding(award: ComplianceAward): NonNullable<ComplianceAward['ending']> | null {
  const e = award.ending;
  return e && (e.noticeDate !== null || e.effectiveDate !== null || recorded(e.reason) !== null) ? e : null;
}

const NO_ENDING = 'No ending is recorded for this award.';

/** "3 calendar months' notice", "1 calendar month's notice" */
function noticeOf(months: number): string {
  return months === 1 ? "1 calendar month's notice" : `${months} calendar months' notice`;
}

/**
 * END-1: an ending effective earlier than noticeDate + the profile's notice months fails.
 * "+3 calendar months" clamps to the month end: notice on 2025-08-31 allows 2025-11-30.
 */
export function checkEndingNotice(award: ComplianceAward, profile: CompactProfile): Finding {
  const ending = recordedEnding(award);
  if (!ending) return finding('END-1', 'not_applicable', NO_ENDING);
  const { noticeDate: notice, effectiveDate: effective } = ending;
  const required = noticeOf(profile.noticeMonths);
  if (notice === null && effective === null) {
    return finding('END-1', 'not_applicable', 'The ending has no notice date or effective date recorded yet.');
  }
  if (notice === null) {
    return finding(
      'END-1',
      'warn',
      `The ending takes effect on ${effective} but no notice date is recorded: the Compact requires at least ${required} in writing. ` +
        'Record the date written notice was given in ending.noticeDate.',
    );
  }
  const earliest = addMonths(notice, profile.noticeMonths);
  if (effective === null) {
    return finding('END-1', 'not_applicable', `Notice was given on ${notice}: the ending may take effect on ${earliest} or later. Record ending.effectiveDate.`);
  }
  if (effective < earliest) {
    return finding(
      'END-1',
      'fail',
      `Notice was given on ${notice} but the ending takes effect on ${effective}, ${count(daysBetween(effective, earliest), 'day')} short of the ` +
        `${required} the Compact requires. Move the effective date to ${earliest} or later.`,
    );
  }
  return finding('END-1', 'pass', `Notice was given on ${notice} and the ending takes effect on ${effective}: at least ${required} (earliest allowed ${earliest}).`);
}

/** END-2: an ending with no reason recorded warns. */
export function checkEndingReason(award: ComplianceAward): Finding {
  const ending = recordedEnding(award);
  if (!ending) return finding('END-2', 'not_applicable', NO_ENDING);
  const reason = recorded(ending.reason);
  if (reason) return finding('END-2', 'pass', `The reason for ending is recorded: ${quote(reason)}.`);
  return finding(
    'END-2',
    'warn',
    'The ending has no reason recorded: the Compact requires written notice with the rationale. Record the reason given to the organisation in ending.reason.',
  );
}

/**
 * CON-1: duration = endDate - startDate in days (a consultation from Monday 2025-01-06 to
 * Monday 2025-03-31 runs 84 days and passes). At least the full period (84) passes; shorter
 * warns unless a rationale is recorded (then passes, quoting it); shorter than the local
 * minimum (56) fails whatever the rationale.
 */
export function checkConsultationPeriod(c: ComplianceConsultation, profile: CompactProfile): Finding {
  const { consultationFullDays: full, consultationMinimumDays: minimum } = profile;
  const days = daysBetween(c.startDate, c.endDate);
  if (days < 0) return finding('CON-1', 'not_applicable', `The end date ${c.endDate} is before the start date ${c.startDate}: correct the dates.`);
  const period = `The consultation runs ${daysAndWeeks(days)}, from ${c.startDate} to ${c.endDate}`;
  const standard = `the ${daysAdjective(full)} standard`;
  const fullEnd = addDays(c.startDate, full);
  if (days >= full) return finding('CON-1', 'pass', `${period}: at least ${standard}.`);

  const rationale = recorded(c.rationale);
  if (days < minimum) {
    const noExcuse = rationale ? ` The recorded rationale (${quote(rationale)}) cannot justify less than the local minimum.` : '';
    return finding(
      'CON-1',
      'fail',
      `${period}, ${count(minimum - days, 'day')} below the ${daysAdjective(minimum)} local minimum and ${count(full - days, 'day')} short of ${standard}.${noExcuse} ` +
        `Move the end date to ${addDays(c.startDate, minimum)} or later (${fullEnd} to meet the standard).`,
    );
  }
  if (rationale) {
    return finding('CON-1', 'pass', `${period}, ${count(full - days, 'day')} shorter than ${standard}, with the rationale: ${quote(rationale)}.`);
  }
  return finding(
    'CON-1',
    'warn',
    `${period}, ${count(full - days, 'day')} short of ${standard}. Move the end date to ${fullEnd} or later, or record why a shorter consultation is needed in rationale.`,
  );
}
