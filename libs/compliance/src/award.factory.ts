import type { ComplianceAward } from './types.js';

/**
 * A three-year grant that meets every Compact rule, for tests: override what a test is about.
 * Direct £90,000 and overhead £17,500 are the DOMAIN.md section 2 worked example.
 */
export function makeComplianceAward(overrides: Partial<ComplianceAward> = {}): ComplianceAward {
  return {
    kind: 'grant',
    status: 'published',
    title: 'Holiday play schemes',
    description: 'Play schemes in school holidays for children aged 5 to 13',
    programme: 'Children and young people',
    directorateId: 'dir-children',
    amountAwardedPence: 9_500_000n,
    awardDate: '2025-03-01',
    plannedStartDate: '2025-04-01',
    plannedEndDate: '2028-03-31',
    recipient: { name: 'Milton Keynes Play Association', type: 'charity', charityNumber: 'GB-CHC-1234567', companyNumber: null },
    payments: [
      { dueDate: '2025-04-01', amountPence: 3_200_000n, paidDate: '2025-04-01' },
      { dueDate: '2026-04-01', amountPence: 3_150_000n, paidDate: null },
      { dueDate: '2027-04-01', amountPence: 3_150_000n, paidDate: null },
    ],
    costs: { directCostPence: 9_000_000n, overheadCostPence: 1_750_000n, overheadFundedPence: 1_750_000n },
    reportingFrequency: 'six_monthly',
    ending: null,
    justifications: { arrearsPayment: null, singleYear: null, monitoring: null },
    ...overrides,
  };
}
