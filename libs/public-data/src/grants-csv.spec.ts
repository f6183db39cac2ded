import { toGrant, type PublishableAward } from '@app/open-data';
import { csvCell, grantsCsv, publicCsvColumns } from './grants-csv.js';

const settings = { idPrefix: '360G-test', dataSource: 'https://example.org/', asOf: '2025-06-30' };
const award = (over: Partial<PublishableAward> = {}): PublishableAward => ({
  id: '7f1c9a52-3b8e-4d21-9f6a-0c2d8e4b7a15',
  externalId: null,
  kind: 'grant',
  title: 'Holiday play, "summer" 2025',
  description: 'Free play sessions',
  currency: 'GBP',
  amountAwardedPence: 1250050n,
  awardDate: '2025-03-14',
  plannedStartDate: '2025-04-01',
  plannedEndDate: '2026-03-31',
  programme: 'Children and families',
  updatedAt: new Date('2025-03-20T09:30:00.000Z'),
  funder: { orgId: 'GB-LAE-MIK', name: 'Milton Keynes City Council' },
  directorate: { code: 'CHF', name: 'Children and Families' },
  recipient: { id: 'b4e2d6f0-1a3c-4e5f-8a9b-2c7d1e0f3a46', type: 'charity', name: 'MK Play Association', charityNumber: '1101234', companyNumber: null, orgId: null, postcode: 'MK9 3XS' },
  ...over,
});

describe('public CSV', () => {
  it('names its columns with 360Giving titles, in the standard order', () => {
    const columns = publicCsvColumns();
    expect(columns.slice(0, 6)).toEqual(['Identifier', 'Title', 'Description', 'Currency', 'Amount Awarded', 'Award Date']);
    expect(columns).toEqual(expect.arrayContaining(['Recipient Org:Name', 'Recipient Org:Charity Number', 'Recipient Ind:Name', 'Funding Org:Department', 'Grant Programme:Title']));
  });

  it('writes one row per grant under the header, quoting where needed, with a BOM and CRLF', () => {
    const text = grantsCsv([toGrant(award(), settings)]);
    expect(text.startsWith('\uFEFFIdentifier,Title,Description,Currency,Amount Awarded,Award Date,')).toBe(true);
    const [header, row, end] = text.slice(1).split('\r\n');
    expect(end).toBe('');
    const cells = Object.fromEntries(header.split(',').map((t, i) => [t, i]));
    expect(row.startsWith('360G-test-7f1c9a52-3b8e-4d21-9f6a-0c2d8e4b7a15,"Holiday play, ""summer"" 2025",Free play sessions,GBP,12500.5,2025-03-14,')).toBe(true);
    expect(cells['Recipient Org:Name']).toBeGreaterThan(0);
    expect(row).toContain('GB-CHC-1101234,MK Play Association,1101234');
  });

  it('shows an individual as Individual Recipient with no name or postcode', () => {
    const text = grantsCsv([toGrant(award({ title: 'Cooker for Jane Doe', recipient: { ...award().recipient, type: 'individual', name: 'Jane Doe', charityNumber: null } }), settings)]);
    expect(text).toContain('Individual Recipient');
    expect(text).not.toContain('Jane Doe');
    expect(text).not.toContain('MK9 3XS');
  });

  it('defuses cells a spreadsheet would run as formulas, and leaves numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+44 1908')).toBe("'+44 1908");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell(undefined)).toBe('');
  });
});
