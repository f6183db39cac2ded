import { flattenGrant, GRANT_COLUMNS, type GrantColumn } from '@app/giving360';
import type { PublishedGrant } from '@app/open-data';
import { csvLine } from '../shared/text-output.js';

/**
 * The 360Giving columns our grants can carry (what toGrant writes), in the standard's order. A
 * streamed file cannot learn its columns from its rows, so they are fixed here.
 */
const PATHS = [
  'id', 'title', 'description', 'currency', 'amountAwarded', 'awardDate',
  'plannedDates[0].startDate', 'plannedDates[0].endDate', 'plannedDates[0].duration',
  'recipientIndividual.id', 'recipientIndividual.name',
  'toIndividualsDetails.primaryGrantReason', 'toIndividualsDetails.secondaryGrantReason', 'toIndividualsDetails.grantPurpose',
  'recipientOrganization[0].id', 'recipientOrganization[0].name', 'recipientOrganization[0].charityNumber',
  'recipientOrganization[0].companyNumber', 'recipientOrganization[0].postalCode',
  'beneficiaryLocation[0].name', 'beneficiaryLocation[0].countryCode',
  'fundingOrganization[0].id', 'fundingOrganization[0].name', 'fundingOrganization[0].department',
  'grantProgramme[0].title',
  'fundingType[0].vocabulary', 'fundingType[0].code', 'fundingType[0].title', 'fundingType[0].description',
  'dateModified', 'dataSource',
];

export const GRANT_CSV_COLUMNS: GrantColumn[] = (() => {
  const columns = GRANT_COLUMNS.filter((c) => PATHS.includes(c.path));
  const missing = PATHS.filter((p) => !columns.some((c) => c.path === p));
  if (missing.length) throw new Error(`360Giving columns not in the schema: ${missing.join(', ')}`);
  return columns;
})();

export const grantCsvHeader = (): string => csvLine(GRANT_CSV_COLUMNS.map((c) => c.title));

/** One grant as a CSV line under the 360Giving column titles. */
export function grantCsvLine(grant: PublishedGrant): string {
  const flat = flattenGrant(grant);
  return csvLine(GRANT_CSV_COLUMNS.map((c) => flat[c.title]));
}
