export { ExportsModule } from './exports.module.js';
export { FundingDatabaseJob, FUNDING_DATABASE_FILE } from './funding-database/funding-database.job.js';
export { SroiSummaryJob, SROI_JSON_FILE, SROI_XLSX_FILE } from './sroi-summary/sroi-summary.job.js';
export { OpenDataJob, mergeFindings, type FunderPublication } from './open-data/open-data.job.js';
export { GRANT_CSV_COLUMNS } from './open-data/grant-csv.js';
export { resolveScope, type AwardScope, type ScopeDescription } from './shared/award-scope.js';
export { withSnapshot, Snapshot } from './shared/snapshot.js';
// What funding-database.xlsx holds (its columns, queries and labels), for the benchmark's bare-exceljs baseline.
export * from './funding-database/funding-database.sheets.js';
export { awardsSql, BY_DIRECTORATE_SQL, crossDirectorateSql, DUPLICATE_TABLES_SQL, ORGANISATIONS_SQL } from './funding-database/funding-database.queries.js';
export { FINDING_LABEL, FLAG_LABEL, KIND_LABEL, RECIPIENT_TYPE_LABEL, STATUS_LABEL } from './shared/labels.js';
export { DATE_FORMAT, POUNDS_FORMAT, type SheetColumn } from './shared/xlsx.js';
