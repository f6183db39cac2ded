import { readFileSync } from 'node:fs';
import type { PublishedGrant } from '../grant.types.js';
import { toGrant } from '../to-grant.js';
import { makeAward, makeIndividualAward, PUBLISH_SETTINGS } from '../testing/award.factory.js';
import { defaultOrgIdPrefixes, hasRecognisedPrefix } from './recognised-prefixes.js';
import { checkQuality, QualityAccumulator } from './quality-accumulator.js';
import { QUALITY_CHECKS, type LooseGrant, type QualityCheckName } from './quality-checks.js';

const asOf = PUBLISH_SETTINGS.asOf; // 2025-06-30
const good = (): PublishedGrant => toGrant(makeAward(), PUBLISH_SETTINGS);
const goodIndividual = (): PublishedGrant =>
  toGrant(makeIndividualAward({ plannedStartDate: '2025-04-01', plannedEndDate: '2025-09-30' }), PUBLISH_SETTINGS);
const fired = (grants: LooseGrant[]) => checkQuality(grants, { asOf }).map((f) => f.check);
/** As read from JSON: a change to undefined removes the field. */
const withRecipient = (changes: Record<string, unknown>): LooseGrant => {
  const g = good();
  return JSON.parse(JSON.stringify({ ...g, recipientOrganization: [{ ...g.recipientOrganization![0], ...changes }] }));
};
const withFunder = (changes: Record<string, unknown>): LooseGrant => {
  const g = good();
  return { ...g, fundingOrganization: [{ ...g.fundingOrganization[0], ...changes }] };
};
const without = (key: keyof PublishedGrant): LooseGrant => {
  const { [key]: _omitted, ...rest } = good();
  return rest;
};

describe('checkQuality', () => {
  it('is silent on a good grant to an organisation and a good grant to an individual', () => {
    expect(checkQuality([good(), goodIndividual()], { asOf })).toEqual([]);
  });

  // Each crafted grant breaks one rule; the expected list is every check it fires.
  const cases: [QualityCheckName, () => LooseGrant, QualityCheckName[]?][] = [
    ['zero-amount', () => ({ ...good(), amountAwarded: 0 })],
    ['grant-id-line-break', () => ({ ...good(), id: '360G-mkcouncil-ASC-\n2025-017' })],
    ['org-id-line-break', () => withFunder({ id: 'GB-LAE-\nMIK' })],
    ['org-id-line-break', () => ({ ...goodIndividual(), recipientIndividual: { id: '360G-mkcouncil-IND-\r\n1', name: 'Individual Recipient' } })],
    ['email-like-text', () => ({ ...good(), description: 'Reports to jane.doe@example.org.uk each quarter' })],
    ['email-like-text', () => withRecipient({ name: 'Befrienders (contact: info@befrienders.org)' })],
    ['impossible-date', () => ({ ...good(), plannedDates: [{ startDate: '2025-04-01', endDate: '2025-09-31', duration: 6 }] })],
    ['impossible-date', () => ({ ...good(), awardDate: '2025-02-29T10:00:00Z' })],
    ['future-award-date', () => ({ ...good(), awardDate: '2025-07-01' })],
    ['individual-with-diversity-data', () => ({ ...goodIndividual(), project: [{ ethnicity: 'recorded' }] })],
    ['individual-postcode-geocode', () => ({ ...goodIndividual(), beneficiaryLocation: [{ name: 'MK9', geoCode: ' mk9 3ej ' }] })],
    ['funder-id-unrecognised-prefix', () => withFunder({ id: 'XX-COUNCIL-1' })],
    ['recipient-id-unrecognised-prefix', () => withRecipient({ id: 'RUBBISH-COH-RC000000' })],
    ['charity-number-format', () => withRecipient({ charityNumber: '12345' })],
    ['charity-number-format', () => withRecipient({ charityNumber: 'Exempt' })],
    ['company-number-format', () => withRecipient({ companyNumber: '5123456' })],
    ['org-id-looks-invalid', () => withRecipient({ id: 'GB-CHC-715' })],
    ['org-id-looks-invalid', () => withRecipient({ id: 'GB-COH-123' })],
    ['planned-start-after-end', () => ({ ...good(), plannedDates: [{ startDate: '2026-04-01', endDate: '2025-03-31' }] })],
    ['planned-dates-far-future', () => ({ ...good(), plannedDates: [{ startDate: '2025-04-01', endDate: '2037-07-01' }] })],
    ['dates-far-past', () => ({ ...good(), awardDate: '2000-06-29' })],
    ['recipient-id-360g-prefix', () => withRecipient({ id: '360G-mkcouncil-ORG-42' })],
    ['funder-id-360g-prefix', () => withFunder({ id: '360G-mkcouncil' })],
    ['no-charity-or-company-number', () => withRecipient({ charityNumber: undefined })],
    ['no-recipient-postcode', () => withRecipient({ postalCode: '' })],
    ['no-grant-programme', () => without('grantProgramme')],
    ['no-beneficiary-location', () => ({ ...good(), beneficiaryLocation: [] })],
    ['no-date-modified', () => without('dateModified')],
    ['no-data-source', () => without('dataSource')],
    ['title-equals-description', () => ({ ...good(), description: good().title })],
    ['title-too-long', () => ({ ...good(), title: 'x'.repeat(141) })],
    ['individual-without-details', () => {
      const { toIndividualsDetails: _omitted, ...rest } = goodIndividual();
      return rest;
    }],
    ['no-planned-duration-or-dates', () => ({ ...good(), plannedDates: [{ startDate: '2025-04-01' }] })],
    ['no-planned-duration-or-dates', () => without('plannedDates')],
  ];

  it.each(cases)('%s fires on its crafted grant', (check, makeBad, expected = [check]) => {
    const bad = makeBad();
    const spec = QUALITY_CHECKS.find((c) => c.check === check)!;

    expect(fired([bad])).toEqual(expected);
    expect(checkQuality([bad], { asOf }).find((f) => f.check === check)).toEqual({
      check,
      severity: spec.severity,
      count: 1,
      examples: [String(bad.id)],
    });
  });

  it('has a crafted grant for every per-grant check in the catalogue', () => {
    const covered = new Set([...cases.map(([check]) => check), 'more-than-one-funder', 'funder-id-several-names', 'funder-name-several-ids']);

    expect(QUALITY_CHECKS.filter((c) => !covered.has(c.check))).toEqual([]);
  });

  it.each([
    ['an award dated today', { awardDate: asOf }],
    ['a date exactly 25 years ago', { awardDate: '2000-06-30' }],
    ['planned dates exactly 12 years ahead', { plannedDates: [{ startDate: '2037-06-30', endDate: '2037-06-30' }] }],
    ['a title of exactly 140 characters', { title: 'x'.repeat(140) }],
    ['a Scottish charity number', { recipientOrganization: [{ id: 'GB-SC-SC012345', name: 'Olney Trust', charityNumber: 'SC012345', postalCode: 'MK46 4AA' }] }],
    ['an e-mail address in an e-mail field', { recipientOrganization: [{ ...good().recipientOrganization![0], email: 'info@befrienders.org' }] }],
    ['a year-and-month planned end date', { plannedDates: [{ startDate: '2025-04', endDate: '2026-03' }] }],
  ])('stays silent on %s', (_label, changes) => {
    expect(fired([{ ...good(), ...changes }])).toEqual([]);
  });

  it('counts the funders of a file that holds more than one, naming the first grant of each', () => {
    const council = good();
    const nhs = { ...good(), id: '360G-mkcouncil-NHS-1', fundingOrganization: [{ id: 'GB-NHS-QHG', name: 'NHS Bedfordshire, Luton and Milton Keynes ICB' }] };

    expect(checkQuality([council, nhs, { ...nhs, id: '360G-mkcouncil-NHS-2' }], { asOf })).toEqual([
      { check: 'more-than-one-funder', severity: 'critical', count: 2, examples: [council.id, nhs.id] },
    ]);
  });

  it('flags one funder id published under several names, from the second name on', () => {
    const renamed = { ...withFunder({ name: 'MK Council' }), id: '360G-mkcouncil-2' };

    expect(checkQuality([good(), renamed, { ...renamed, id: '360G-mkcouncil-3' }], { asOf })).toEqual([
      { check: 'funder-id-several-names', severity: 'quality', count: 2, examples: ['360G-mkcouncil-2', '360G-mkcouncil-3'] },
    ]);
  });

  it('flags one funder name published under several ids (and so two funders in one file)', () => {
    const reId = { ...withFunder({ id: 'GB-LAE-MKC' }), id: '360G-mkcouncil-2' };

    expect(checkQuality([good(), reId], { asOf })).toEqual([
      { check: 'more-than-one-funder', severity: 'critical', count: 2, examples: [good().id, '360G-mkcouncil-2'] },
      { check: 'funder-name-several-ids', severity: 'quality', count: 1, examples: ['360G-mkcouncil-2'] },
    ]);
  });

  it('keeps at most five examples, orders findings critical first, and uses a custom prefix list', () => {
    const grants = Array.from({ length: 7 }, (_, i) => ({ ...without('dataSource'), id: `g${i}`, amountAwarded: 0 }));

    expect(checkQuality(grants, { asOf, orgIdPrefixes: new Set(['gb-lae', 'GB-CHC']) })).toEqual([
      { check: 'zero-amount', severity: 'critical', count: 7, examples: ['g0', 'g1', 'g2', 'g3', 'g4'] },
      { check: 'no-data-source', severity: 'usefulness', count: 7, examples: ['g0', 'g1', 'g2', 'g3', 'g4'] },
    ]);
    expect(checkQuality([withFunder({ id: 'GB-NHS-QHG' })], { asOf, orgIdPrefixes: new Set(['GB-CHC', 'GB-LAE']) })).toEqual([
      { check: 'funder-id-unrecognised-prefix', severity: 'quality', count: 1, examples: [good().id] },
    ]);
  });

  it('refuses an asOf that is not a calendar date', () => {
    expect(() => checkQuality([], { asOf: '2025-06-31' })).toThrow('asOf is not a calendar date (YYYY-MM-DD): 2025-06-31');
  });

  it('survives malformed grants from other publishers, naming grants without an id by position', () => {
    expect(checkQuality([{ amountAwarded: 0, fundingOrganization: 'nobody', plannedDates: [null] }], { asOf }).slice(0, 2)).toEqual([
      { check: 'zero-amount', severity: 'critical', count: 1, examples: ['grants[0]'] },
      { check: 'no-grant-programme', severity: 'usefulness', count: 1, examples: ['grants[0]'] },
    ]);
  });
});

describe('QualityAccumulator', () => {
  it('streams 20,000 grants one at a time and keeps only counts and five examples', () => {
    const accumulator = new QualityAccumulator({ asOf });
    const base = good();
    for (let i = 0; i < 20_000; i++) {
      accumulator.add({ ...base, id: `360G-mkcouncil-${i}`, amountAwarded: i % 1000 === 0 ? 0 : 250 });
    }

    expect(accumulator.grantsChecked).toBe(20_000);
    expect(accumulator.result()).toEqual([
      {
        check: 'zero-amount',
        severity: 'critical',
        count: 20,
        examples: ['360G-mkcouncil-0', '360G-mkcouncil-1000', '360G-mkcouncil-2000', '360G-mkcouncil-3000', '360G-mkcouncil-4000'],
      },
    ]);
  });
});

describe('Data Quality Tool fixtures (shared/data/360giving/samples)', () => {
  const sample = (name: string): LooseGrant[] =>
    JSON.parse(readFileSync(new URL(`../../../../../shared/data/360giving/samples/${name}`, import.meta.url), 'utf8')).grants;
  const findings = (name: string) => checkQuality(sample(name), { asOf });

  it('multiple_funder_names_org_ids.json: one funder name under two ids, unrecognised prefixes', () => {
    const result = findings('multiple_funder_names_org_ids.json');

    expect(result.filter((f) => f.severity !== 'usefulness')).toEqual([
      { check: 'more-than-one-funder', severity: 'critical', count: 2, examples: ['360G-sampletrust-105177/Z/14/Z', '360G-sampletrust-123452'] },
      { check: 'funder-id-unrecognised-prefix', severity: 'quality', count: 2, examples: ['360G-sampletrust-105177/Z/14/Z', '360G-sampletrust-123452'] },
      { check: 'recipient-id-unrecognised-prefix', severity: 'quality', count: 2, examples: ['360G-sampletrust-105177/Z/14/Z', '360G-sampletrust-123452'] },
      { check: 'funder-name-several-ids', severity: 'quality', count: 1, examples: ['360G-sampletrust-123452'] },
    ]);
    expect(result.map((f) => f.check)).not.toContain('no-planned-duration-or-dates');
  });

  it('fundingproviders-grants-email.json: the applicant e-mail counts, the email field does not', () => {
    expect(findings('fundingproviders-grants-email.json').find((f) => f.check === 'email-like-text')).toEqual({
      check: 'email-like-text',
      severity: 'critical',
      count: 1,
      examples: ['360G-fundingproviders-000002/X/00/X'],
    });
  });

  it('RecipientIndDEI.json: a grant to an individual with DEI data', () => {
    expect(findings('RecipientIndDEI.json').filter((f) => f.severity === 'critical')).toEqual([
      { check: 'individual-with-diversity-data', severity: 'critical', count: 1, examples: ['360-g-i'] },
    ]);
  });

  it('duration_usefulness.json: neither a planned duration nor start and end dates', () => {
    expect(findings('duration_usefulness.json').map((f) => f.check)).toContain('no-planned-duration-or-dates');
  });
});

describe('org-id prefixes', () => {
  it('ships every org-id.guide list code, deprecated ones included, plus 360G', () => {
    const prefixes = defaultOrgIdPrefixes();

    expect(prefixes.size).toBe(824);
    expect(['GB-CHC', 'GB-COH', 'GB-LAE', 'GB-NHS', 'GB-SC', 'GB-GOVUK', 'XI-GRID', '360G'].every((p) => prefixes.has(p))).toBe(true);
  });

  it.each([
    ['GB-CHC-1101234', true],
    ['gb-chc-1101234', true],
    ['360G-mkcouncil-ORG-1', true],
    ['GB-COH-05123456', true],
    ['GB-CHC-', false],
    ['GB-CHC', false],
    ['GBCHC-1101234', false],
    ['GB-12345-test', false],
    ['RUBBISH-COH-RC000000', false],
  ])('%s has a recognised prefix: %p', (id, recognised) => {
    expect(hasRecognisedPrefix(id, defaultOrgIdPrefixes())).toBe(recognised);
  });
});
