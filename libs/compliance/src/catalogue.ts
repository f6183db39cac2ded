/**
 * The Compact rules of DOMAIN.md section 1, each with the commitment in plain English and the
 * wording of its source, so the console can show the source beside every finding.
 */
export const AWARD_RULE_IDS = ['FCR-1', 'FCR-2', 'ADV-1', 'MY-1', 'END-1', 'END-2', 'MON-1', 'PAY-1', 'PUB-1'] as const;
export const CONSULTATION_RULE_IDS = ['CON-1'] as const;
export const RULE_IDS = [...AWARD_RULE_IDS, ...CONSULTATION_RULE_IDS] as const;

export type AwardRuleId = (typeof AWARD_RULE_IDS)[number];
export type ConsultationRuleId = (typeof CONSULTATION_RULE_IDS)[number];
export type RuleId = AwardRuleId | ConsultationRuleId;

export type FindingStatus = 'pass' | 'warn' | 'fail' | 'not_applicable';
export type Finding = { rule: RuleId; status: FindingStatus; message: string; source: string };

export type RuleInfo = {
  id: RuleId;
  title: string;
  /** What the funder commits to, in plain English. */
  commitment: string;
  /** The source's wording or clause, as in DOMAIN.md. */
  source: string;
  /** The status when the commitment is missed (CON-1: warn below 12 weeks, fail below the local minimum). */
  severity: 'warn' | 'fail' | 'warn/fail';
};

const FULL_COST_SOURCE =
  'Local Compact funding code (full cost recovery); HM Treasury 2006 Improving financial relationships with the third sector ch. 5';
const ENDING_SOURCE =
  "Compact 2009 13.3 (at least three months' written notice with rationale); Best Value Statutory Guidance 2011 (grants and fixed-term contracts)";

export const RULES: Readonly<Record<RuleId, RuleInfo>> = Object.freeze({
  'FCR-1': {
    id: 'FCR-1',
    title: 'Overhead cost recorded',
    commitment: 'Grants and contracts pay a fair share of the organisation\'s overheads, so the overhead cost of the work must be known.',
    source: FULL_COST_SOURCE,
    severity: 'warn',
  },
  'FCR-2': {
    id: 'FCR-2',
    title: 'Overheads funded in full',
    commitment: 'The funder pays the full overhead share of the work it funds (full cost recovery).',
    source: `${FULL_COST_SOURCE}; ACEVO/NPC Full Cost Recovery toolkit 2004`,
    severity: 'warn',
  },
  'ADV-1': {
    id: 'ADV-1',
    title: 'Payment in advance',
    commitment: 'Pay in advance where there is a clear need and it is value for money; paying in arrears needs a recorded reason.',
    source: 'Compact funding code: pay in advance where there is a clear need and it is value for money; HMT 2006 ch. 4',
    severity: 'warn',
  },
  'MY-1': {
    id: 'MY-1',
    title: 'Multi-year funding',
    commitment: 'Fund for several years where appropriate; a shorter period needs a recorded reason.',
    source: 'Compact: multi-year funding where appropriate; MK commissioned services on three to five years',
    severity: 'warn',
  },
  'END-1': {
    id: 'END-1',
    title: 'Notice of ending',
    commitment: 'Give at least three calendar months\' written notice before funding ends.',
    source: ENDING_SOURCE,
    severity: 'fail',
  },
  'END-2': {
    id: 'END-2',
    title: 'Reason for ending',
    commitment: 'Give the reason in writing when funding ends.',
    source: ENDING_SOURCE,
    severity: 'warn',
  },
  'MON-1': {
    id: 'MON-1',
    title: 'Proportionate monitoring',
    commitment: 'Ask for no more reports than the size of the award warrants; more needs a recorded reason.',
    source: 'Compact: proportionate monitoring; HMT 2006 ch. 6; MK review "proportionate reporting protocol"',
    severity: 'warn',
  },
  'PAY-1': {
    id: 'PAY-1',
    title: 'Prompt payment',
    commitment: 'Pay contracts within 30 days and grants within 10 days (by default) of the payment falling due.',
    source: 'Public Contracts Regulations 2015 reg. 113; Compact 2009 (invoices within 10 days)',
    severity: 'warn',
  },
  'PUB-1': {
    id: 'PUB-1',
    title: 'Transparency Code fields',
    commitment: 'A published grant shows its award date, period, directorate, recipient, registration number, purpose and amount.',
    source: 'Local Government Transparency Code 2015',
    severity: 'warn',
  },
  'CON-1': {
    id: 'CON-1',
    title: 'Consultation period',
    commitment: 'Consult the sector for 12 weeks; a shorter consultation needs a rationale, and never less than the local minimum.',
    source: 'National Compact 2010 2.4; Kent Partners Compact',
    severity: 'warn/fail',
  },
});

export function finding(rule: RuleId, status: FindingStatus, message: string): Finding {
  return { rule, status, message, source: RULES[rule].source };
}
