import { makeComplianceAward } from './award.factory.js';
import { checkConsultationPeriod, checkEndingNotice, checkEndingReason, checkMultiYear, fundingPeriodLength } from './period-rules.js';
import { DEFAULT_COMPACT_PROFILE } from './profile.js';
import type { ComplianceAward, ComplianceConsultation } from './types.js';

const profile = DEFAULT_COMPACT_PROFILE;
const noJustifications = { arrearsPayment: null, singleYear: null, monitoring: null };
const period = (plannedStartDate: string | null, plannedEndDate: string | null, singleYear: string | null = null) =>
  makeComplianceAward({ plannedStartDate, plannedEndDate, justifications: { ...noJustifications, singleYear } });

describe('funding period length (end date inclusive)', () => {
  it('counts whole calendar months and the days left over', () => {
    expect(fundingPeriodLength('2025-04-01', '2028-03-31')).toEqual({ months: 36, days: 0 });
    expect(fundingPeriodLength('2025-04-01', '2028-03-30')).toEqual({ months: 35, days: 30 });
    expect(fundingPeriodLength('2025-04-15', '2027-10-28')).toEqual({ months: 30, days: 14 });
    expect(fundingPeriodLength('2025-04-01', '2025-04-01')).toEqual({ months: 0, days: 1 });
  });
  it('handles February in leap and common years', () => {
    expect(fundingPeriodLength('2024-02-01', '2024-02-29')).toEqual({ months: 1, days: 0 });
    expect(fundingPeriodLength('2025-02-01', '2025-02-28')).toEqual({ months: 1, days: 0 });
    expect(fundingPeriodLength('2024-03-01', '2027-02-28')).toEqual({ months: 36, days: 0 });
    // 29 February + 36 months clamps to 2027-02-28, so three years from a leap day end on 2027-02-27.
    expect(fundingPeriodLength('2024-02-29', '2027-02-27')).toEqual({ months: 36, days: 0 });
  });
});

describe('MY-1 multi-year funding', () => {
  it('passes a three-year award 2025-04-01 to 2028-03-31', () => {
    expect(checkMultiYear(period('2025-04-01', '2028-03-31'), profile)).toEqual({
      rule: 'MY-1',
      status: 'pass',
      message: 'The funding period 2025-04-01 to 2028-03-31 is 36 months: at least the 36-month multi-year minimum.',
      source: 'Compact: multi-year funding where appropriate; MK commissioned services on three to five years',
    });
  });
  it('warns a day short, giving the end date that clears it', () => {
    const f = checkMultiYear(period('2025-04-01', '2028-03-30'), profile);
    expect(f.status).toBe('warn');
    expect(f.message).toBe(
      'The funding period 2025-04-01 to 2028-03-30 is 35 months and 30 days, 1 day short of the 36-month multi-year minimum. ' +
        'Extend plannedEndDate to 2028-03-31 or later, or record why a shorter period is appropriate in justifications.singleYear.',
    );
  });
  it('warns a one-year award by 24 months', () => {
    expect(checkMultiYear(period('2025-04-01', '2026-03-31'), profile).message).toBe(
      'The funding period 2025-04-01 to 2026-03-31 is 12 months, 24 months short of the 36-month multi-year minimum. ' +
        'Extend plannedEndDate to 2028-03-31 or later, or record why a shorter period is appropriate in justifications.singleYear.',
    );
  });
  it('passes a justified one-year award, quoting the justification', () => {
    const f = checkMultiYear(period('2025-04-01', '2026-03-31', 'Pilot year before the service is recommissioned'), profile);
    expect(f.status).toBe('pass');
    expect(f.message).toBe(
      'The funding period 2025-04-01 to 2026-03-31 is 12 months, shorter than the 36-month multi-year minimum, ' +
        'justified: "Pilot year before the service is recommissioned".',
    );
  });
  it('gives the leap-day clamp in the suggested end date', () => {
    expect(checkMultiYear(period('2024-02-29', '2027-02-26'), profile).message).toContain(
      '35 months and 29 days, 1 day short of the 36-month multi-year minimum. Extend plannedEndDate to 2027-02-27 or later',
    );
  });
  it('uses the profile minimum', () => {
    expect(checkMultiYear(period('2025-04-01', '2027-03-31'), { ...profile, multiYearMinimumMonths: 24 }).status).toBe('pass');
  });
  it('is not applicable without both dates or with the end before the start', () => {
    expect(checkMultiYear(period('2025-04-01', null), profile).message).toBe(
      'The funding period is not recorded: record plannedStartDate and plannedEndDate to check multi-year funding.',
    );
    expect(checkMultiYear(period('2025-04-01', '2025-03-31'), profile)).toMatchObject({
      status: 'not_applicable',
      message: 'The planned end date 2025-03-31 is before the planned start 2025-04-01: correct the dates.',
    });
  });
});

const ending = (noticeDate: string | null, effectiveDate: string | null, reason: string | null = 'Service recommissioned'): Partial<ComplianceAward> => ({
  status: 'ended',
  ending: { noticeDate, effectiveDate, reason },
});

describe('END-1 three calendar months of notice', () => {
  it('clamps to the month end: notice on 31 August allows 30 November', () => {
    const pass = checkEndingNotice(makeComplianceAward(ending('2025-08-31', '2025-11-30')), profile);
    expect(pass.status).toBe('pass');
    expect(pass.message).toBe(
      "Notice was given on 2025-08-31 and the ending takes effect on 2025-11-30: at least 3 calendar months' notice (earliest allowed 2025-11-30).",
    );
    const fail = checkEndingNotice(makeComplianceAward(ending('2025-08-31', '2025-11-29')), profile);
    expect(fail).toEqual({
      rule: 'END-1',
      status: 'fail',
      message:
        "Notice was given on 2025-08-31 but the ending takes effect on 2025-11-29, 1 day short of the 3 calendar months' notice " +
        'the Compact requires. Move the effective date to 2025-11-30 or later.',
      source:
        "Compact 2009 13.3 (at least three months' written notice with rationale); Best Value Statutory Guidance 2011 (grants and fixed-term contracts)",
    });
  });
  it('counts the days short', () => {
    expect(checkEndingNotice(makeComplianceAward(ending('2025-06-15', '2025-08-15')), profile).message).toContain(
      'takes effect on 2025-08-15, 31 days short of the 3 calendar months',
    );
  });
  it('handles leap years: notice on 30 November 2023 allows 29 February 2024, in 2024 it allows 28 February 2025', () => {
    expect(checkEndingNotice(makeComplianceAward(ending('2023-11-30', '2024-02-28')), profile).status).toBe('fail');
    expect(checkEndingNotice(makeComplianceAward(ending('2023-11-30', '2024-02-29')), profile).status).toBe('pass');
    expect(checkEndingNotice(makeComplianceAward(ending('2024-11-30', '2025-02-28')), profile).status).toBe('pass');
  });
  it('uses the profile notice period and words one month in the singular', () => {
    const f = checkEndingNotice(makeComplianceAward(ending('2025-01-31', '2025-02-27')), { ...profile, noticeMonths: 1 });
    expect(f.message).toBe(
      "Notice was given on 2025-01-31 but the ending takes effect on 2025-02-27, 1 day short of the 1 calendar month's notice " +
        'the Compact requires. Move the effective date to 2025-02-28 or later.',
    );
  });
  it('warns when no notice date is recorded, and tells the earliest date when no effective date is', () => {
    expect(checkEndingNotice(makeComplianceAward(ending(null, '2025-11-30')), profile)).toMatchObject({
      status: 'warn',
      message:
        "The ending takes effect on 2025-11-30 but no notice date is recorded: the Compact requires at least 3 calendar months' notice in writing. " +
        'Record the date written notice was given in ending.noticeDate.',
    });
    expect(checkEndingNotice(makeComplianceAward(ending('2025-08-31', null)), profile)).toMatchObject({
      status: 'not_applicable',
      message: 'Notice was given on 2025-08-31: the ending may take effect on 2025-11-30 or later. Record ending.effectiveDate.',
    });
  });
  it('is not applicable without an ending, or with an empty one', () => {
    expect(checkEndingNotice(makeComplianceAward({ ending: null }), profile)).toMatchObject({ status: 'not_applicable', message: 'No ending is recorded for this award.' });
    expect(checkEndingNotice(makeComplianceAward(ending(null, null, ' ')), profile).message).toBe('No ending is recorded for this award.');
  });
});

describe('END-2 reason for ending', () => {
  it('passes quoting the reason', () => {
    expect(checkEndingReason(makeComplianceAward(ending('2025-08-31', '2025-11-30', 'Service recommissioned')))).toMatchObject({
      status: 'pass',
      message: 'The reason for ending is recorded: "Service recommissioned".',
    });
  });
  it('warns when the ending has no reason', () => {
    expect(checkEndingReason(makeComplianceAward(ending('2025-08-31', '2025-11-30', null)))).toEqual({
      rule: 'END-2',
      status: 'warn',
      message:
        'The ending has no reason recorded: the Compact requires written notice with the rationale. Record the reason given to the organisation in ending.reason.',
      source: expect.stringContaining('Compact 2009 13.3'),
    });
  });
  it('is not applicable without an ending', () => {
    expect(checkEndingReason(makeComplianceAward()).status).toBe('not_applicable');
  });
});

describe('CON-1 consultation period', () => {
  const consultation = (startDate: string, endDate: string, rationale: string | null = null): ComplianceConsultation => ({
    title: 'Play strategy 2026-2030',
    startDate,
    endDate,
    rationale,
  });

  it('passes exactly 84 days (12 weeks)', () => {
    expect(checkConsultationPeriod(consultation('2025-01-06', '2025-03-31'), profile)).toEqual({
      rule: 'CON-1',
      status: 'pass',
      message: 'The consultation runs 84 days (12 weeks), from 2025-01-06 to 2025-03-31: at least the 12-week (84-day) standard.',
      source: 'National Compact 2010 2.4; Kent Partners Compact',
    });
  });
  it('warns at 83 days without a rationale', () => {
    expect(checkConsultationPeriod(consultation('2025-01-06', '2025-03-30'), profile)).toMatchObject({
      status: 'warn',
      message:
        'The consultation runs 83 days, from 2025-01-06 to 2025-03-30, 1 day short of the 12-week (84-day) standard. ' +
        'Move the end date to 2025-03-31 or later, or record why a shorter consultation is needed in rationale.',
    });
  });
  it('passes 56 to 83 days with a rationale, quoting it', () => {
    expect(checkConsultationPeriod(consultation('2025-01-06', '2025-03-03', 'Statutory deadline for the budget'), profile)).toMatchObject({
      status: 'pass',
      message:
        'The consultation runs 56 days (8 weeks), from 2025-01-06 to 2025-03-03, 28 days shorter than the 12-week (84-day) standard, ' +
        'with the rationale: "Statutory deadline for the budget".',
    });
    expect(checkConsultationPeriod(consultation('2025-01-06', '2025-03-03'), profile).status).toBe('warn');
  });
  it('fails below 56 days whatever the rationale', () => {
    expect(checkConsultationPeriod(consultation('2025-01-06', '2025-02-17'), profile)).toMatchObject({
      status: 'fail',
      message:
        'The consultation runs 42 days (6 weeks), from 2025-01-06 to 2025-02-17, 14 days below the 8-week (56-day) local minimum ' +
        'and 42 days short of the 12-week (84-day) standard. Move the end date to 2025-03-03 or later (2025-03-31 to meet the standard).',
    });
    const f = checkConsultationPeriod(consultation('2025-01-06', '2025-03-02', 'Urgent'), profile);
    expect(f.status).toBe('fail');
    expect(f.message).toContain('55 days, from 2025-01-06 to 2025-03-02, 1 day below the 8-week (56-day) local minimum');
    expect(f.message).toContain('The recorded rationale ("Urgent") cannot justify less than the local minimum.');
  });
  it('counts 29 February: the same dates run 84 days in 2024 and 83 in 2025', () => {
    expect(checkConsultationPeriod(consultation('2024-01-15', '2024-04-08'), profile).status).toBe('pass');
    expect(checkConsultationPeriod(consultation('2025-01-15', '2025-04-08'), profile).status).toBe('warn');
  });
  it('uses the profile thresholds', () => {
    const local = { ...profile, consultationFullDays: 90, consultationMinimumDays: 84 };
    expect(checkConsultationPeriod(consultation('2025-01-06', '2025-03-31'), local)).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('6 days short of the 90-day standard. Move the end date to 2025-04-06 or later'),
    });
  });
  it('is not applicable when the end date is before the start', () => {
    expect(checkConsultationPeriod(consultation('2025-03-31', '2025-01-06'), profile).status).toBe('not_applicable');
  });
});
