import { readFileSync } from 'node:fs';
import { givingDataPath } from '@app/giving360';
import { toImportedGrant } from './imported-grant.js';

const grantsOf = (name: string) => (JSON.parse(readFileSync(givingDataPath('samples', name), 'utf8')) as { grants: Record<string, unknown>[] }).grants;

describe('toImportedGrant', () => {
  it('normalises a real grant: pence, date of a date-time, charity number from the org-id', () => {
    expect(toImportedGrant(grantsOf('grantnav-20180903134856.json')[0])).toEqual({
      externalId: '360G-EFF-16-3315',
      title: 'Grant to Effervescent',
      description: 'Towards the \u2018Good Enough Art Gallery\u2019, a socially engaged curating project that will work with six groups of extremely vulnerable children.',
      currency: 'GBP',
      amountAwardedPence: 11647100n,
      awardDate: '2017-11-21',
      plannedStartDate: null,
      plannedEndDate: null,
      programme: 'Main Grant',
      funder: { orgId: 'GB-CHC-200051', name: 'Esm\u00e9e Fairbairn Foundation', department: null },
      recipient: { kind: 'organisation', name: 'Effervescent', orgId: 'GB-CHC-1164859', charityNumber: '1164859', companyNumber: null, postcode: 'PL1 2TE' },
    });
  });

  it('keeps the funder’s department (the directorate) and planned dates, pence exact for 3239.34', () => {
    expect(toImportedGrant(grantsOf('a002400000nO46WAAS.json')[0])).toMatchObject({
      amountAwardedPence: 323934n,
      awardDate: '2015-06-01',
      plannedStartDate: '2017-01-17',
      plannedEndDate: '2017-06-14',
      programme: 'CB Leadership (CBL)',
      funder: { orgId: 'GB-CHC-1159982', name: 'Power to Change Trust', department: 'Market Development' },
      recipient: { kind: 'organisation', name: 'Hyde Park Source', orgId: 'GB-COH-IP28755R', postcode: 'LS3 1HH' },
    });
  });

  it('maps a grant to an individual without registration numbers or postcode', () => {
    const individual = grantsOf('awefw001p00000zgyHZAAY.json').find((g) => g.recipientIndividual)!;
    expect(toImportedGrant(individual)).toMatchObject({
      externalId: '360G-DevonCF-A482904',
      amountAwardedPence: 494700n,
      programme: 'SfAS',
      recipient: { kind: 'individual', name: 'Individual Recipient', orgId: '360G-DevonCF-ACC859797', charityNumber: null, companyNumber: null, postcode: null },
    });
  });

  it('derives a missing planned end from start and duration, and expands partial dates', () => {
    const base = { id: 'g', title: 't', currency: 'GBP', amountAwarded: 1000.1, awardDate: '2025-03-31', fundingOrganization: [{ id: 'gb-lae-mik', name: 'MK' }] };
    expect(toImportedGrant({ ...base, plannedDates: [{ startDate: '2025-04-01', duration: 12 }] })).toMatchObject({
      amountAwardedPence: 100010n,
      plannedStartDate: '2025-04-01',
      plannedEndDate: '2026-03-31',
      funder: { orgId: 'GB-LAE-MIK', name: 'MK', department: null },
    });
    expect(toImportedGrant({ ...base, plannedDates: [{ startDate: '2025-04', endDate: '2026-02' }] })).toMatchObject({ plannedStartDate: '2025-04-01', plannedEndDate: '2026-02-28' });
    expect(() => toImportedGrant({ ...base, awardDate: '31/03/2025' })).toThrow('grant g has no valid amount or award date');
  });
});
