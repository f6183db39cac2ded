export {
  AWARD_RULE_IDS, CONSULTATION_RULE_IDS, RULE_IDS, RULES,
  type AwardRuleId, type ConsultationRuleId, type Finding, type FindingStatus, type RuleId, type RuleInfo,
} from './catalogue.js';
export * from './types.js';
export * from './profile.js';
export * from './rules.js';
export { checkAdvancePayment, checkOverheadFunded, checkOverheadRecorded, checkPromptPayment } from './funding-rules.js';
export { checkConsultationPeriod, checkEndingNotice, checkEndingReason, checkMultiYear, fundingPeriodLength, type MonthsAndDays } from './period-rules.js';
export { checkMonitoring, checkTransparencyFields, missingTransparencyFields, monitoringCap, REPORTS_PER_YEAR, type MonitoringCap } from './reporting-rules.js';
export * from './compliance.entities.js';
export { CountsDelta, OVERALL_RULE, StatusTally, type CountDelta, type CountedSubject } from './counts-delta.js';
export * from './compact-profile.store.js';
export * from './compact-profile.service.js';
export * from './compliance.recorder.js';
export * from './compliance.query.js';
export * from './consultations.service.js';
export * from './compliance-recheck.handler.js';
export * from './compliance.module.js';
export * from './dto/compliance.dto.js';
export { AwardComplianceHook } from './award-compliance.hook.js';
