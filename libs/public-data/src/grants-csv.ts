import { flattenGrant, GRANT_COLUMNS, type FlatValue } from '@app/giving360';
import { GRANT_TO_INDIVIDUALS_PURPOSES, GRANT_TO_INDIVIDUALS_REASONS, toGrant, type PublishableAward, type PublishedGrant } from '@app/open-data';

/**
 * Awards with every field our grants can carry (an organisation with all its identifiers, a person
 * with every toIndividualsDetails field, a contract): flattened, they name the columns that
 * toGrant can fill, so every CSV file has the same header whatever rows it holds.
 */
function fullSamples(): PublishableAward[] {
  const organisation: PublishableAward = {
    id: '00000000-0000-4000-8000-000000000001',
    externalId: null,
    kind: 'contract',
    title: 'Sample',
    description: 'Sample description',
    currency: 'GBP',
    amountAwardedPence: 100n,
    awardDate: '2025-04-01',
    plannedStartDate: '2025-04-01',
    plannedEndDate: '2026-03-31',
    programme: 'Sample programme',
    updatedAt: new Date(0),
    funder: { orgId: 'GB-LAE-XXX', name: 'Funder' },
    directorate: { code: 'D', name: 'Directorate' },
    recipient: { id: '00000000-0000-4000-8000-000000000002', type: 'charity', name: 'Recipient', charityNumber: '1234567', companyNumber: '01234568', orgId: 'GB-CHC-1234567', postcode: 'MK9 3XS' },
  };
  const individual: PublishableAward = {
    ...organisation,
    kind: 'grant',
    recipient: { ...organisation.recipient, type: 'individual', charityNumber: null, companyNumber: null, orgId: null },
    toIndividuals: {
      primaryGrantReason: GRANT_TO_INDIVIDUALS_REASONS[0],
      secondaryGrantReason: GRANT_TO_INDIVIDUALS_REASONS[1],
      grantPurpose: [GRANT_TO_INDIVIDUALS_PURPOSES[0]],
    },
  };
  return [organisation, individual];
}

let cachedColumns: string[] | null = null;

/** The 360Giving column titles of the public CSV, in the standard's order. */
export function publicCsvColumns(): string[] {
  if (!cachedColumns) {
    const settings = { idPrefix: '360G-sample', dataSource: 'https://example.org/', asOf: '2025-04-01' };
    const present = new Set(fullSamples().flatMap((a) => Object.keys(flattenGrant(toGrant(a, settings)))));
    cachedColumns = GRANT_COLUMNS.map((c) => c.title).filter((t) => present.has(t));
  }
  return cachedColumns;
}

/**
 * Grants as a CSV file with 360Giving column titles (flattenGrant): UTF-8 with a byte-order mark so
 * spreadsheet programs read £ and accents correctly, CRLF line ends (RFC 4180). A column a grant
 * carries beyond the usual ones is added rather than dropped.
 */
export function grantsCsv(grants: PublishedGrant[]): string {
  const rows = grants.map((g) => flattenGrant(g));
  const usual = publicCsvColumns();
  const known = new Set(usual);
  const extra = new Set(rows.flatMap((r) => Object.keys(r)).filter((t) => !known.has(t)));
  const columns = extra.size ? GRANT_COLUMNS.map((c) => c.title).filter((t) => known.has(t) || extra.has(t)) : usual;
  const lines = [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting =, +, -, @, tab or CR) is
 * prefixed with an apostrophe (OWASP "CSV injection"); numbers are written as they are.
 */
export function csvCell(value: FlatValue | undefined): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
