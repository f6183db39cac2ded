export type { AwardKind, PublishableAward, PublishSettings, RecipientType } from './publishable-award.js';
export { publishableAwardColumns, toPublishableAward, type PublishableAwardRow } from './publishable-award-row.js';
export type {
  Classification360,
  PublishedGrant,
  Location360,
  Organisation360,
  Package360,
  PackageMetadata,
  PlannedDates360,
  ToIndividualsDetails360,
} from './grant.types.js';
export { toGrant, durationMonths, INDIVIDUAL_RECIPIENT_NAME } from './to-grant.js';
export { toPackage, packageJsonChunks, funderFileStem } from './package.js';
export {
  GRANT_TO_INDIVIDUALS_PURPOSES,
  GRANT_TO_INDIVIDUALS_REASONS,
  type GrantToIndividualsPurpose,
  type GrantToIndividualsReason,
} from './individuals-codelists.js';
export { looksLikeEmail, redactEmails } from './email-text.js';
export { formatPostcode, postcodeDistrict } from './postcodes.js';
export { ORG_ID_LIST_CODES } from './org-id-prefixes.js';
export { defaultOrgIdPrefixes, hasRecognisedPrefix } from './quality/recognised-prefixes.js';
export {
  QUALITY_CHECKS,
  type LooseGrant,
  type QualityCheckName,
  type QualityCheckSpec,
  type QualitySeverity,
} from './quality/quality-checks.js';
export { QualityAccumulator, checkQuality, type QualityFinding, type QualityOptions } from './quality/quality-accumulator.js';
