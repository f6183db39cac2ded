import { checkAward, DEFAULT_COMPACT_PROFILE, RULES, validateCompactProfile, worstStatus, type CompactProfile, type ComplianceAward, type Finding, type FindingStatus, type RuleId } from '@app/compliance';
import type { Snapshot } from '../shared/snapshot.js';
import type { AwardRow } from './funding-database.queries.js';

const pence = (v: string | null): bigint | null => (v === null ? null : BigInt(v));

/** The award as the Compact rules read it. */
export function toComplianceAward(r: AwardRow): ComplianceAward {
  const hasEnding = r.ending_notice_date !== null || r.ending_effective_date !== null || (r.ending_reason ?? '').trim() !== '';
  return {
    kind: r.kind,
    status: r.status,
    title: r.title,
    description: r.description,
    programme: r.programme,
    directorateId: r.directorate_id,
    amountAwardedPence: BigInt(r.amount_pence),
    awardDate: r.award_date,
    plannedStartDate: r.planned_start_date,
    plannedEndDate: r.planned_end_date,
    recipient: { name: r.recipient_name, type: r.recipient_type, charityNumber: r.charity_number, companyNumber: r.company_number },
    payments: r.payments.map(([dueDate, amount, paidDate]) => ({ dueDate, amountPence: BigInt(amount), paidDate })),
    costs: {
      directCostPence: pence(r.direct_cost_pence),
      overheadCostPence: pence(r.overhead_cost_pence),
      overheadFundedPence: pence(r.overhead_funded_pence),
    },
    reportingFrequency: r.reporting_frequency,
    ending: hasEnding ? { noticeDate: r.ending_notice_date, effectiveDate: r.ending_effective_date, reason: r.ending_reason } : null,
    justifications: {
      arrearsPayment: r.justification_arrears_payment,
      singleYear: r.justification_single_year,
      monitoring: r.justification_monitoring,
    },
  };
}

export type AwardCompliance = {
  status: 'pass' | 'warn' | 'fail';
  warnings: number;
  failures: number;
  /** The warn and fail findings, in rule order: what the Compliance sheet lists. */
  toReview: Finding[];
};

/**
 * The Compact findings of one award (DOMAIN.md 1), summarised for its row: the findings stored
 * with the award when there are some, else checked here against the installation's profile.
 */
export function assessAward(r: AwardRow, profile: CompactProfile): AwardCompliance {
  const findings = storedFindings(r.stored_findings) ?? checkAward(toComplianceAward(r), profile);
  const toReview = findings.filter((f) => f.status === 'warn' || f.status === 'fail');
  return {
    status: worstStatus(findings),
    warnings: toReview.filter((f) => f.status === 'warn').length,
    failures: toReview.filter((f) => f.status === 'fail').length,
    toReview,
  };
}

type StoredFinding = { rule: RuleId; status: FindingStatus; message: string };

/** The stored findings, with each rule's source wording; null when there are none (or they cannot be read). */
function storedFindings(json: string | null): Finding[] | null {
  if (json === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  const readable = (f: unknown): f is StoredFinding =>
    typeof f === 'object' && f !== null && typeof (f as StoredFinding).rule === 'string' && typeof (f as StoredFinding).status === 'string' && typeof (f as StoredFinding).message === 'string';
  if (!Array.isArray(parsed) || !parsed.every(readable)) return null;
  return parsed.map((f) => ({ rule: f.rule, status: f.status, message: f.message, source: RULES[f.rule]?.source ?? '' }));
}

export type ComplianceSource = {
  /** The table holding each award's stored findings (JSON text in `findings`), or null to check them here. */
  findingsTable: string | null;
  profile: CompactProfile;
};

/** Where @app/compliance keeps findings, newest layout first: a table with subject_type, subject_id and findings. */
const FINDINGS_TABLES = ['compliance_findings', 'compliance_results'];

/**
 * Where the workbook's compliance comes from: the findings @app/compliance stores with each award
 * when its tables exist (found by their columns, so a change of layout there falls back to checking
 * here rather than failing the export), and the installation's Compact profile (the defaults of
 * DOMAIN.md when none is stored) for awards not checked yet.
 */
export async function complianceSource(snapshot: Snapshot): Promise<ComplianceSource> {
  const tables = await snapshot.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ANY($1::text[]) AND column_name IN ('subject_type', 'subject_id', 'findings')
      GROUP BY table_name HAVING count(*) = 3`,
    [FINDINGS_TABLES],
  );
  const findingsTable = FINDINGS_TABLES.find((t) => tables.some((r) => r.table_name === t)) ?? null;
  let profile: CompactProfile = DEFAULT_COMPACT_PROFILE;
  const [{ present }] = await snapshot.query<{ present: boolean }>(`SELECT to_regclass('public.compact_profile') IS NOT NULL AS present`);
  if (present) {
    const [row] = await snapshot.query<{ settings: unknown }>('SELECT settings FROM compact_profile WHERE id = 1');
    const checked = row ? validateCompactProfile(row.settings) : null;
    if (checked && 'profile' in checked) profile = checked.profile;
  }
  return { findingsTable, profile };
}
