import { readFileSync } from 'node:fs';
import { createGrantValidator, createPackageValidator, givingDataPath } from './index.js';

const sample = (name: string): unknown => JSON.parse(readFileSync(givingDataPath('samples', name), 'utf8'));
const validGrant = () => ({
  id: '360G-mk-1',
  title: 'Play schemes',
  description: 'Summer play schemes',
  currency: 'GBP',
  amountAwarded: 12500,
  awardDate: '2025-04-01',
  recipientOrganization: [{ id: 'GB-CHC-1234567', name: 'MK Play Association' }],
  fundingOrganization: [{ id: 'GB-LAE-MIK', name: 'Milton Keynes City Council' }],
});

describe('createPackageValidator', () => {
  const validate = createPackageValidator();

  it.each([
    'grantnav-20180903134856.json',
    'awefw001p00000zgyHZAAY.json',
    'a002400000nO46WAAS.json',
    'multiple_funder_names_org_ids.json',
    'duration_usefulness.json',
    'additional_fields.json',
  ])('finds no error in the valid sample %s', (name) => {
    expect(validate(sample(name))).toEqual([]);
  });

  it('explains each rule badfile_all_validation_errors.json breaks, once per field', () => {
    expect(validate(sample('badfile_all_validation_errors.json'))).toEqual([
      { path: 'grants[0].description', title: 'Description', reason: 'is required', value: null },
      { path: 'grants[0].title', title: 'Title', reason: 'must be text', value: 9001 },
      { path: 'grants[0].currency', title: 'Currency', reason: 'must be a 3-letter currency code such as GBP', value: 'bad currency' },
      { path: 'grants[0].amountAwarded', title: 'Amount Awarded', reason: 'must be a number', value: 'This should be a number' },
      { path: 'grants[0].awardDate', title: 'Award Date', reason: 'must be a date YYYY-MM-DD', value: 'bad date' },
      { path: 'grants[0].url', title: 'URL', reason: 'must be a web address such as https://example.org/grants', value: 'This should be a uri' },
      { path: 'grants[0].plannedDates', title: 'Planned Dates', reason: 'must be a list', value: 'This should be an array' },
      { path: 'grants[0].actualDates[0]', title: 'Actual Dates', reason: 'must be a group of fields (an object)', value: 'This should be an object' },
      { path: 'grants[0].recipientOrganization[0].id', title: 'Recipient Org:Identifier', reason: 'is required', value: null },
      { path: 'grants[0].fundingOrganization', title: 'Funding Org', reason: 'is required: fill in Funding Org:Identifier and Funding Org:Name', value: [] },
    ]);
  });

  it('reports repeated grant ids, which the schema uniqueItems does not catch', () => {
    const errors = validate(sample('fundingproviders-grants_fixed_2_grants.json'));
    expect(errors.filter((e) => e.title === 'Identifier')).toEqual([
      { path: 'grants[1].id', title: 'Identifier', reason: 'is the same as grants[0].id: each grant needs its own id', value: '360G-fundingproviders-000001/X/00/X' },
      { path: 'grants[3].id', title: 'Identifier', reason: 'is the same as grants[2].id: each grant needs its own id', value: '360G-fundingproviders-000002/X/00/X' },
    ]);
    expect(errors.find((e) => e.path === 'grants[0].awardDate')).toEqual({
      path: 'grants[0].awardDate', title: 'Award Date', reason: 'must be a date YYYY-MM-DD (write 24/07/2014 as 2014-07-24)', value: '24/07/2014',
    });
    expect(errors).toHaveLength(15);
  });

  it('says what a package without grants lacks', () => {
    expect(validate({})).toEqual([{ path: 'grants', title: null, reason: 'is required', value: null }]);
    expect(validate({ grants: [] })).toEqual([{ path: 'grants', title: null, reason: 'must list at least one grant', value: [] }]);
  });

  it('names null values by the type they should have (nulls.json)', () => {
    const errors = validate(sample('nulls.json'));
    expect(errors.slice(0, 3)).toEqual([
      { path: 'grants[0].id', title: 'Identifier', reason: 'must be text', value: null },
      { path: 'grants[0].title', title: 'Title', reason: 'must be text', value: null },
      { path: 'grants[0].description', title: 'Description', reason: 'must be text', value: null },
    ]);
    expect(errors.find((e) => e.path === 'grants[0].amountAwarded')?.reason).toBe('must be a number');
  });
});

describe('createGrantValidator', () => {
  const validate = createGrantValidator();

  it('accepts a complete grant and a date-time award date', () => {
    expect(validate(validGrant())).toEqual([]);
    expect(validate({ ...validGrant(), awardDate: '2025-04-01T10:00:00+01:00' })).toEqual([]);
  });

  it('asks for a recipient organisation or individual when neither is given', () => {
    const { recipientOrganization: _, ...grant } = validGrant();
    expect(validate(grant)).toEqual([
      {
        path: 'recipientOrganization',
        title: 'Recipient Org',
        reason: 'is required: fill in Recipient Org:Identifier and Recipient Org:Name (or Recipient Ind:Identifier and Recipient Ind:Name for a grant to an individual)',
        value: null,
      },
    ]);
  });

  it('refuses a grant with both a recipient organisation and an individual', () => {
    expect(validate({ ...validGrant(), recipientIndividual: { id: '360G-mk-ind-1', name: 'Individual Recipient' } })).toEqual([
      {
        path: 'recipientIndividual',
        title: 'Recipient Ind',
        reason: 'give either Recipient Org or Recipient Ind, not both: a grant has one recipient',
        value: { id: '360G-mk-ind-1', name: 'Individual Recipient' },
      },
    ]);
  });

  it('enforces closed codelists, which the schema leaves to a custom keyword', () => {
    expect(validate({ ...validGrant(), regrantType: 'FRG010' })).toEqual([]);
    expect(validate({ ...validGrant(), regrantType: 'BAD', toIndividualsDetails: { grantPurpose: ['GTIP010', 'NOPE'] } })).toEqual([
      { path: 'toIndividualsDetails.grantPurpose', title: 'To Individuals Details:Grant Purpose', reason: 'must be a code from the 360Giving grantToIndividualsPurpose codelist, such as GTIP010 (Unrestricted)', value: 'NOPE' },
      { path: 'regrantType', title: 'For Regrant Type', reason: 'must be a code from the 360Giving regrantType codelist, such as FRG010 (Common Regrant)', value: 'BAD' },
    ]);
  });

  it('gives the enum choices when there are few', () => {
    expect(validate({ ...validGrant(), fromOpenCall: 'Y' })).toEqual([
      { path: 'fromOpenCall', title: 'From An Open Call?', reason: 'must be Yes or No', value: 'Y' },
    ]);
  });
});
