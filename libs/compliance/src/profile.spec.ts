import { compactProfileToJson, DEFAULT_COMPACT_PROFILE, validateCompactProfile, type ProfileValidation } from './profile.js';

const json = () => compactProfileToJson(DEFAULT_COMPACT_PROFILE) as unknown as Record<string, unknown>;
const errorsOf = (v: ProfileValidation) => ('errors' in v ? v.errors : []);

describe('Compact profile', () => {
  it('holds the DOMAIN.md defaults', () => {
    expect(DEFAULT_COMPACT_PROFILE).toEqual({
      multiYearMinimumMonths: 36,
      noticeMonths: 3,
      consultationFullDays: 84,
      consultationMinimumDays: 56,
      monitoringBands: [
        { underPence: 1_000_000n, maxReportsPerYear: 1 },
        { underPence: 10_000_000n, maxReportsPerYear: 2 },
      ],
      monitoringMaxReportsPerYear: 4,
      paymentLatenessDays: { contract: 30, grant: 10 },
    });
    expect(Object.isFrozen(DEFAULT_COMPACT_PROFILE.monitoringBands)).toBe(true);
  });
  it('round-trips through JSON with pence as strings', () => {
    const asJson = JSON.parse(JSON.stringify(compactProfileToJson(DEFAULT_COMPACT_PROFILE)));
    expect(asJson.monitoringBands).toEqual([
      { underPence: '1000000', maxReportsPerYear: 1 },
      { underPence: '10000000', maxReportsPerYear: 2 },
    ]);
    expect(validateCompactProfile(asJson)).toEqual({ profile: DEFAULT_COMPACT_PROFILE });
  });
  it('accepts band limits as bigints or safe integers, and an edited profile', () => {
    const edited = { ...json(), multiYearMinimumMonths: 24, consultationMinimumDays: 84, monitoringBands: [{ underPence: 2_500_000, maxReportsPerYear: 2 }, { underPence: 20_000_000n, maxReportsPerYear: 2 }] };
    expect(validateCompactProfile(edited)).toEqual({
      profile: { ...DEFAULT_COMPACT_PROFILE, multiYearMinimumMonths: 24, consultationMinimumDays: 84, monitoringBands: [{ underPence: 2_500_000n, maxReportsPerYear: 2 }, { underPence: 20_000_000n, maxReportsPerYear: 2 }] },
    });
  });
  it('refuses what is not an object', () => {
    expect(validateCompactProfile(null)).toEqual({ errors: [{ field: 'profile', reason: 'must be an object' }] });
    expect(validateCompactProfile([])).toEqual({ errors: [{ field: 'profile', reason: 'must be an object' }] });
  });
  it('names every missing, fractional, out-of-range or unknown field', () => {
    const input = { ...json(), multiYearMinimumMonths: 36.5, noticeMonths: 0, consultationFullDays: undefined, colour: 'red', paymentLatenessDays: { contract: -1, grant: '10', extra: 1 } };
    expect(errorsOf(validateCompactProfile(input))).toEqual([
      { field: 'colour', reason: 'is not a Compact profile setting' },
      { field: 'multiYearMinimumMonths', reason: 'must be a whole number of months from 1 to 120' },
      { field: 'noticeMonths', reason: 'must be a whole number of months from 1 to 24' },
      { field: 'consultationFullDays', reason: 'is required' },
      { field: 'paymentLatenessDays.extra', reason: 'is not a Compact profile setting' },
      { field: 'paymentLatenessDays.contract', reason: 'must be a whole number of days from 0 to 365' },
      { field: 'paymentLatenessDays.grant', reason: 'must be a whole number of days from 0 to 365' },
    ]);
  });
  it('keeps the consultation minimum at or below the full period', () => {
    expect(errorsOf(validateCompactProfile({ ...json(), consultationMinimumDays: 85 }))).toEqual([
      { field: 'consultationMinimumDays', reason: 'must not exceed consultationFullDays (84)' },
    ]);
  });
  it('needs increasing band limits in whole pence and caps that do not fall as awards grow', () => {
    const bands = (...b: unknown[]) => errorsOf(validateCompactProfile({ ...json(), monitoringBands: b }));
    expect(bands({ underPence: '10000000', maxReportsPerYear: 1 }, { underPence: '1000000', maxReportsPerYear: 2 })).toEqual([
      { field: 'monitoringBands[1].underPence', reason: "must be greater than the previous band's limit (10000000 pence)" },
    ]);
    expect(bands({ underPence: '1000000', maxReportsPerYear: 2 }, { underPence: '10000000', maxReportsPerYear: 1 })).toEqual([
      { field: 'monitoringBands[1].maxReportsPerYear', reason: "must be at least the previous band's cap (2): larger awards may not be monitored less than smaller ones" },
    ]);
    expect(bands({ underPence: '10000.50', maxReportsPerYear: 13 }, 'x')).toEqual([
      { field: 'monitoringBands[0].underPence', reason: 'must be a positive whole number of pence, e.g. "1000000" for £10,000' },
      { field: 'monitoringBands[0].maxReportsPerYear', reason: 'must be a whole number of reports a year from 1 to 12' },
      { field: 'monitoringBands[1]', reason: 'must be an object {underPence, maxReportsPerYear}' },
    ]);
    expect(errorsOf(validateCompactProfile({ ...json(), monitoringMaxReportsPerYear: 1 }))).toEqual([
      { field: 'monitoringMaxReportsPerYear', reason: "must be at least the last band's cap (2): larger awards may not be monitored less than smaller ones" },
    ]);
    expect(errorsOf(validateCompactProfile({ ...json(), monitoringBands: 'none' }))).toEqual([
      { field: 'monitoringBands', reason: 'must be a list of at most 10 bands {underPence, maxReportsPerYear}' },
    ]);
  });
});
