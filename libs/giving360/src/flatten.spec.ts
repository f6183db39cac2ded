import { readFileSync } from 'node:fs';
import { createRowUnflattener, flattenGrant, givingDataPath, unflattenRow } from './index.js';

const grantnav = JSON.parse(readFileSync(givingDataPath('samples', 'grantnav-20180903134856.json'), 'utf8')) as { grants: object[] };

describe('flattenGrant', () => {
  it('flattens a real grant to its column titles, first item of each list, in schema order', () => {
    expect(flattenGrant(grantnav.grants[0])).toEqual({
      Identifier: '360G-EFF-16-3315',
      Title: 'Grant to Effervescent',
      Description:
        'Towards the \u2018Good Enough Art Gallery\u2019, a socially engaged curating project that will work with six groups of extremely vulnerable children.',
      Currency: 'GBP',
      'Amount Awarded': 116471,
      'Award Date': '2017-11-21T00:00:00.000Z',
      'Planned Dates:Duration (months)': 24,
      'Recipient Org:Identifier': 'GB-CHC-1164859',
      'Recipient Org:Name': 'Effervescent',
      'Recipient Org:Charity Number': '1164859',
      'Recipient Org:Postal Code': 'PL1 2TE',
      'Recipient Org:Web Address': 'http://www.eff.org.uk',
      'Beneficiary Location:Name': 'England/South West/Plymouth',
      'Funding Org:Identifier': 'GB-CHC-200051',
      'Funding Org:Name': 'Esm\u00e9e Fairbairn Foundation',
      'Grant Programme:Title': 'Main Grant',
      'Classifications:Title': 'Funding priority / Art with a social impact',
      'Last Modified': '2018-08-24T13:12:00.000Z',
    });
    expect(Object.keys(flattenGrant(grantnav.grants[0])).slice(0, 3)).toEqual(['Identifier', 'Title', 'Description']);
  });

  it('joins lists of strings with ";" and leaves out nulls', () => {
    expect(flattenGrant({ id: 'a', relatedActivity: ['x', 'y'], title: null, toIndividualsDetails: { grantPurpose: ['GTIP010', 'GTIP020'] } })).toEqual({
      Identifier: 'a',
      'Related Activity': 'x;y',
      'To Individuals Details:Grant Purpose': 'GTIP010;GTIP020',
    });
  });
});

describe('unflattenRow', () => {
  it('rebuilds the nested grant that flattenGrant wrote', () => {
    const grant = {
      id: '360G-mk-1',
      title: 'Play schemes',
      amountAwarded: 12500.5,
      awardDate: '2025-04-01',
      plannedDates: [{ startDate: '2025-05-01', endDate: '2026-04-30' }],
      recipientOrganization: [{ id: 'GB-CHC-1234567', name: 'MK Play Association', charityNumber: '1234567' }],
      fundingOrganization: [{ id: 'GB-LAE-MIK', name: 'Milton Keynes City Council', department: 'Children’s Services' }],
      relatedActivity: ['360G-mk-0'],
    };
    expect(unflattenRow(flattenGrant(grant))).toEqual({ grant, unknownColumns: [] });
  });

  it('coerces numbers and dates by column type, trims cells and drops empty ones', () => {
    const { grant, unknownColumns } = unflattenRow({
      'identifier ': ' 360G-x-1 ',
      'AMOUNT AWARDED': '£1,250.50',
      'Amount Applied For': '2000',
      'Amount Disbursed': 'not yet',
      'Award Date': new Date(Date.UTC(2024, 3, 23)),
      'Planned Dates:Start Date': 45413,
      'Planned Dates:End Date': 2026,
      'Recipient Org:Charity Number': 123456,
      'Recipient Org:Name': '   ',
      'Grant number': '000001/X',
      'Last Modified': new Date(Date.UTC(2024, 3, 23, 9, 30)),
    });
    expect(grant).toEqual({
      id: '360G-x-1',
      amountAwarded: 1250.5,
      amountAppliedFor: 2000,
      amountDisbursed: 'not yet',
      awardDate: '2024-04-23',
      plannedDates: [{ startDate: '2024-05-01', endDate: '2026' }],
      recipientOrganization: [{ charityNumber: '123456' }],
      dateModified: '2024-04-23T09:30:00.000Z',
    });
    expect(unknownColumns).toEqual(['Grant number']);
  });

  it('keeps the first non-empty cell when two titles name one column', () => {
    const { toGrant, columnTitles } = createRowUnflattener(['Title', 'title', 'From an open call?']);
    expect(toGrant(['', 'Second', 'No'])).toEqual({ title: 'Second', fromOpenCall: 'No' });
    expect(toGrant(['First', 'Second'])).toEqual({ title: 'First' });
    expect(columnTitles).toEqual({ title: 'Title', fromOpenCall: 'From an open call?' });
  });
});
