/** Rules on what is asked of and told about an award: MON-1 (proportionate monitoring), PUB-1 (Transparency Code). */
import { formatPounds, normaliseCharityNumber, normaliseCompanyNumber } from '@app/common';
import { finding, type Finding } from './catalogue.js';
import { count, listInWords, quote, recorded } from './format.js';
import type { CompactProfile } from './profile.js';
import type { ComplianceAward, ReportingFrequency } from './types.js';

/** DOMAIN.md: monthly 12, quarterly 4, six_monthly 2, annual 1, end_only 1. */
export const REPORTS_PER_YEAR: Readonly<Record<ReportingFrequency, number>> = Object.freeze({
  monthly: 12,
  quarterly: 4,
  six_monthly: 2,
  annual: 1,
  end_only: 1,
});

const FREQUENCY_WORDS: Record<ReportingFrequency, string> = {
  monthly: 'monthly',
  quarterly: 'quarterly',
  six_monthly: 'six-monthly',
  annual: 'annual',
  end_only: 'end-of-award',
};

export type MonitoringCap = { maxReportsPerYear: number; band: string };

/** The cap of the first band the amount is under, else the profile's cap for larger awards. */
export function monitoringCap(amountPence: bigint, profile: CompactProfile): MonitoringCap {
  const bands = profile.monitoringBands;
  const i = bands.findIndex((b) => amountPence < b.underPence);
  if (i === -1) {
    const last = bands.at(-1);
    return { maxReportsPerYear: profile.monitoringMaxReportsPerYear, band: last ? `${formatPounds(last.underPence)} or more` : 'any amount' };
  }
  const band = i === 0 ? `under ${formatPounds(bands[0].underPence)}` : `${formatPounds(bands[i - 1].underPence)} to under ${formatPounds(bands[i].underPence)}`;
  return { maxReportsPerYear: bands[i].maxReportsPerYear, band };
}

/** The most frequent reporting within the cap, in words ("six-monthly or less often"). */
function reportingWithin(cap: number): string {
  if (cap < REPORTS_PER_YEAR.six_monthly) return 'annual or end-of-award only';
  const frequency = (['monthly', 'quarterly', 'six_monthly'] as const).find((f) => REPORTS_PER_YEAR[f] <= cap)!;
  return `${FREQUENCY_WORDS[frequency]} or less often`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** MON-1: reports a year above the cap for the award's size warn unless justified. */
export function checkMonitoring(award: ComplianceAward, profile: CompactProfile): Finding {
  const frequency = award.reportingFrequency;
  if (frequency === null) {
    return finding('MON-1', 'not_applicable', 'No reporting frequency is recorded: record monitoring.reportingFrequency to check that monitoring is proportionate.');
  }
  const reports = REPORTS_PER_YEAR[frequency];
  const cap = monitoringCap(award.amountAwardedPence, profile);
  const asked = `${capitalise(FREQUENCY_WORDS[frequency])} reporting asks for ${count(reports, 'report')} a year`;
  const forAward = `the cap of ${cap.maxReportsPerYear} a year for an award of ${formatPounds(award.amountAwardedPence)} (${cap.band})`;
  if (reports <= cap.maxReportsPerYear) return finding('MON-1', 'pass', `${asked}, within ${forAward}.`);

  const justification = recorded(award.justifications.monitoring);
  if (justification) return finding('MON-1', 'pass', `${asked}, above ${forAward}, justified: ${quote(justification)}.`);
  return finding(
    'MON-1',
    'warn',
    `${asked}, ${reports - cap.maxReportsPerYear} more than ${forAward}. Reduce reporting to ${reportingWithin(cap.maxReportsPerYear)}, ` +
      'or record why closer monitoring is needed in justifications.monitoring.',
  );
}

/** The registration number a recipient of this type must show, and whether it is recorded validly. */
function missingRegistration(recipient: NonNullable<ComplianceAward['recipient']>): string | null {
  const check =
    recipient.type === 'charity'
      ? { raw: recipient.charityNumber, valid: normaliseCharityNumber(recipient.charityNumber), what: 'charity number', type: 'a charity' }
      : recipient.type === 'company' || recipient.type === 'cic'
        ? { raw: recipient.companyNumber, valid: normaliseCompanyNumber(recipient.companyNumber), what: 'company number', type: recipient.type === 'cic' ? 'a CIC' : 'a company' }
        : null;
  if (!check || check.valid !== null) return null;
  const invalid = recorded(check.raw) ? `; ${quote(check.raw!.trim())} is not a valid ${check.what}` : '';
  return `the recipient's ${check.what} (it is ${check.type}${invalid})`;
}

/** The Transparency Code fields a published award lacks, in words. */
export function missingTransparencyFields(award: ComplianceAward): string[] {
  const missing: string[] = [];
  if (award.awardDate === null) missing.push('award date (awardDate)');
  if (award.plannedStartDate === null || award.plannedEndDate === null) missing.push('planned period (plannedStartDate and plannedEndDate)');
  if (award.directorateId === null) missing.push('directorate (directorateId)');
  if (award.recipient === null || recorded(award.recipient.name) === null) missing.push('recipient');
  else {
    const registration = missingRegistration(award.recipient);
    if (registration) missing.push(registration);
  }
  if (recorded(award.description) === null && recorded(award.title) === null) missing.push('purpose (description or title)');
  if (award.amountAwardedPence <= 0n) missing.push('amount (amountAwarded)');
  return missing;
}

/** PUB-1: a published award lacking any Transparency Code field warns; not_applicable until published. */
export function checkTransparencyFields(award: ComplianceAward): Finding {
  if (award.status !== 'published') {
    return finding('PUB-1', 'not_applicable', `Not published (status ${award.status}): the Transparency Code fields are checked when the award is published.`);
  }
  const missing = missingTransparencyFields(award);
  if (missing.length === 0) {
    return finding('PUB-1', 'pass', 'Every Transparency Code field is recorded: award date, planned period, directorate, recipient, registration number where one exists, purpose and amount.');
  }
  return finding(
    'PUB-1',
    'warn',
    `This published award lacks ${count(missing.length, 'field')} the Local Government Transparency Code requires: ${listInWords(missing)}. ` +
      'Record them on the award, or withdraw it from publication until they are.',
  );
}
