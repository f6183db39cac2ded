import type { PublishableAward, PublishSettings } from '../publishable-award.js';

/** A realistic published award for tests: a Milton Keynes council grant to a registered charity. */
export function makeAward(overrides: Partial<PublishableAward> = {}): PublishableAward {
  return {
    id: '7f1c9a52-3b8e-4d21-9f6a-0c2d8e4b7a15',
    externalId: 'ASC-2025-017',
    kind: 'grant',
    title: 'Befriending for older people in Bletchley',
    description: 'Weekly befriending visits and a lunch club for isolated older residents of Bletchley and Fenny Stratford.',
    currency: 'GBP',
    amountAwardedPence: 1250050n,
    awardDate: '2025-03-14',
    plannedStartDate: '2025-04-01',
    plannedEndDate: '2028-03-31',
    programme: 'Community Wellbeing Fund',
    updatedAt: new Date('2025-03-20T09:30:00.000Z'),
    funder: { orgId: 'GB-LAE-MIK', name: 'Milton Keynes City Council' },
    directorate: { code: 'ASC', name: 'Adult Social Care' },
    recipient: {
      id: 'b4e2d6f0-1a3c-4e5f-8a9b-2c7d1e0f3a46',
      type: 'charity',
      name: 'Bletchley Age Concern Befrienders',
      charityNumber: '1101234',
      companyNumber: null,
      orgId: null,
      postcode: 'mk2 2dh',
    },
    ...overrides,
  };
}

/** An award to a person: the name, postcode and free text here must never be published. */
export function makeIndividualAward(overrides: Partial<PublishableAward> = {}): PublishableAward {
  return makeAward({
    id: 'c0a8e1f2-5d3b-4c6a-9e7f-1b2d3c4e5f60',
    externalId: 'HSF-2025-311',
    title: 'Hardship grant for Jane Doe',
    description: 'Replacement cooker for Jane Doe at 12 Oak Lane after a kitchen fire.',
    amountAwardedPence: 45000n,
    programme: 'Household Support Fund',
    plannedStartDate: null,
    plannedEndDate: null,
    recipient: {
      id: 'e9d8c7b6-a5f4-4e3d-8c2b-1a0f9e8d7c6b',
      type: 'individual',
      name: 'Jane Doe',
      charityNumber: null,
      companyNumber: null,
      orgId: null,
      postcode: 'MK9 3EJ',
    },
    ...overrides,
  });
}

export const PUBLISH_SETTINGS: PublishSettings = {
  idPrefix: '360G-mkcouncil',
  dataSource: 'https://www.milton-keynes.gov.uk/open-data/grants',
  asOf: '2025-06-30',
};
