import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { checkQuality } from './quality/quality-accumulator.js';
import { toPackage } from './package.js';
import { durationMonths, toGrant } from './to-grant.js';
import { makeAward, makeIndividualAward, PUBLISH_SETTINGS } from './testing/award.factory.js';
import type { PublishedGrant } from './grant.types.js';
import { GRANT_TO_INDIVIDUALS_PURPOSES, GRANT_TO_INDIVIDUALS_REASONS } from './individuals-codelists.js';

/**
 * The 360Giving 1.4.3 package schema (JSON Schema 2020-12), loaded as shared/data/360giving/SOURCES.md
 * advises: the grant schema also registered under the 1.4.2 URI the package schema refers to,
 * `$schema` with https, formats asserted. (@app/giving360's createPackageValidator does the same,
 * but jest.config.js maps only `@app/[a-z-]+`, so its digits keep it out of reach of Jest for now.)
 */
function packageValidator() {
  const dir = new URL('../../../../shared/data/360giving/', import.meta.url);
  const read = (name: string) => {
    const schema = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
    return { ...schema, $schema: 'https://json-schema.org/draft/2020-12/schema' };
  };
  const grantSchema = read('360-giving-schema.json');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormatsModule.default(ajv); // a CommonJS module: its default import is module.exports, which carries .default
  ajv.addSchema({ ...grantSchema, $id: String(grantSchema.$id).replace('/1.4.3/', '/1.4.2/') });
  return ajv.compile(read('360-giving-package-schema.json'));
}

const validatePackage = packageValidator();

function schemaErrors(grants: PublishedGrant[]): string[] {
  const valid = validatePackage(JSON.parse(JSON.stringify(toPackage(grants))));
  return valid ? [] : (validatePackage.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('toGrant', () => {
  it('maps a realistic published award to a schema-valid 360Giving grant', () => {
    const grant = toGrant(makeAward(), PUBLISH_SETTINGS);

    expect(grant).toEqual({
      id: '360G-mkcouncil-ASC-2025-017',
      title: 'Befriending for older people in Bletchley',
      description: 'Weekly befriending visits and a lunch club for isolated older residents of Bletchley and Fenny Stratford.',
      currency: 'GBP',
      amountAwarded: 12500.5,
      awardDate: '2025-03-14',
      plannedDates: [{ startDate: '2025-04-01', endDate: '2028-03-31', duration: 36 }],
      recipientOrganization: [
        { id: 'GB-CHC-1101234', name: 'Bletchley Age Concern Befrienders', charityNumber: '1101234', postalCode: 'MK2 2DH' },
      ],
      beneficiaryLocation: [{ name: 'MK2', countryCode: 'GB' }],
      fundingOrganization: [{ id: 'GB-LAE-MIK', name: 'Milton Keynes City Council', department: 'Adult Social Care' }],
      grantProgramme: [{ title: 'Community Wellbeing Fund' }],
      dateModified: '2025-03-20T09:30:00.000Z',
      dataSource: 'https://www.milton-keynes.gov.uk/open-data/grants',
    });
    expect(schemaErrors([grant])).toEqual([]);
  });

  it('raises no Data Quality Tool finding for the realistic award', () => {
    const grant = toGrant(makeAward(), PUBLISH_SETTINGS);

    expect(checkQuality([grant], { asOf: PUBLISH_SETTINGS.asOf })).toEqual([]);
  });

  it.each([
    [1250050n, 12500.5, '12500.5'],
    [1n, 0.01, '0.01'],
    [10n, 0.1, '0.1'],
    [1000000n, 10000, '10000'],
    [123456789012345n, 1234567890123.45, '1234567890123.45'],
  ])('turns %p pence into the exact JSON number %p', (pence, pounds, json) => {
    const grant = toGrant(makeAward({ amountAwardedPence: pence }), PUBLISH_SETTINGS);

    expect(grant.amountAwarded).toBe(pounds);
    expect(JSON.stringify(grant)).toContain(`"amountAwarded":${json},`);
  });

  describe('grant id', () => {
    it.each([
      ['ASC-2025-017', '360G-mkcouncil-ASC-2025-017'],
      ['360G-mkcouncil-legacy-99', '360G-mkcouncil-legacy-99'],
      ['ASC-\r\n2025-\n018', '360G-mkcouncil-ASC-2025-018'],
      ['   ', '360G-mkcouncil-7f1c9a52-3b8e-4d21-9f6a-0c2d8e4b7a15'],
      [null, '360G-mkcouncil-7f1c9a52-3b8e-4d21-9f6a-0c2d8e4b7a15'],
    ])('from external id %p is %p', (externalId, id) => {
      expect(toGrant(makeAward({ externalId }), PUBLISH_SETTINGS).id).toBe(id);
    });

    it('does not double the dash when the prefix is configured with a trailing one', () => {
      expect(toGrant(makeAward(), { ...PUBLISH_SETTINGS, idPrefix: '360G-mkcouncil-' }).id).toBe('360G-mkcouncil-ASC-2025-017');
    });
  });

  describe('description', () => {
    it('is derived when none was recorded', () => {
      const grant = toGrant(makeAward({ description: null }), PUBLISH_SETTINGS);

      expect(grant.description).toBe(
        'Grant from Adult Social Care (Milton Keynes City Council) to Bletchley Age Concern Befrienders for Community Wellbeing Fund',
      );
    });

    it('is derived when it repeats the title, and never equals it', () => {
      const grant = toGrant(makeAward({ description: ' befriending for OLDER people in Bletchley ', programme: null, kind: 'contract' }), PUBLISH_SETTINGS);

      expect(grant.description).toBe('Contract from Adult Social Care (Milton Keynes City Council) to Bletchley Age Concern Befrienders');
    });

    it('gets the award date when even the derived text equals the title', () => {
      const title = 'Grant from Adult Social Care (Milton Keynes City Council) to Bletchley Age Concern Befrienders for Community Wellbeing Fund';
      const grant = toGrant(makeAward({ title, description: null }), PUBLISH_SETTINGS);

      expect(grant.description).toBe(`${title}, awarded 2025-03-14`);
    });

    it('loses e-mail addresses from free text', () => {
      const grant = toGrant(
        makeAward({ description: 'Contact the coordinator at j.smith@bletchley-befrienders.org.uk for visits.' }),
        PUBLISH_SETTINGS,
      );

      expect(grant.description).toBe('Contact the coordinator at [email address removed] for visits.');
    });
  });

  describe('recipient organisation id', () => {
    const recipient = makeAward().recipient;
    it.each([
      ['a charity number', { charityNumber: 'GB-CHC-1101234', orgId: 'GB-COH-05123456' }, 'GB-CHC-1101234'],
      ['a Scottish charity number', { charityNumber: 'SC012345' }, 'GB-SC-SC012345'],
      ['a company number only', { charityNumber: null, companyNumber: '5123456' }, 'GB-COH-05123456'],
      ['a recorded org-id only', { charityNumber: null, orgId: 'gb-edu-110123' }, 'GB-EDU-110123'],
      ['no identifier', { charityNumber: null }, '360G-mkcouncil-ORG-b4e2d6f0-1a3c-4e5f-8a9b-2c7d1e0f3a46'],
    ])('from %s is %p', (_label, ids, expected) => {
      const grant = toGrant(makeAward({ recipient: { ...recipient, ...ids } }), PUBLISH_SETTINGS);

      expect(grant.recipientOrganization?.[0].id).toBe(expected);
    });

    it('publishes the normalised register numbers and no empty fields', () => {
      const grant = toGrant(
        makeAward({ recipient: { ...recipient, type: 'cic', charityNumber: null, companyNumber: ' 5123456 ', postcode: null } }),
        PUBLISH_SETTINGS,
      );

      expect(grant.recipientOrganization).toEqual([
        { id: 'GB-COH-05123456', name: 'Bletchley Age Concern Befrienders', companyNumber: '05123456' },
      ]);
      expect(grant.beneficiaryLocation).toBeUndefined();
    });
  });

  describe('a grant to an individual', () => {
    const grant = toGrant(makeIndividualAward(), PUBLISH_SETTINGS);
    const json = JSON.stringify(grant);

    it('names no one and carries no address, postcode or recorded free text', () => {
      expect(grant.recipientOrganization).toBeUndefined();
      expect(grant.recipientIndividual).toEqual({ id: expect.stringMatching(/^360G-mkcouncil-IND-[0-9a-f]{16}$/), name: 'Individual Recipient' });
      expect(grant.title).toBe('Grant to an individual: Household Support Fund');
      expect(grant.description).toBe(
        'Grant from Adult Social Care (Milton Keynes City Council) to an individual recipient for Household Support Fund',
      );
      for (const secret of ['Jane', 'Doe', 'Oak Lane', 'MK9 3EJ', '3EJ', 'cooker', 'e9d8c7b6']) expect(json).not.toContain(secret);
    });

    it('keeps only the postcode district, as a name and never as a geographic code', () => {
      expect(grant.beneficiaryLocation).toEqual([{ name: 'MK9', countryCode: 'GB' }]);
    });

    it('has toIndividualsDetails, defaulting the purpose to GTIP010 (unrestricted)', () => {
      expect(grant.toIndividualsDetails).toEqual({ grantPurpose: ['GTIP010'] });

      const coded = toGrant(
        makeIndividualAward({ toIndividuals: { primaryGrantReason: 'GTIR100', grantPurpose: ['GTIP020', 'GTIP020', 'GTIP070'] } }),
        PUBLISH_SETTINGS,
      );
      expect(coded.toIndividualsDetails).toEqual({ primaryGrantReason: 'GTIR100', grantPurpose: ['GTIP020', 'GTIP070'] });
    });

    it('gives the same person the same anonymous id in every grant, and another person another', () => {
      const again = toGrant(makeIndividualAward({ id: 'another-award', externalId: 'HSF-2025-400' }), PUBLISH_SETTINGS);
      const other = toGrant(
        makeIndividualAward({ recipient: { ...makeIndividualAward().recipient, id: 'f1e2d3c4-0000-4000-8000-000000000001' } }),
        PUBLISH_SETTINGS,
      );

      expect(again.recipientIndividual?.id).toBe(grant.recipientIndividual?.id);
      expect(other.recipientIndividual?.id).not.toBe(grant.recipientIndividual?.id);
    });

    it('is schema-valid and raises no quality finding except the missing planned dates', () => {
      expect(schemaErrors([grant])).toEqual([]);
      expect(checkQuality([grant], { asOf: PUBLISH_SETTINGS.asOf }).map((f) => f.check)).toEqual(['no-planned-duration-or-dates']);
    });
  });

  describe('funding type', () => {
    it.each([
      ['in_kind', [{ vocabulary: '360G-mkcouncil-award-kind', code: 'in_kind', title: 'In-kind support', description: 'Non-cash support (premises, equipment, staff time), published at its valued amount' }]],
      ['contract', [{ vocabulary: '360G-mkcouncil-award-kind', code: 'contract', title: 'Contract', description: 'Payment under a contract for services' }]],
      ['grant', undefined],
    ] as const)('for a %s is %j', (kind, fundingType) => {
      const grant = toGrant(makeAward({ kind }), PUBLISH_SETTINGS);

      expect(grant.fundingType).toEqual(fundingType);
      expect(schemaErrors([grant])).toEqual([]);
    });
  });

  describe('planned dates', () => {
    it.each([
      ['2025-04-01', null, [{ startDate: '2025-04-01' }]],
      [null, '2026-03-31', [{ endDate: '2026-03-31' }]],
      [null, null, undefined],
      ['2026-04-01', '2025-03-31', [{ startDate: '2026-04-01', endDate: '2025-03-31' }]],
    ])('from %p to %p are %j', (plannedStartDate, plannedEndDate, expected) => {
      const grant = toGrant(makeAward({ plannedStartDate, plannedEndDate }), PUBLISH_SETTINGS);

      expect(grant.plannedDates).toEqual(expected);
      expect(schemaErrors([grant])).toEqual([]);
    });
  });

  it('builds a schema-valid package of several grants, organisations and individuals', () => {
    const grants = [
      toGrant(makeAward(), PUBLISH_SETTINGS),
      toGrant(makeAward({ id: 'a2', externalId: null, kind: 'in_kind', recipient: { ...makeAward().recipient, charityNumber: null } }), PUBLISH_SETTINGS),
      toGrant(makeIndividualAward(), PUBLISH_SETTINGS),
    ];

    expect(schemaErrors(grants)).toEqual([]);
  });

  it('fails the schema check for a grant without a funder (the validator is not vacuous)', () => {
    const grant = { ...toGrant(makeAward(), PUBLISH_SETTINGS), fundingOrganization: [] };

    expect(schemaErrors([grant])).toContain('/grants/0/fundingOrganization must NOT have fewer than 1 items');
  });
});

describe('grants to individuals codelists', () => {
  const codes = (file: string) =>
    readFileSync(new URL(`../../../../shared/data/360giving/codelists/${file}`, import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);

  it('match the closed codelists of the standard, code for code', () => {
    expect([...GRANT_TO_INDIVIDUALS_REASONS]).toEqual(codes('grantToIndividualsReason.csv'));
    expect([...GRANT_TO_INDIVIDUALS_PURPOSES]).toEqual(codes('grantToIndividualsPurpose.csv'));
  });
});

describe('durationMonths', () => {
  it.each([
    ['2025-04-01', '2028-03-31', 36],
    ['2025-04-01', '2026-03-31', 12],
    ['2025-01-31', '2025-02-27', 1],
    ['2025-04-01', '2025-04-15', 0.5],
    ['2025-04-01', '2025-04-01', 0],
    ['2025-04-02', '2025-04-01', null],
    ['2025-02-30', '2025-04-01', null],
  ])('from %s to %s is %p months', (start, end, months) => {
    expect(durationMonths(start, end)).toBe(months);
  });
});
