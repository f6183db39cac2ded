import { DEFAULT_COMPACT_PROFILE } from '@app/compliance';
import { assessAward } from './award-compliance.js';
import type { AwardRow } from './funding-database.queries.js';

/** The README's holiday play grant: £5,000 of a £17,500 overhead funded, paid in advance, three years. */
const row = (over: Partial<AwardRow> = {}): AwardRow => ({
  id: '5f0c1b7e-1d2a-4c3b-8d4e-5f6a7b8c9d0e', external_id: null, kind: 'grant', title: 'Holiday play schemes 2025-28',
  description: 'Free holiday play', programme: 'Children and families', status: 'awarded', amount_pence: '9500000', paid_pence: '3166667',
  award_date: '2025-03-01', planned_start_date: '2025-04-01', planned_end_date: '2028-03-31', published_on: null,
  direct_cost_pence: '9000000', overhead_cost_pence: '1750000', overhead_funded_pence: '500000', reporting_frequency: 'six_monthly',
  ending_notice_date: null, ending_effective_date: null, ending_reason: null,
  justification_arrears_payment: null, justification_single_year: null, justification_monitoring: null,
  funder_name: 'Milton Keynes City Council', funder_org_id: 'GB-LAE-MIK', directorate_id: 'd1', directorate_code: 'CHF', directorate_name: 'Children and Families',
  recipient_id: 'o1', recipient_name: 'Milton Keynes Play Association', recipient_type: 'charity', charity_number: '1234567', company_number: null,
  recipient_org_id: null, postcode: 'MK9 3XS',
  payments: [['2025-04-01', '3166667', '2025-04-03'], ['2026-04-01', '3166667', null], ['2027-04-01', '3166666', null]],
  stored_findings: null,
  ...over,
});

describe('assessAward', () => {
  it('checks an award the compliance library has not stored findings for', () => {
    const c = assessAward(row(), DEFAULT_COMPACT_PROFILE);
    expect({ status: c.status, warnings: c.warnings, failures: c.failures, rules: c.toReview.map((f) => f.rule) }).toEqual({ status: 'warn', warnings: 1, failures: 0, rules: ['FCR-2'] });
    expect(c.toReview[0].message).toContain('£12,500.00');
  });

  it('uses the stored findings when there are some, with each rule\'s source', () => {
    const stored = JSON.stringify([
      { rule: 'FCR-1', status: 'pass', message: 'ok' },
      { rule: 'END-1', status: 'fail', message: 'Notice of 1 month only.' },
      { rule: 'MY-1', status: 'warn', message: 'Single year.' },
    ]);
    const c = assessAward(row({ stored_findings: stored }), DEFAULT_COMPACT_PROFILE);
    expect({ status: c.status, warnings: c.warnings, failures: c.failures, rules: c.toReview.map((f) => f.rule) }).toEqual({ status: 'fail', warnings: 1, failures: 1, rules: ['END-1', 'MY-1'] });
    expect(c.toReview[0].source).toMatch(/^Compact 2009 13\.3/);
  });

  it('checks the award itself when the stored findings cannot be read', () => {
    for (const stored of ['not json', '{"rule":"FCR-1"}', '[{"rule":1}]'])
      expect(assessAward(row({ stored_findings: stored }), DEFAULT_COMPACT_PROFILE).toReview.map((f) => f.rule)).toEqual(['FCR-2']);
  });
});
