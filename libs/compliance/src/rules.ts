/** Runs every Compact rule of DOMAIN.md section 1 over an award or a consultation. */
import { AWARD_RULE_IDS, type AwardRuleId, type Finding, type FindingStatus } from './catalogue.js';
import { checkAdvancePayment, checkOverheadFunded, checkOverheadRecorded, checkPromptPayment } from './funding-rules.js';
import { checkConsultationPeriod, checkEndingNotice, checkEndingReason, checkMultiYear } from './period-rules.js';
import type { CompactProfile } from './profile.js';
import { checkMonitoring, checkTransparencyFields } from './reporting-rules.js';
import type { CheckOptions, ComplianceAward, ComplianceConsultation } from './types.js';

export type AwardRule = (award: ComplianceAward, profile: CompactProfile, options: CheckOptions) => Finding;

/** One check per award rule, in the fixed order of AWARD_RULE_IDS. */
export const AWARD_RULES: Readonly<Record<AwardRuleId, AwardRule>> = Object.freeze({
  'FCR-1': checkOverheadRecorded,
  'FCR-2': checkOverheadFunded,
  'ADV-1': checkAdvancePayment,
  'MY-1': checkMultiYear,
  'END-1': checkEndingNotice,
  'END-2': checkEndingReason,
  'MON-1': checkMonitoring,
  'PAY-1': checkPromptPayment,
  'PUB-1': checkTransparencyFields,
});

/** The nine award findings, always in the order FCR-1, FCR-2, ADV-1, MY-1, END-1, END-2, MON-1, PAY-1, PUB-1. */
export function checkAward(award: ComplianceAward, profile: CompactProfile, options: CheckOptions = {}): Finding[] {
  return AWARD_RULE_IDS.map((id) => AWARD_RULES[id](award, profile, options));
}

export function checkConsultation(consultation: ComplianceConsultation, profile: CompactProfile): Finding[] {
  return [checkConsultationPeriod(consultation, profile)];
}

/** The worst status for a list view: fail over warn over pass; not_applicable is ignored (none left: pass). */
export function worstStatus(findings: readonly Pick<Finding, 'status'>[]): Exclude<FindingStatus, 'not_applicable'> {
  const statuses = new Set(findings.map((f) => f.status));
  return statuses.has('fail') ? 'fail' : statuses.has('warn') ? 'warn' : 'pass';
}
