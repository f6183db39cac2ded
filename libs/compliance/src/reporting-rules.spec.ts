import { makeComplianceAward } from './award.factory.js';
import { DEFAULT_COMPACT_PROFILE } from './profile.js';
import { checkMonitoring, checkTransparencyFields, missingTransparencyFields, monitoringCap } from './reporting-rules.js';
import type { ComplianceAward, ReportingFrequency } from './types.js';

const profile = DEFAULT_COMPACT_PROFILE;
const monitored = (amountAwardedPence: bigint, reportingFrequency: ReportingFrequency | null, monitoring: string | null = null) =>
  makeComplianceAward({ amountAwardedPence, reportingFrequency, justifications: { arrearsPayment: null, singleYear: null, monitoring } });

describe('monitoring cap by award size', () => {
  it('uses the default bands: under £10k 1 a year, under £100k 2, otherwise 4', () => {
    expect(monitoringCap(999_999n, profile)).toEqual({ maxReportsPerYear: 1, band: 'under £10,000.00' });
    expect(monitoringCap(1_000_000n, profile)).toEqual({ maxReportsPerYear: 2, band: '£10,000.00 to under £100,000.00' });
    expect(monitoringCap(9_999_999n, profile)).toEqual({ maxReportsPerYear: 2, band: '£10,000.00 to under £100,000.00' });
    expect(monitoringCap(10_000_000n, profile)).toEqual({ maxReportsPerYear: 4, band: '£100,000.00 or more' });
  });
  it('uses one cap for every amount when the profile has no bands', () => {
    expect(monitoringCap(10_000_000n, { ...profile, monitoringBands: [], monitoringMaxReportsPerYear: 2 })).toEqual({ maxReportsPerYear: 2, band: 'any amount' });
  });
});

describe('MON-1 proportionate monitoring', () => {
  it('passes annual reporting on £9,999.99', () => {
    expect(checkMonitoring(monitored(999_999n, 'annual'), profile)).toEqual({
      rule: 'MON-1',
      status: 'pass',
      message: 'Annual reporting asks for 1 report a year, within the cap of 1 a year for an award of £9,999.99 (under £10,000.00).',
      source: 'Compact: proportionate monitoring; HMT 2006 ch. 6; MK review "proportionate reporting protocol"',
    });
  });
  it('warns quarterly reporting on £9,999.99 by 3 reports a year', () => {
    expect(checkMonitoring(monitored(999_999n, 'quarterly'), profile)).toMatchObject({
      status: 'warn',
      message:
        'Quarterly reporting asks for 4 reports a year, 3 more than the cap of 1 a year for an award of £9,999.99 (under £10,000.00). ' +
        'Reduce reporting to annual or end-of-award only, or record why closer monitoring is needed in justifications.monitoring.',
    });
  });
  it('warns monthly reporting on £25,000 by 10 and suggests six-monthly', () => {
    expect(checkMonitoring(monitored(2_500_000n, 'monthly'), profile).message).toBe(
      'Monthly reporting asks for 12 reports a year, 10 more than the cap of 2 a year for an award of £25,000.00 ' +
        '(£10,000.00 to under £100,000.00). Reduce reporting to six-monthly or less often, or record why closer monitoring is needed in justifications.monitoring.',
    );
  });
  it('allows quarterly from £100,000 and suggests quarterly to a monthly one', () => {
    expect(checkMonitoring(monitored(10_000_000n, 'quarterly'), profile).status).toBe('pass');
    expect(checkMonitoring(monitored(10_000_000n, 'monthly'), profile).message).toContain(
      '8 more than the cap of 4 a year for an award of £100,000.00 (£100,000.00 or more). Reduce reporting to quarterly or less often',
    );
  });
  it('counts end-of-award reporting as one a year', () => {
    expect(checkMonitoring(monitored(500_000n, 'end_only'), profile).message).toBe(
      'End-of-award reporting asks for 1 report a year, within the cap of 1 a year for an award of £5,000.00 (under £10,000.00).',
    );
  });
  it('passes a justified excess, quoting the justification', () => {
    expect(checkMonitoring(monitored(2_500_000n, 'quarterly', 'Safeguarding concerns raised in 2024'), profile)).toMatchObject({
      status: 'pass',
      message:
        'Quarterly reporting asks for 4 reports a year, above the cap of 2 a year for an award of £25,000.00 (£10,000.00 to under £100,000.00), ' +
        'justified: "Safeguarding concerns raised in 2024".',
    });
  });
  it('applies to in-kind support as well (only FCR, ADV and PAY exempt it)', () => {
    expect(checkMonitoring({ ...monitored(500_000n, 'monthly'), kind: 'in_kind' }, profile).status).toBe('warn');
  });
  it('is not applicable without a reporting frequency', () => {
    expect(checkMonitoring(monitored(500_000n, null), profile)).toMatchObject({
      status: 'not_applicable',
      message: 'No reporting frequency is recorded: record monitoring.reportingFrequency to check that monitoring is proportionate.',
    });
  });
});

describe('PUB-1 Transparency Code fields', () => {
  const recipient = (type: string | null, charityNumber: string | null, companyNumber: string | null): ComplianceAward['recipient'] => ({
    name: 'Milton Keynes Play Association',
    type,
    charityNumber,
    companyNumber,
  });

  it('passes a complete published grant', () => {
    expect(checkTransparencyFields(makeComplianceAward())).toEqual({
      rule: 'PUB-1',
      status: 'pass',
      message:
        'Every Transparency Code field is recorded: award date, planned period, directorate, recipient, registration number where one exists, purpose and amount.',
      source: 'Local Government Transparency Code 2015',
    });
  });
  it('lists every missing field and what to do', () => {
    const f = checkTransparencyFields(makeComplianceAward({ awardDate: null, plannedEndDate: null, directorateId: null }));
    expect(f.status).toBe('warn');
    expect(f.message).toBe(
      'This published award lacks 3 fields the Local Government Transparency Code requires: award date (awardDate), ' +
        'planned period (plannedStartDate and plannedEndDate) and directorate (directorateId). ' +
        'Record them on the award, or withdraw it from publication until they are.',
    );
  });
  it('needs a charity number for a charity and a valid company number for a company or CIC', () => {
    expect(missingTransparencyFields(makeComplianceAward({ recipient: recipient('charity', null, '05123456') }))).toEqual([
      "the recipient's charity number (it is a charity)",
    ]);
    expect(missingTransparencyFields(makeComplianceAward({ recipient: recipient('company', null, '01234567') }))).toEqual([
      'the recipient\'s company number (it is a company; "01234567" is not a valid company number)',
    ]);
    expect(missingTransparencyFields(makeComplianceAward({ recipient: recipient('cic', null, null) }))).toEqual([
      "the recipient's company number (it is a CIC)",
    ]);
    expect(missingTransparencyFields(makeComplianceAward({ recipient: recipient('company', null, '5123456') }))).toEqual([]);
    expect(missingTransparencyFields(makeComplianceAward({ recipient: recipient('community_group', null, null) }))).toEqual([]);
  });
  it('needs a recipient, a purpose (description or title) and an amount above zero', () => {
    expect(missingTransparencyFields(makeComplianceAward({ recipient: null, description: null, title: ' ', amountAwardedPence: 0n }))).toEqual([
      'recipient',
      'purpose (description or title)',
      'amount (amountAwarded)',
    ]);
    expect(missingTransparencyFields(makeComplianceAward({ description: null }))).toEqual([]);
  });
  it('is not applicable until the award is published', () => {
    expect(checkTransparencyFields(makeComplianceAward({ status: 'awarded', awardDate: null }))).toMatchObject({
      status: 'not_applicable',
      message: 'Not published (status awarded): the Transparency Code fields are checked when the award is published.',
    });
  });
});
