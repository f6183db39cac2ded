import { ADMIN_TOKEN, TestApp } from '../support/app.js';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

export const makeFunder = (over: Record<string, unknown> = {}) => ({ name: 'Milton Keynes City Council', orgId: `GB-LAE-M${next().toUpperCase()}`, ...over });
export const makeOrganisation = (over: Record<string, unknown> = {}) => ({
  name: 'Milton Keynes Play Association',
  charityNumber: `1${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
  postcode: 'MK9 3XS',
  type: 'charity',
  ...over,
});

/** A three-year grant with quarterly payments in advance, as a commissioner would enter it. */
export const makeAward = (directorateId: string, recipientOrganisationId: string, over: Record<string, unknown> = {}) => ({
  kind: 'grant',
  title: 'Holiday play schemes 2025-28',
  description: 'Free holiday play for children aged 5-13 in Bletchley and Fenny Stratford',
  directorateId,
  recipientOrganisationId,
  programme: 'Children and families',
  amountAwarded: '95000.00',
  currency: 'GBP',
  awardDate: '2025-03-01',
  plannedStartDate: '2025-04-01',
  plannedEndDate: '2028-03-31',
  payments: [
    { dueDate: '2025-04-01', amount: '31666.67', paidDate: '2025-04-03' },
    { dueDate: '2026-04-01', amount: '31666.67', paidDate: null },
    { dueDate: '2027-04-01', amount: '31666.66', paidDate: null },
  ],
  costs: { directCost: '90000.00', overheadCost: '17500.00', overheadFunded: '5000.00' },
  monitoring: { reportingFrequency: 'six_monthly' },
  justifications: { arrearsPayment: null, singleYear: null, monitoring: null },
  outcomes: [
    { description: 'people into work', indicator: 'in work after 6 months', quantity: 10, financialProxy: '10000.00', proxySource: 'HACT Social Value Bank', deadweight: 0.2, displacement: 0.1, attribution: 0.25, dropOff: 0.2, durationYears: 3 },
  ],
  ...over,
});

export type World = {
  funderId: string;
  dirA: string;
  dirB: string;
  orgId: string;
  tokens: { admin: string; commissionerA: string; commissionerB: string; finance: string; executive: string };
};

/** A funder with directorates A and B, one organisation, and a user of every role. */
export async function seedWorld(t: TestApp): Promise<World> {
  const admin = t.as(ADMIN_TOKEN);
  const funder = await admin.post('/api/funders', makeFunder()).expect(201);
  const dirA = await admin.post('/api/directorates', { funderId: funder.body.id, code: `A${next()}`.slice(0, 12).toUpperCase(), name: 'Adult Social Care' }).expect(201);
  const dirB = await admin.post('/api/directorates', { funderId: funder.body.id, code: `B${next()}`.slice(0, 12).toUpperCase(), name: 'Public Health' }).expect(201);
  const org = await admin.post('/api/organisations', makeOrganisation()).expect(201);
  const user = async (role: string, directorateIds?: string[]) =>
    (await admin.post('/api/users', { email: `${role}.${next()}@example.gov.uk`, role, ...(directorateIds ? { directorateIds } : {}) }).expect(201)).body.token as string;
  return {
    funderId: funder.body.id,
    dirA: dirA.body.id,
    dirB: dirB.body.id,
    orgId: org.body.id,
    tokens: {
      admin: ADMIN_TOKEN,
      commissionerA: await user('commissioner', [dirA.body.id]),
      commissionerB: await user('commissioner', [dirB.body.id]),
      finance: await user('finance'),
      executive: await user('executive'),
    },
  };
}
