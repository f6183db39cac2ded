export { ExportsModule } from './exports.module.js';
export { FundingDatabaseJob, FUNDING_DATABASE_FILE } from './funding-database/funding-database.job.js';
export { SroiSummaryJob, SROI_JSON_FILE, SROI_XLSX_FILE } from './sroi-summary/sroi-summary.job.js';
export { OpenDataJob, mergeFindings, type FunderPublication } from './open-data/open-data.job.js';
export { GRANT_CSV_COLUMNS } from './open-data/grant-csv.js';
export { resolveScope, type AwardScope, type ScopeDescription } from './shared/award-scope.js';
export { withSnapshot, Snapshot } from './shared/snapshot.js';
