import { createRowValidator, validateRow } from './validate-row.js';

const grant = (overrides: Record<string, unknown> = {}) => ({
  id: '360G-mk-ASC-2025-001',
  title: 'Lunch club',
  description: 'Weekly lunch club for older people',
  currency: 'GBP',
  amountAwarded: 12500.5,
  awardDate: '2025-03-14',
  plannedDates: [{ startDate: '2025-04-01', endDate: '2026-03-31' }],
  recipientOrganization: [{ id: 'GB-CHC-1234567', name: 'Age UK Milton Keynes' }],
  fundingOrganization: [{ id: 'GB-LAE-MIK', name: 'Milton Keynes City Council', department: 'Adult Social Care' }],
  ...overrides,
});
const csvTitles = { amountAwarded: 'Amount Awarded', awardDate: 'award date', 'plannedDates[0].endDate': 'Planned Dates:End Date' };

describe('validateRow', () => {
  it('accepts a complete grant', () => {
    expect(validateRow({ row: 0, grant: grant() })).toEqual([]);
  });

  it('refuses amounts of zero or less, and fractions of a penny', () => {
    expect(validateRow({ row: 1, grant: grant({ amountAwarded: 0 }) })).toEqual([{ row: 1, field: 'amountAwarded', value: 0, reason: 'must be more than 0' }]);
    expect(validateRow({ row: 2, grant: grant({ amountAwarded: -50 }) })).toEqual([{ row: 2, field: 'amountAwarded', value: -50, reason: 'must be more than 0' }]);
    expect(validateRow({ row: 3, grant: grant({ amountAwarded: 100.005 }), columnTitles: csvTitles })).toEqual([
      { row: 3, field: 'Amount Awarded', value: 100.005, reason: 'must be in pounds with at most 2 decimal places (whole pence)' },
    ]);
  });

  it('refuses dates that do not exist, which the schema pattern lets through', () => {
    expect(validateRow({ row: 4, grant: grant({ awardDate: '2025-09-31' }), columnTitles: csvTitles })).toEqual([
      { row: 4, field: 'award date', value: '2025-09-31', reason: 'is not a real date: September 2025 has 30 days' },
    ]);
    expect(validateRow({ row: 5, grant: grant({ awardDate: '2025-02-29' }) })).toEqual([
      { row: 5, field: 'awardDate', value: '2025-02-29', reason: 'is not a real date: February 2025 has 28 days' },
    ]);
    expect(validateRow({ row: 6, grant: grant({ awardDate: '2024-02-29T10:00:00Z' }) })).toEqual([]);
  });

  it('refuses a planned end before the planned start, comparing partial dates by their whole period', () => {
    expect(validateRow({ row: 7, grant: grant({ plannedDates: [{ startDate: '2025-04-01', endDate: '2025-03-31' }] }), columnTitles: csvTitles })).toEqual([
      { row: 7, field: 'Planned Dates:End Date', value: '2025-03-31', reason: 'must be on or after the planned start date 2025-04-01' },
    ]);
    expect(validateRow({ row: 8, grant: grant({ plannedDates: [{ startDate: '2025-04-01', endDate: '2025-04' }] }) })).toEqual([]);
    expect(validateRow({ row: 9, grant: grant({ plannedDates: [{ startDate: '2025-04-01', endDate: '2025-04-01' }] }) })).toEqual([]);
  });

  it('refuses other currencies, blank names and line breaks in ids', () => {
    expect(validateRow({ row: 10, grant: grant({ currency: 'USD', title: '  ', id: '360G-mk-\n1' }) })).toEqual([
      { row: 10, field: 'currency', value: 'USD', reason: 'must be GBP: awards are recorded in pounds sterling' },
      { row: 10, field: 'title', value: '  ', reason: 'is required (it is blank)' },
      { row: 10, field: 'id', value: '360G-mk-\n1', reason: 'must not contain a line break: remove it (in Excel, look for Alt+Enter in the cell)' },
    ]);
  });

  it('reports each field once, the schema’s reason first', () => {
    expect(validateRow({ row: 11, grant: grant({ amountAwarded: '£12,500', awardDate: '14/03/2025' }) })).toEqual([
      { row: 11, field: 'amountAwarded', value: '£12,500', reason: 'must be a number' },
      { row: 11, field: 'awardDate', value: '14/03/2025', reason: 'must be a date YYYY-MM-DD (write 14/03/2025 as 2025-03-14)' },
    ]);
  });

  it('accepts a grant to an individual without a postcode, and refuses one with', () => {
    const { recipientOrganization: _, ...base } = grant();
    const individual = { ...base, recipientIndividual: { id: '360G-mk-IND-1', name: 'Individual Recipient' } };
    expect(validateRow({ row: 12, grant: { ...individual, beneficiaryLocation: [{ geoCode: 'E06000042' }] } })).toEqual([]);
    expect(validateRow({ row: 13, grant: { ...individual, beneficiaryLocation: [{ geoCode: 'MK9 3EJ' }] } })).toEqual([
      {
        row: 13,
        field: 'beneficiaryLocation[0].geoCode',
        value: 'MK9 3EJ',
        reason: 'looks like a postcode: a grant to an individual must not show where they live; give a ward or local authority code instead',
      },
    ]);
  });

  it('names a grant that is not an object', () => {
    expect(validateRow({ row: 14, grant: 'just text' as unknown as Record<string, unknown> })).toEqual([
      { row: 14, field: 'grant', value: 'just text', reason: 'must be a group of fields (an object)' },
    ]);
  });
});

describe('createRowValidator', () => {
  it('refuses an id already used earlier in the file, naming the earlier row', () => {
    const validate = createRowValidator();
    expect(validate({ row: 2, grant: grant(), columnTitles: { id: 'Identifier' } })).toEqual([]);
    expect(validate({ row: 3, grant: grant({ id: '360G-mk-ASC-2025-002' }), columnTitles: { id: 'Identifier' } })).toEqual([]);
    expect(validate({ row: 7, grant: grant(), columnTitles: { id: 'Identifier' } })).toEqual([
      { row: 7, field: 'Identifier', value: '360G-mk-ASC-2025-001', reason: 'is the same as on row 2: each grant needs its own id' },
    ]);
  });
});
