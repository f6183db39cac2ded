import type { SheetColumn } from '../shared/xlsx.js';

/** The columns of each sheet of funding-database.xlsx (CONTRACT.md outputs), in order. */
export const AWARD_COLUMNS: SheetColumn[] = [
  { header: 'Award ID', width: 38 },
  { header: 'Reference', width: 18 },
  { header: 'Funder', width: 32 },
  { header: 'Funder org-id', width: 14 },
  { header: 'Directorate', width: 28 },
  { header: 'Directorate code', width: 10 },
  { header: 'Recipient', width: 40 },
  { header: 'Recipient type', width: 16 },
  { header: 'Charity number', width: 12 },
  { header: 'Company number', width: 12 },
  { header: 'Recipient org-id', width: 18 },
  { header: 'Postcode', width: 10 },
  { header: 'Kind', width: 10 },
  { header: 'Title', width: 40 },
  { header: 'Programme', width: 26 },
  { header: 'Amount awarded', width: 16, kind: 'money' },
  { header: 'Paid to date', width: 16, kind: 'money' },
  { header: 'Award date', width: 12, kind: 'date' },
  { header: 'Planned start', width: 12, kind: 'date' },
  { header: 'Planned end', width: 12, kind: 'date' },
  { header: 'Status', width: 11 },
  { header: 'Published on', width: 12, kind: 'date' },
  { header: 'Ending notice date', width: 12, kind: 'date' },
  { header: 'Ending effective date', width: 12, kind: 'date' },
  { header: 'Compliance status', width: 12 },
  { header: 'Warnings', width: 10, kind: 'integer' },
  { header: 'Failures', width: 10, kind: 'integer' },
  { header: 'Rules to review', width: 30 },
];

export const ORGANISATION_COLUMNS: SheetColumn[] = [
  { header: 'Organisation ID', width: 38 },
  { header: 'Organisation', width: 40 },
  { header: 'Type', width: 16 },
  { header: 'Charity number', width: 12 },
  { header: 'Company number', width: 12 },
  { header: 'Org-id', width: 18 },
  { header: 'Postcode', width: 10 },
  { header: 'Awards', width: 9, kind: 'integer' },
  { header: 'Total funding', width: 16, kind: 'money' },
  { header: 'Number of directorates', width: 12, kind: 'integer' },
  { header: 'Number of funders', width: 10, kind: 'integer' },
  { header: 'Directorates', width: 50 },
  { header: 'First award date', width: 12, kind: 'date' },
  { header: 'Last award date', width: 12, kind: 'date' },
];

export const CROSS_DIRECTORATE_COLUMNS: SheetColumn[] = [
  { header: 'Organisation ID', width: 38 },
  { header: 'Organisation', width: 40 },
  { header: 'Also recorded as', width: 40 },
  { header: 'Organisation records', width: 10, kind: 'integer' },
  { header: 'Charity number', width: 12 },
  { header: 'Company number', width: 12 },
  { header: 'Postcode', width: 10 },
  { header: 'Number of directorates', width: 12, kind: 'integer' },
  { header: 'Directorates', width: 50 },
  { header: 'Funders', width: 40 },
  { header: 'Overlapping awards', width: 10, kind: 'integer' },
  { header: 'Total of overlapping awards', width: 18, kind: 'money' },
  { header: 'Overlap from', width: 12, kind: 'date' },
  { header: 'Overlap to', width: 12, kind: 'date' },
  { header: 'Shared programme', width: 10 },
  { header: 'Programmes', width: 40 },
];
/** The review columns of @app/duplicates' flags, when its tables exist. */
export const FLAG_COLUMNS: SheetColumn[] = [
  { header: 'Flag ID', width: 38 },
  { header: 'Flag severity', width: 10 },
  { header: 'Flag status', width: 10 },
  { header: 'Review note', width: 50 },
];

/** One row per warn or fail finding; the award's other details are on its Awards row (same Award ID). */
export const COMPLIANCE_COLUMNS: SheetColumn[] = [
  { header: 'Award ID', width: 38 },
  { header: 'Directorate', width: 28 },
  { header: 'Recipient', width: 40 },
  { header: 'Rule', width: 8 },
  { header: 'Rule title', width: 28 },
  { header: 'Status', width: 8 },
  { header: 'Message', width: 100 },
];

export const BY_DIRECTORATE_COLUMNS: SheetColumn[] = [
  { header: 'Funder', width: 32 },
  { header: 'Directorate code', width: 10 },
  { header: 'Directorate', width: 30 },
  { header: 'Kind', width: 10 },
  { header: 'Awards', width: 9, kind: 'integer' },
  { header: 'Recipients', width: 10, kind: 'integer' },
  { header: 'Total awarded', width: 18, kind: 'money' },
  { header: 'Paid to date', width: 18, kind: 'money' },
];
