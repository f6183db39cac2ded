import { givingDataPath } from '@app/giving360';
import { readAllRows } from './collect-rows.js';
import { ImportFileError } from './import-file-error.js';
import type { ReadOptions } from './read-grants.js';
import { createRowValidator, type RowError } from './validate-row.js';

/** Each real sample (../shared/data/360giving/samples, see SOURCES.md) read and validated as an import would. */
async function importSample(name: string, options?: ReadOptions) {
  const { report, rows } = await readAllRows({ filename: name, path: givingDataPath('samples', name) }, options);
  const validate = createRowValidator();
  const errors: RowError[] = rows.flatMap((row) => validate(row));
  return { report, rows, errors, rejectedRows: [...new Set(errors.map((e) => e.row))] };
}

async function failure(name: string, options?: ReadOptions) {
  try {
    await importSample(name, options);
    return null;
  } catch (e) {
    return e instanceof ImportFileError ? { problem: e.problem, message: e.message } : e;
  }
}

const REQUIRED_GROUPS = {
  recipient:
    'is required: fill in Recipient Org:Identifier and Recipient Org:Name (or Recipient Ind:Identifier and Recipient Ind:Name for a grant to an individual)',
  funder: 'is required: fill in Funding Org:Identifier and Funding Org:Name',
};

describe('valid 360Giving JSON samples', () => {
  it.each([
    ['grantnav-20180903134856.json', 5, '360G-EFF-16-3315', 116471],
    ['awefw001p00000zgyHZAAY.json', 154, '360G-ABCT-0065I000002yzGKQAY', 100000],
    ['a002400000nO46WAAS.json', 870, '360G-ptc-gr-01653', 3239.34],
    ['multiple_funder_names_org_ids.json', 2, '360G-sampletrust-105177/Z/14/Z', 10],
    ['duration_usefulness.json', 1, '360G-sampletrust-105177/Z/14/Z', 10],
    ['additional_fields.json', 1, '360G-sampletrust-105177/Z/14/Z', 10],
  ])('%s reads %i grants, the first %s for %d', async (name, count, firstId, firstAmount) => {
    const { report, rows } = await importSample(name);
    expect(report).toEqual({ format: 'json', encoding: 'utf-8', sheet: null, unknownColumns: [], rows: count });
    expect(rows).toHaveLength(count);
    expect(rows[0].row).toBe(0);
    expect(rows[0].grant.id).toBe(firstId);
    expect(rows[0].grant.amountAwarded).toBe(firstAmount);
  });

  it('accepts every grant of the schema-valid samples but those our own rules refuse', async () => {
    expect((await importSample('grantnav-20180903134856.json')).errors).toEqual([]);
    expect((await importSample('multiple_funder_names_org_ids.json')).errors).toEqual([]);
    expect((await importSample('duration_usefulness.json')).errors).toEqual([]);
    expect((await importSample('additional_fields.json')).errors).toEqual([]);
    expect((await importSample('awefw001p00000zgyHZAAY.json')).errors).toEqual([{ row: 86, field: 'amountAwarded', value: 0, reason: 'must be more than 0' }]);
    const powerToChange = await importSample('a002400000nO46WAAS.json');
    expect(powerToChange.rejectedRows).toEqual([109, 149, 337, 468, 620]);
    expect(powerToChange.errors[0]).toEqual({
      row: 109,
      field: 'plannedDates[0].endDate',
      value: '2000-12-31T00:00:00+00:00',
      reason: 'must be on or after the planned start date 2017-12-21',
    });
  });
});

describe('invalid 360Giving JSON samples', () => {
  it('badfile_all_validation_errors.json: one grant, every rule broken, named by JSON path', async () => {
    expect((await importSample('badfile_all_validation_errors.json')).errors).toEqual([
      { row: 0, field: 'description', value: null, reason: 'is required' },
      { row: 0, field: 'title', value: 9001, reason: 'must be text' },
      { row: 0, field: 'currency', value: 'bad currency', reason: 'must be a 3-letter currency code such as GBP' },
      { row: 0, field: 'amountAwarded', value: 'This should be a number', reason: 'must be a number' },
      { row: 0, field: 'awardDate', value: 'bad date', reason: 'must be a date YYYY-MM-DD' },
      { row: 0, field: 'url', value: 'This should be a uri', reason: 'must be a web address such as https://example.org/grants' },
      { row: 0, field: 'plannedDates', value: 'This should be an array', reason: 'must be a list' },
      { row: 0, field: 'actualDates[0]', value: 'This should be an object', reason: 'must be a group of fields (an object)' },
      { row: 0, field: 'recipientOrganization[0].id', value: null, reason: 'is required' },
      { row: 0, field: 'fundingOrganization', value: [], reason: REQUIRED_GROUPS.funder },
    ]);
  });

  it('fundingproviders-grants_fixed_2_grants.json: DD/MM/YYYY dates, a missing recipient id, repeated ids', async () => {
    const { errors, rejectedRows } = await importSample('fundingproviders-grants_fixed_2_grants.json');
    expect(rejectedRows).toEqual([0, 1, 2, 3]);
    expect(errors.filter((e) => e.row === 0)).toEqual([
      { row: 0, field: 'description', value: null, reason: 'is required' },
      { row: 0, field: 'awardDate', value: '24/07/2014', reason: 'must be a date YYYY-MM-DD (write 24/07/2014 as 2014-07-24)' },
      { row: 0, field: 'recipientOrganization[0].id', value: null, reason: 'is required' },
      { row: 0, field: 'dateModified', value: '2015-03-14', reason: 'must be a date and time such as 2025-03-31T09:30:00Z' },
    ]);
    expect(errors.filter((e) => e.field === 'id')).toEqual([
      { row: 1, field: 'id', value: '360G-fundingproviders-000001/X/00/X', reason: 'is the same as on grants[0]: each grant needs its own id' },
      { row: 3, field: 'id', value: '360G-fundingproviders-000002/X/00/X', reason: 'is the same as on grants[2]: each grant needs its own id' },
    ]);
  });

  it('fundingproviders-grants_broken_grants.json and -email.json fail on every grant', async () => {
    expect((await importSample('fundingproviders-grants_broken_grants.json')).rejectedRows).toEqual([0, 1, 2, 3]);
    const email = await importSample('fundingproviders-grants-email.json');
    expect(email.rejectedRows).toEqual([0, 1, 2]);
    expect(email.errors.at(-1)).toEqual({ row: 2, field: 'id', value: '360G-fundingproviders-000002/X/00/X', reason: 'is the same as on grants[1]: each grant needs its own id' });
  });

  it('decimal_amounts.json: seven grants of £1,000.10 that lack everything but amount and currency', async () => {
    const { rows, errors } = await importSample('decimal_amounts.json');
    expect(rows.map((r) => r.grant.amountAwarded)).toEqual([1000.1, 1000.1, 1000.1, 1000.1, 1000.1, 1000.1, 1000.1]);
    expect(errors.filter((e) => e.row === 6)).toEqual([
      { row: 6, field: 'id', value: null, reason: 'is required' },
      { row: 6, field: 'title', value: null, reason: 'is required' },
      { row: 6, field: 'description', value: null, reason: 'is required' },
      { row: 6, field: 'awardDate', value: null, reason: 'is required' },
      { row: 6, field: 'recipientOrganization', value: null, reason: REQUIRED_GROUPS.recipient },
      { row: 6, field: 'fundingOrganization', value: null, reason: REQUIRED_GROUPS.funder },
    ]);
    expect(errors).toHaveLength(42);
  });

  it('RecipientIndDEI.json and nulls.json', async () => {
    expect((await importSample('RecipientIndDEI.json')).errors.map((e) => e.field)).toEqual(['title', 'description', 'currency', 'amountAwarded', 'awardDate', 'fundingOrganization']);
    const nulls = await importSample('nulls.json');
    expect(nulls.rejectedRows).toEqual([0, 1]);
    expect(nulls.errors.slice(0, 2)).toEqual([
      { row: 0, field: 'id', value: null, reason: 'must be text' },
      { row: 0, field: 'title', value: null, reason: 'must be text' },
    ]);
  });

  it('a002400000KeYdsAAF-currency.json (Wolfson): every date is DD/MM/YYYY, 4 grants in USD, 114 of £0', async () => {
    const { rows, errors, rejectedRows } = await importSample('a002400000KeYdsAAF-currency.json');
    expect(rows).toHaveLength(379);
    expect(rejectedRows).toHaveLength(379);
    expect(errors[0]).toEqual({ row: 0, field: 'awardDate', value: '05/06/2014', reason: 'must be a date YYYY-MM-DD (write 05/06/2014 as 2014-06-05)' });
    expect(errors.filter((e) => e.field === 'currency')).toHaveLength(4);
    expect(errors.filter((e) => e.field === 'amountAwarded' && e.reason === 'must be more than 0')).toHaveLength(114);
  });

  it('a002400000OiDBQAA3.json (Lloyds): 4,116 grants, all with fromOpenCall "Y"', async () => {
    const { rows, errors, rejectedRows } = await importSample('a002400000OiDBQAA3.json');
    expect(rows).toHaveLength(4116);
    expect(rows[0].grant.amountAwarded).toBe(15000);
    expect(rejectedRows).toHaveLength(4116);
    expect(errors.filter((e) => e.field === 'fromOpenCall' && e.reason === 'must be Yes or No')).toHaveLength(4116);
    expect(errors.filter((e) => e.field === 'description' && e.reason === 'is required')).toHaveLength(5);
  });

  it('fundingproviders-grants_malformed.json fails whole, at line 10, column 15', async () => {
    expect(await failure('fundingproviders-grants_malformed.json')).toEqual({
      problem: 'MALFORMED_JSON',
      message:
        'fundingproviders-grants_malformed.json is not valid JSON at line 10, column 15 (Expected double-quoted property name): look there for a missing or extra comma, bracket or quote',
    });
  });
});

describe('CSV samples', () => {
  const fundingProvidersErrors = [
    { row: 2, field: 'Description', value: null, reason: 'is required' },
    { row: 2, field: 'Award Date', value: '24/07/2014', reason: 'must be a date YYYY-MM-DD (write 24/07/2014 as 2014-07-24)' },
    { row: 2, field: 'Recipient Org:Identifier', value: null, reason: 'is required' },
    { row: 2, field: 'Last modified', value: '13-03-2015', reason: 'must be a date and time such as 2025-03-31T09:30:00Z' },
    { row: 3, field: 'Description', value: null, reason: 'is required' },
    { row: 3, field: 'Award Date', value: '24/07/2014', reason: 'must be a date YYYY-MM-DD (write 24/07/2014 as 2014-07-24)' },
    { row: 3, field: 'Last modified', value: '13-03-2015', reason: 'must be a date and time such as 2025-03-31T09:30:00Z' },
  ];
  const nonStandard = ['Grant number', 'Surname of applicant', 'Full name of applicant', 'Co-applicant(s)', 'Sponsor(s)', 'Grant type', 'Department', 'School / Building'];

  it('fundingproviders_grants_2_grants.csv: 2 grants, errors named by the file’s own column titles', async () => {
    const { report, rows, errors } = await importSample('fundingproviders_grants_2_grants.csv');
    expect(report).toEqual({ format: 'csv', encoding: 'utf-8', sheet: null, unknownColumns: nonStandard, rows: 2 });
    expect(rows.map((r) => [r.row, r.grant.amountAwarded])).toEqual([[2, 152505], [3, 178990]]);
    expect(rows[0].grant.recipientOrganization).toEqual([{ name: 'Company Name Limited', addressLocality: 'London' }]);
    expect(errors).toEqual(fundingProvidersErrors);
  });

  it('fundingproviders-grants_2_grants_cp1252.csv: read as Windows-1252, same failures', async () => {
    const { report, rows, errors } = await importSample('fundingproviders-grants_2_grants_cp1252.csv');
    expect(report.encoding).toBe('windows-1252');
    expect(rows.map((r) => r.grant.id)).toEqual(['360G-<~>€funding€providers-000001/X/00/X', '360G-<~>€funding±Áproviders-000002/X/00/X']);
    expect(rows[0].grant.amountAwarded).toBe(152505);
    expect(errors).toEqual(fundingProvidersErrors);
  });

  it('bom.csv: the first title is Identifier, not \\ufeffIdentifier', async () => {
    const { report, rows } = await importSample('bom.csv');
    expect(report.unknownColumns).toEqual([]);
    expect(rows).toEqual([{ row: 2, grant: { id: '42', currency: 'GBP' }, columnTitles: { id: 'Identifier', currency: 'Currency' } }]);
  });

  it('oneof.csv: a recipient organisation and an individual on one row', async () => {
    const { errors } = await importSample('oneof.csv');
    expect(errors.at(-1)).toEqual({ row: 2, field: 'Recipient Ind', value: { name: 'An Individual' }, reason: 'give either Recipient Org or Recipient Ind, not both: a grant has one recipient' });
  });

  it('codelist.csv: FRG010 is on the closed codelist, BAD is not', async () => {
    const { errors } = await importSample('codelist.csv');
    expect(errors.filter((e) => e.field === 'For Regrant Type')).toEqual([
      { row: 3, field: 'For Regrant Type', value: 'BAD', reason: 'must be a code from the 360Giving regrantType codelist, such as FRG010 (Common Regrant)' },
    ]);
  });

  it('decimal_amounts.csv: the CSV twin reads the same amounts and fails the same way', async () => {
    const { rows, errors } = await importSample('decimal_amounts.csv');
    expect(rows.map((r) => r.grant.amountAwarded)).toEqual([1000.1, 1000.1, 1000.1, 1000.1, 1000.1, 1000.1, 1000.1]);
    expect(errors.filter((e) => e.row === 8).map((e) => e.field)).toEqual(['Identifier', 'Title', 'Description', 'Award Date', 'Recipient Org', 'Funding Org']);
  });

  it('fundingtrust-grants_dc.txt is refused for its .txt name', async () => {
    expect(await failure('fundingtrust-grants_dc.txt')).toEqual({
      problem: 'UNSUPPORTED_FORMAT',
      message:
        'fundingtrust-grants_dc.txt: only 360Giving JSON (.json), CSV (.csv) and Excel (.xlsx) files can be imported; if this .txt file holds comma-separated values, rename it to .csv',
    });
  });
});

describe('XLSX samples', () => {
  it('fundingproviders-grants_2_grants.xlsx: sheet grants, padded cells trimmed, the 7 errors the DQT counts', async () => {
    const { report, rows, errors } = await importSample('fundingproviders-grants_2_grants.xlsx');
    expect(report.sheet).toBe('grants');
    expect(report.rows).toBe(2);
    expect(rows.map((r) => [r.row, r.grant.title, r.grant.amountAwarded])).toEqual([[2, 'Title A', 152505], [3, 'Title B', 178990]]);
    expect(rows[0].grant.dataSource).toBe('http://www.fundingproviders.co.uk/grants/');
    expect(errors).toHaveLength(7);
    expect(errors.filter((e) => e.row === 2).map((e) => e.field)).toEqual(['Description', 'Award Date', 'Recipient Org:Identifier', 'Last modified']);
  });

  it('badfile_all_validation_errors.xlsx: the spreadsheet twin of the JSON bad file', async () => {
    const { report, errors } = await importSample('badfile_all_validation_errors.xlsx');
    expect(report.unknownColumns).toEqual(['Planned Dates', 'Funding Org']);
    expect(errors).toEqual([
      { row: 2, field: 'Description', value: null, reason: 'is required' },
      { row: 2, field: 'Funding Org', value: null, reason: REQUIRED_GROUPS.funder },
      { row: 2, field: 'Currency', value: 'bad currency', reason: 'must be a 3-letter currency code such as GBP' },
      { row: 2, field: 'Amount Awarded', value: 'This should be a number', reason: 'must be a number' },
      { row: 2, field: 'Award Date', value: 'bad date', reason: 'must be a date YYYY-MM-DD' },
      { row: 2, field: 'URL', value: 'This should be a uri', reason: 'must be a web address such as https://example.org/grants' },
      { row: 2, field: 'Recipient Org:Identifier', value: null, reason: 'is required' },
    ]);
  });

  it('ids-unexpected-chars.xlsx: line breaks in ids refused; date and number cells converted', async () => {
    const { report, rows, errors } = await importSample('ids-unexpected-chars.xlsx');
    expect(report.sheet).toBe('Sheet1');
    expect(rows[0].grant).toMatchObject({ awardDate: '2024-04-23', amountAwarded: 44000, fromOpenCall: 'No', title: 'A grant' });
    expect(rows[0].grant.recipientOrganization).toEqual([
      { name: 'ABC recipient', id: 'GB-CHC-\n\n1105625', postalCode: 'AE1 3NN', url: 'http://www.example.com', charityNumber: '123456' },
    ]);
    const lineBreak = 'must not contain a line break: remove it (in Excel, look for Alt+Enter in the cell)';
    expect(errors).toEqual([
      { row: 2, field: 'Identifier', value: '360G-ABC-\n11111111111111111111', reason: lineBreak },
      { row: 2, field: 'Recipient Org:Identifier', value: 'GB-CHC-\n\n1105625', reason: lineBreak },
      { row: 2, field: 'Funding Org:Identifier', value: 'GB-CHC-\n100000', reason: lineBreak },
    ]);
  });

  it('GeoCodePostcodeRecipientInd.xlsx: a postcode as an individual’s geographic code is refused', async () => {
    const { rows, errors } = await importSample('GeoCodePostcodeRecipientInd.xlsx');
    expect(rows.map((r) => r.grant.recipientIndividual)).toEqual([{ name: 'A name 1' }, { name: 'A name 2' }, { name: 'A name 3' }]);
    expect(errors.filter((e) => e.field === 'Beneficiary Location:Geographic Code')).toEqual([
      { row: 3, field: 'Beneficiary Location:Geographic Code', value: 'N1 9AL', reason: expect.stringMatching(/^looks like a postcode: a grant to an individual/) },
      { row: 4, field: 'Beneficiary Location:Geographic Code', value: 'M60 0AS', reason: expect.stringMatching(/^looks like a postcode/) },
    ]);
  });

  it('badfile_too_many_rows.xlsx: refused above 50,000 rows, as the Data Quality Tool does', async () => {
    expect(await failure('badfile_too_many_rows.xlsx')).toEqual({
      problem: 'TOO_MANY_ROWS',
      message:
        'badfile_too_many_rows.xlsx: worksheet grants has more than 50,000 rows, the most an Excel import takes: save it as CSV UTF-8 (no row limit) or split it into several workbooks',
    });
  });

  it('badfile_too_many_rows.xlsx with a higher limit: every row, shared strings resolved (exceljs issue #683)', async () => {
    const { report, rows } = await importSample('badfile_too_many_rows.xlsx', { xlsxMaxRows: 60_000 });
    expect(report.sheet).toBe('grants');
    expect(rows).toHaveLength(50_000);
    expect(rows.at(-1)).toEqual({ row: 50_001, grant: { fundingOrganization: [{ id: 'XX-XXX-0123456' }] }, columnTitles: expect.objectContaining({ id: 'Identifier' }) });
  }, 60_000);

  it('bad.xlsx (0 bytes) is refused as empty', async () => {
    expect(await failure('bad.xlsx')).toEqual({
      problem: 'EMPTY_FILE',
      message: 'bad.xlsx is empty (0 bytes): check that you chose the right file and that it was saved',
    });
  });
});
