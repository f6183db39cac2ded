/**
 * The Compact profile: the thresholds DOMAIN.md section 1 marks *default*. They are ours, not
 * a source's, so an installation's admin may change them (one profile per installation).
 */

/** Awards of less than `underPence` may be asked for at most `maxReportsPerYear` reports. */
export type MonitoringBand = { underPence: bigint; maxReportsPerYear: number };

export type CompactProfile = {
  /** MY-1: a funding period shorter than this needs a recorded justification. */
  multiYearMinimumMonths: number;
  /** END-1: calendar months of written notice before an ending takes effect. */
  noticeMonths: number;
  /** CON-1: a consultation this long or longer passes (12 weeks). */
  consultationFullDays: number;
  /** CON-1: a consultation shorter than this fails whatever the rationale (8 weeks). */
  consultationMinimumDays: number;
  /** MON-1: bands in increasing order of `underPence`; the first band the amount is under applies. */
  monitoringBands: MonitoringBand[];
  /** MON-1: the cap for awards at or above the last band's limit. */
  monitoringMaxReportsPerYear: number;
  /** PAY-1: days after the due date within which a payment must be made. */
  paymentLatenessDays: { contract: number; grant: number };
};

export const DEFAULT_COMPACT_PROFILE: Readonly<CompactProfile> = Object.freeze({
  multiYearMinimumMonths: 36,
  noticeMonths: 3,
  consultationFullDays: 84,
  consultationMinimumDays: 56,
  monitoringBands: Object.freeze([
    Object.freeze({ underPence: 1_000_000n, maxReportsPerYear: 1 }), // under £10,000
    Object.freeze({ underPence: 10_000_000n, maxReportsPerYear: 2 }), // under £100,000
  ]) as MonitoringBand[],
  monitoringMaxReportsPerYear: 4,
  paymentLatenessDays: Object.freeze({ contract: 30, grant: 10 }),
});

/** The profile as JSON can carry it (pence as a string of digits), e.g. for a jsonb column or an API body. */
export type CompactProfileJson = Omit<CompactProfile, 'monitoringBands'> & {
  monitoringBands: { underPence: string; maxReportsPerYear: number }[];
};

export function compactProfileToJson(profile: CompactProfile): CompactProfileJson {
  return {
    ...profile,
    monitoringBands: profile.monitoringBands.map((b) => ({ underPence: b.underPence.toString(), maxReportsPerYear: b.maxReportsPerYear })),
    paymentLatenessDays: { ...profile.paymentLatenessDays },
  };
}

export type ProfileError = { field: string; reason: string };
export type ProfileValidation = { profile: CompactProfile } | { errors: ProfileError[] };

const MAX_BANDS = 10;
const MAX_REPORTS_PER_YEAR = 12;

type Range = { min: number; max: number; unit: string };
const RANGES = {
  multiYearMinimumMonths: { min: 1, max: 120, unit: 'months' },
  noticeMonths: { min: 1, max: 24, unit: 'months' },
  consultationFullDays: { min: 1, max: 365, unit: 'days' },
  consultationMinimumDays: { min: 1, max: 365, unit: 'days' },
  reportsPerYear: { min: 1, max: MAX_REPORTS_PER_YEAR, unit: 'reports a year' },
  latenessDays: { min: 0, max: 365, unit: 'days' },
} satisfies Record<string, Range>;

const TOP_LEVEL_FIELDS = [
  'multiYearMinimumMonths', 'noticeMonths', 'consultationFullDays', 'consultationMinimumDays',
  'monitoringBands', 'monitoringMaxReportsPerYear', 'paymentLatenessDays',
];

/**
 * Checks a whole profile as an admin sends it (JSON: band limits in pence as a string of digits,
 * a safe integer or a bigint). Every problem is reported, each with the field path and the reason.
 */
export function validateCompactProfile(input: unknown): ProfileValidation {
  const errors: ProfileError[] = [];
  if (!isRecord(input)) return { errors: [{ field: 'profile', reason: 'must be an object' }] };
  rejectUnknownFields(input, TOP_LEVEL_FIELDS, '', errors);

  const multiYearMinimumMonths = readInteger(input, 'multiYearMinimumMonths', RANGES.multiYearMinimumMonths, errors);
  const noticeMonths = readInteger(input, 'noticeMonths', RANGES.noticeMonths, errors);
  const consultationFullDays = readInteger(input, 'consultationFullDays', RANGES.consultationFullDays, errors);
  const consultationMinimumDays = readInteger(input, 'consultationMinimumDays', RANGES.consultationMinimumDays, errors);
  if (consultationFullDays !== undefined && consultationMinimumDays !== undefined && consultationMinimumDays > consultationFullDays) {
    errors.push({ field: 'consultationMinimumDays', reason: `must not exceed consultationFullDays (${consultationFullDays})` });
  }

  const monitoringBands = readBands(input.monitoringBands, errors);
  const monitoringMaxReportsPerYear = readInteger(input, 'monitoringMaxReportsPerYear', RANGES.reportsPerYear, errors);
  const lastCap = monitoringBands?.at(-1)?.maxReportsPerYear;
  if (lastCap !== undefined && monitoringMaxReportsPerYear !== undefined && monitoringMaxReportsPerYear < lastCap) {
    errors.push({ field: 'monitoringMaxReportsPerYear', reason: `must be at least the last band's cap (${lastCap}): larger awards may not be monitored less than smaller ones` });
  }

  const paymentLatenessDays = readLateness(input.paymentLatenessDays, errors);

  if (errors.length > 0) return { errors };
  return {
    profile: {
      multiYearMinimumMonths: multiYearMinimumMonths!,
      noticeMonths: noticeMonths!,
      consultationFullDays: consultationFullDays!,
      consultationMinimumDays: consultationMinimumDays!,
      monitoringBands: monitoringBands!,
      monitoringMaxReportsPerYear: monitoringMaxReportsPerYear!,
      paymentLatenessDays: paymentLatenessDays!,
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknownFields(obj: Record<string, unknown>, known: string[], prefix: string, errors: ProfileError[]): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) errors.push({ field: `${prefix}${key}`, reason: 'is not a Compact profile setting' });
  }
}

function readInteger(obj: Record<string, unknown>, key: string, range: Range, errors: ProfileError[], prefix = ''): number | undefined {
  const value = obj[key];
  const field = `${prefix}${key}`;
  if (value === undefined || value === null) {
    errors.push({ field, reason: 'is required' });
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
    errors.push({ field, reason: `must be a whole number of ${range.unit} from ${range.min} to ${range.max}` });
    return undefined;
  }
  return value;
}

/** Pence as a bigint, a safe integer or a string of digits; must be positive. */
function readPence(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value > 0n ? value : undefined;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? BigInt(value) : undefined;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return BigInt(value) > 0n ? BigInt(value) : undefined;
  return undefined;
}

function readBands(value: unknown, errors: ProfileError[]): MonitoringBand[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_BANDS) {
    errors.push({ field: 'monitoringBands', reason: `must be a list of at most ${MAX_BANDS} bands {underPence, maxReportsPerYear}` });
    return undefined;
  }
  const before = errors.length;
  const bands: MonitoringBand[] = [];
  value.forEach((raw, i) => {
    const band = readBand(raw, `monitoringBands[${i}].`, errors);
    if (band) bands.push(band);
  });
  if (errors.length > before) return undefined;
  for (let i = 1; i < bands.length; i++) {
    if (bands[i].underPence <= bands[i - 1].underPence) {
      errors.push({ field: `monitoringBands[${i}].underPence`, reason: `must be greater than the previous band's limit (${bands[i - 1].underPence} pence)` });
    }
    if (bands[i].maxReportsPerYear < bands[i - 1].maxReportsPerYear) {
      errors.push({ field: `monitoringBands[${i}].maxReportsPerYear`, reason: `must be at least the previous band's cap (${bands[i - 1].maxReportsPerYear}): larger awards may not be monitored less than smaller ones` });
    }
  }
  return errors.length > before ? undefined : bands;
}

function readBand(raw: unknown, prefix: string, errors: ProfileError[]): MonitoringBand | undefined {
  if (!isRecord(raw)) {
    errors.push({ field: prefix.slice(0, -1), reason: 'must be an object {underPence, maxReportsPerYear}' });
    return undefined;
  }
  rejectUnknownFields(raw, ['underPence', 'maxReportsPerYear'], prefix, errors);
  const underPence = readPence(raw.underPence);
  if (underPence === undefined) errors.push({ field: `${prefix}underPence`, reason: 'must be a positive whole number of pence, e.g. "1000000" for £10,000' });
  const maxReportsPerYear = readInteger(raw, 'maxReportsPerYear', RANGES.reportsPerYear, errors, prefix);
  return underPence !== undefined && maxReportsPerYear !== undefined ? { underPence, maxReportsPerYear } : undefined;
}

function readLateness(value: unknown, errors: ProfileError[]): CompactProfile['paymentLatenessDays'] | undefined {
  if (!isRecord(value)) {
    errors.push({ field: 'paymentLatenessDays', reason: 'must be an object {contract, grant}' });
    return undefined;
  }
  rejectUnknownFields(value, ['contract', 'grant'], 'paymentLatenessDays.', errors);
  const contract = readInteger(value, 'contract', RANGES.latenessDays, errors, 'paymentLatenessDays.');
  const grant = readInteger(value, 'grant', RANGES.latenessDays, errors, 'paymentLatenessDays.');
  return contract !== undefined && grant !== undefined ? { contract, grant } : undefined;
}
