import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { givingDataPath } from '@app/giving360';
import { readAllRows } from './collect-rows.js';
import { ImportFileError } from './import-file-error.js';

const fromText = (filename: string, text: string | Buffer) => readAllRows({ filename, buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) });

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
    return null;
  } catch (e) {
    return e instanceof ImportFileError ? { problem: e.problem, message: e.message } : e;
  }
}

describe('CSV reader', () => {
  it('numbers rows by the line each record starts on, across quoted line breaks, blank lines and mixed endings', async () => {
    const csv = 'Identifier,Description,Amount Awarded\r\n\r\na1,"two\r\nlines",100\n\na2,"three\nlines\nhere",200\ra3,plain,"£1,250.50"\n';
    const { rows } = await fromText('grants.csv', csv);
    expect(rows.map((r) => [r.row, r.grant])).toEqual([
      [3, { id: 'a1', description: 'two\r\nlines', amountAwarded: 100 }],
      [6, { id: 'a2', description: 'three\nlines\nhere', amountAwarded: 200 }],
      [9, { id: 'a3', description: 'plain', amountAwarded: 1250.5 }],
    ]);
  });

  it('skips rows that carry no 360Giving value, and keeps ragged rows', async () => {
    const { report, rows } = await fromText('grants.csv', 'Identifier,Notes,Title\n,only a note,\n , , \nb1,x\n');
    expect(report).toEqual({ format: 'csv', encoding: 'utf-8', sheet: null, unknownColumns: ['Notes'], rows: 1 });
    expect(rows).toEqual([{ row: 4, grant: { id: 'b1' }, columnTitles: { id: 'Identifier', title: 'Title' } }]);
  });

  it('refuses a header without 360Giving titles, a header with no rows, and an unclosed quote', async () => {
    expect(await failure(fromText('ledger.csv', 'Ref,Payee,Value\n1,A,2\n'))).toEqual({
      problem: 'NO_GRANTS',
      message:
        'ledger.csv starts Ref, Payee, Value, not 360Giving column titles: the first row must hold titles such as Identifier, Title, Amount Awarded, Award Date, Recipient Org:Name, Funding Org:Name',
    });
    expect(await failure(fromText('header.csv', 'Identifier,Title\n\n'))).toEqual({
      problem: 'NO_GRANTS',
      message: 'header.csv has column titles but no grants below them: add one grant per row',
    });
    expect(await failure(fromText('blank.csv', '\n\n  \n'))).toEqual({
      problem: 'EMPTY_FILE',
      message: 'blank.csv has no rows at all: check that you chose the right file',
    });
    const broken = await failure(fromText('broken.csv', 'Identifier,Title\nc1,"never closed\n'));
    expect(broken).toEqual({ problem: 'MALFORMED_CSV', message: expect.stringMatching(/^broken\.csv cannot be read as CSV \(Quote Not Closed: .*line 2.*\): check that every quote/) });
  });

  it('fails part-way when UTF-8 text turns into another encoding', async () => {
    const csv = Buffer.concat([Buffer.from(`Identifier,Title\nd1,Café\n${'d2,plain\n'.repeat(20_000)}d3,`), Buffer.from([0xe9, 0x0a])]);
    expect(await failure(fromText('mixed.csv', csv))).toEqual({
      problem: 'ENCODING',
      message: expect.stringMatching(/^mixed\.csv starts as UTF-8 but has bytes that are not UTF-8 after byte \d+: it mixes encodings/),
    });
  });
});

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('XLSX reader', () => {
  it('takes the first visible sheet, in tab order, whose first row has 360Giving titles', async () => {
    const xlsx = await workbook((wb) => {
      wb.addWorksheet('Meta').addRow(['Version', '1.4']);
      const hidden = wb.addWorksheet('Old', { state: 'hidden' });
      hidden.addRow(['Identifier', 'Title']);
      hidden.addRow(['old-1', 'Hidden grant']);
      const grants = wb.addWorksheet('Grants 2025');
      grants.addRow([]);
      grants.addRow(['Identifier', 'Title', 'Amount Awarded', 'Award Date', 'Recipient Org:Charity Number']);
      grants.addRow(['g1', 'Play', 12500.5, new Date(Date.UTC(2025, 3, 1)), 1234567]);
      grants.addRow([]);
      grants.addRow(['g2', { richText: [{ text: 'Bold ' }, { text: 'title' }] }, { formula: '100*2', result: 200 }, '2025-05-01', 'SC012345']);
      wb.addWorksheet('Later').addRow(['Identifier', 'Title']);
    });
    const { report, rows } = await fromText('council.xlsx', xlsx);
    expect(report).toEqual({ format: 'xlsx', encoding: null, sheet: 'Grants 2025', unknownColumns: [], rows: 2 });
    expect(rows.map((r) => [r.row, r.grant])).toEqual([
      [3, { id: 'g1', title: 'Play', amountAwarded: 12500.5, awardDate: '2025-04-01', recipientOrganization: [{ charityNumber: '1234567' }] }],
      [5, { id: 'g2', title: 'Bold title', amountAwarded: 200, awardDate: '2025-05-01', recipientOrganization: [{ charityNumber: 'SC012345' }] }],
    ]);
  });

  it('refuses a workbook where no sheet starts with 360Giving titles', async () => {
    const xlsx = await workbook((wb) => wb.addWorksheet('Budget').addRow(['Cost centre', 'Spend']));
    expect(await failure(fromText('budget.xlsx', xlsx))).toEqual({
      problem: 'NO_GRANTS',
      message:
        'The first worksheet of budget.xlsx (and every other) starts Cost centre, Spend, not 360Giving column titles: the first row must hold titles such as Identifier, Title, Amount Awarded, Award Date, Recipient Org:Name, Funding Org:Name',
    });
  });

  it('refuses a truncated workbook before reading it, and a damaged one when reading it', async () => {
    const real = readFileSync(givingDataPath('samples', 'fundingproviders-grants_2_grants.xlsx'));
    expect(await failure(fromText('cut.xlsx', real.subarray(0, 3000)))).toEqual({
      problem: 'CORRUPT_XLSX',
      message: 'cut.xlsx is an incomplete Excel workbook (its end is missing: was saving or uploading interrupted?): open it in Excel, save it again as .xlsx and upload that',
    });
    const damaged = Buffer.from(real).fill(0xaa, 1700, 1716);
    expect(await failure(fromText('damaged.xlsx', damaged))).toEqual({
      problem: 'CORRUPT_XLSX',
      message: expect.stringMatching(/^damaged\.xlsx could not be read as an Excel workbook \(.+\): open it in Excel, save it again as \.xlsx \(Excel Workbook\) and upload that, or save it as CSV UTF-8$/),
    });
  });
});

describe('JSON reader', () => {
  it('reads a package, or a bare list of grants, numbering grants from 0', async () => {
    expect((await fromText('p.json', '{"grants": [{"id": "j1"}, {"id": "j2"}]}')).rows.map((r) => [r.row, r.grant.id])).toEqual([[0, 'j1'], [1, 'j2']]);
    expect((await fromText('list.json', '[{"id": "j3"}]')).rows).toEqual([{ row: 0, grant: { id: 'j3' } }]);
  });

  it('says what is missing when there are no grants', async () => {
    expect(await failure(fromText('other.json', '{"awards": []}'))).toEqual({
      problem: 'NO_GRANTS',
      message: 'other.json is JSON but not a 360Giving package: the grants must be a list under "grants", as in {"grants": [ ... ]}',
    });
    expect(await failure(fromText('none.json', '{"grants": []}'))).toEqual({ problem: 'NO_GRANTS', message: 'none.json holds an empty list of grants: there is nothing to import' });
    expect(await failure(fromText('blank.json', ' \n '))).toEqual({ problem: 'EMPTY_FILE', message: 'blank.json holds only blank space: check that you chose the right file' });
    expect(await failure(fromText('cut.json', '{"grants": [{"id": "a"}'))).toEqual({
      problem: 'MALFORMED_JSON',
      message: expect.stringMatching(/^cut\.json is not valid JSON at line 1, column \d+ \(.+\): look there for a missing or extra comma, bracket or quote$/),
    });
  });
});
