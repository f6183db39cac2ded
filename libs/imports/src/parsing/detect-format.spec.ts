import { readFileSync } from 'node:fs';
import { givingDataPath } from '@app/giving360';
import { detectFormat } from './detect-format.js';
import { ImportFileError } from './import-file-error.js';

const firstBytes = (name: string) => readFileSync(givingDataPath('samples', name)).subarray(0, 64);
const problemOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof ImportFileError ? { problem: e.problem, message: e.message } : e;
  }
};

describe('detectFormat', () => {
  it('recognises the real samples by their content', () => {
    expect(detectFormat('fundingproviders-grants_2_grants.xlsx', firstBytes('fundingproviders-grants_2_grants.xlsx'))).toBe('xlsx');
    expect(detectFormat('grantnav-20180903134856.json', firstBytes('grantnav-20180903134856.json'))).toBe('json');
    expect(detectFormat('badfile_all_validation_errors.json', firstBytes('badfile_all_validation_errors.json'))).toBe('json');
    expect(detectFormat('bom.csv', firstBytes('bom.csv'))).toBe('csv');
    expect(detectFormat('fundingproviders-grants_2_grants_cp1252.csv', firstBytes('fundingproviders-grants_2_grants_cp1252.csv'))).toBe('csv');
  });

  it('trusts the content over the name, and sniffs JSON after a BOM and blank space', () => {
    expect(detectFormat('grants', Buffer.from('\ufeff \n [{"id": "a"}]'))).toBe('json');
    expect(detectFormat('grants.csv', readFileSync(givingDataPath('samples', 'ids-unexpected-chars.xlsx')).subarray(0, 8))).toBe('xlsx');
    expect(detectFormat('export.json', Buffer.from('Identifier,Title'))).toBe('json');
    expect(detectFormat('export', Buffer.from('Identifier,Title'))).toBe('csv');
  });

  it('refuses an empty file (bad.xlsx) and an .xlsx that is not a zip', () => {
    expect(problemOf(() => detectFormat('bad.xlsx', firstBytes('bad.xlsx')))).toEqual({
      problem: 'EMPTY_FILE',
      message: 'bad.xlsx is empty (0 bytes): check that you chose the right file and that it was saved',
    });
    expect(problemOf(() => detectFormat('grants.xlsx', Buffer.from('Identifier,Title\n')))).toEqual({
      problem: 'CORRUPT_XLSX',
      message: 'grants.xlsx is not a valid Excel workbook (it is not a zip archive): open it in Excel, save it again as .xlsx and upload that',
    });
  });

  it('refuses other file types, saying what to do (fundingtrust-grants_dc.txt)', () => {
    expect(problemOf(() => detectFormat('fundingtrust-grants_dc.txt', firstBytes('fundingtrust-grants_dc.txt')))).toEqual({
      problem: 'UNSUPPORTED_FORMAT',
      message:
        'fundingtrust-grants_dc.txt: only 360Giving JSON (.json), CSV (.csv) and Excel (.xlsx) files can be imported; if this .txt file holds comma-separated values, rename it to .csv',
    });
    expect(problemOf(() => detectFormat('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1])))).toEqual({
      problem: 'UNSUPPORTED_FORMAT',
      message: 'old.xls is an Excel 97-2003 workbook, which cannot be read: open it in Excel and save it as an Excel Workbook (.xlsx) or as CSV UTF-8 (.csv) and upload that',
    });
  });
});
