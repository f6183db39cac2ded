import ExcelJS from 'exceljs';
import { GRANT_COLUMNS, columnForTitle, givingDataPath, titleForPath } from './index.js';

async function templateHeaders(): Promise<Map<string, string[]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(givingDataPath('templates', '360-giving-schema-titles-with-meta-tab-2023.xlsx'));
  const headers = new Map<string, string[]>();
  workbook.eachSheet((sheet) => {
    const values = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    headers.set(sheet.name, values);
  });
  return headers;
}

describe('GRANT_COLUMNS', () => {
  it('derives 118 uniquely titled columns from the schema, in schema order', () => {
    expect(GRANT_COLUMNS).toHaveLength(118);
    expect(new Set(GRANT_COLUMNS.map((c) => c.title)).size).toBe(118);
    expect(GRANT_COLUMNS.slice(0, 8)).toEqual([
      { title: 'Identifier', path: 'id', type: 'string' },
      { title: 'Title', path: 'title', type: 'string' },
      { title: 'Description', path: 'description', type: 'string' },
      { title: 'Currency', path: 'currency', type: 'string' },
      { title: 'Amount Applied For', path: 'amountAppliedFor', type: 'number' },
      { title: 'Amount Awarded', path: 'amountAwarded', type: 'number' },
      { title: 'Amount Disbursed', path: 'amountDisbursed', type: 'number' },
      { title: 'Award Date', path: 'awardDate', type: 'date' },
    ]);
  });

  it('flattens arrays of objects to their first item and nests titles with a colon', () => {
    const byTitle = new Map(GRANT_COLUMNS.map((c) => [c.title, c]));
    expect(byTitle.get('Recipient Org:Charity Number')).toEqual({ title: 'Recipient Org:Charity Number', path: 'recipientOrganization[0].charityNumber', type: 'string' });
    expect(byTitle.get('Planned Dates:Start Date')).toEqual({ title: 'Planned Dates:Start Date', path: 'plannedDates[0].startDate', type: 'date' });
    expect(byTitle.get('Planned Dates:Duration (months)')).toEqual({ title: 'Planned Dates:Duration (months)', path: 'plannedDates[0].duration', type: 'number' });
    expect(byTitle.get('Funding Org:Department')).toEqual({ title: 'Funding Org:Department', path: 'fundingOrganization[0].department', type: 'string' });
    expect(byTitle.get('Recipient Ind:Name')).toEqual({ title: 'Recipient Ind:Name', path: 'recipientIndividual.name', type: 'string' });
    expect(byTitle.get('Recipient Org:Location:Geographic Code')?.path).toBe('recipientOrganization[0].location[0].geoCode');
    expect(byTitle.get('Beneficiary Location:Latitude')?.type).toBe('number');
    expect(byTitle.get('Last Modified')).toEqual({ title: 'Last Modified', path: 'dateModified', type: 'date' });
    expect(byTitle.get('Related Activity')).toEqual({ title: 'Related Activity', path: 'relatedActivity', type: 'string' });
  });

  it('knows every column title of the official 2023 template, and the grants sheet in its order', async () => {
    const headers = await templateHeaders();
    const titles = [...headers].filter(([sheet]) => sheet !== 'Meta').flatMap(([, values]) => values);
    expect(titles.filter((title) => !columnForTitle(title))).toEqual([]);
    const grantsSheet = headers.get('grants')!;
    expect(grantsSheet).toHaveLength(46);
    expect(grantsSheet.map((title) => columnForTitle(title)!.path).slice(0, 12)).toEqual([
      'id', 'title', 'description', 'currency', 'amountAppliedFor', 'amountAwarded', 'amountDisbursed', 'awardDate', 'url',
      'plannedDates[0].startDate', 'plannedDates[0].endDate', 'plannedDates[0].duration',
    ]);
  });

  it('matches titles case- and whitespace-insensitively', () => {
    expect(columnForTitle('From an open call?')?.path).toBe('fromOpenCall');
    expect(columnForTitle('Recipient Ind: Name')?.path).toBe('recipientIndividual.name');
    expect(columnForTitle(' recipient org:charity number ')?.path).toBe('recipientOrganization[0].charityNumber');
    expect(columnForTitle('Grant number')).toBeUndefined();
  });

  it('titles groups that have no column of their own', () => {
    expect(titleForPath('recipientOrganization')).toBe('Recipient Org');
    expect(titleForPath('actualDates[0]')).toBe('Actual Dates');
    expect(titleForPath('plannedDates[0].endDate')).toBe('Planned Dates:End Date');
    expect(titleForPath('additional_data')).toBeNull();
  });
});
