import { makeComplianceAward } from './award.factory.js';
import { checkAdvancePayment, checkOverheadFunded, checkOverheadRecorded, checkPromptPayment } from './funding-rules.js';
import { DEFAULT_COMPACT_PROFILE } from './profile.js';
import type { CompliancePayment } from './types.js';

const profile = DEFAULT_COMPACT_PROFILE;
const IN_KIND = 'Not applicable to in-kind support: this rule covers grants and contracts paid in money.';
const costs = (direct: bigint | null, overhead: bigint | null, funded: bigint | null) => ({
  directCostPence: direct,
  overheadCostPence: overhead,
  overheadFundedPence: funded,
});

describe('FCR-1 overhead cost recorded', () => {
  it('warns when a grant records no overhead cost, and says where to record it', () => {
    const f = checkOverheadRecorded(makeComplianceAward({ costs: costs(9_000_000n, null, null) }));
    expect(f.status).toBe('warn');
    expect(f.message).toBe(
      "No overhead cost is recorded for this grant: under full cost recovery the funder pays a fair share of the organisation's " +
        'overheads (premises, central functions, governance) as well as the direct costs. Ask the recipient for the overhead share ' +
        'of this work and record it in costs.overheadCost.',
    );
    expect(f.source).toBe(
      'Local Compact funding code (full cost recovery); HM Treasury 2006 Improving financial relationships with the third sector ch. 5',
    );
  });
  it('warns when a contract records an overhead of £0', () => {
    const f = checkOverheadRecorded(makeComplianceAward({ kind: 'contract', costs: costs(9_000_000n, 0n, 0n) }));
    expect(f.status).toBe('warn');
    expect(f.message.startsWith('The overhead cost is recorded as £0.00 for this contract:')).toBe(true);
  });
  it('passes with the overhead quoted in pounds', () => {
    expect(checkOverheadRecorded(makeComplianceAward())).toEqual({
      rule: 'FCR-1',
      status: 'pass',
      message: 'An overhead cost of £17,500.00 is recorded for this grant.',
      source: expect.stringContaining('full cost recovery'),
    });
  });
  it('is not applicable to in-kind support', () => {
    const f = checkOverheadRecorded(makeComplianceAward({ kind: 'in_kind', costs: costs(null, null, null) }));
    expect([f.status, f.message]).toEqual(['not_applicable', IN_KIND]);
  });
});

describe('FCR-2 overheads funded in full', () => {
  it('gives the DOMAIN.md worked example: £95,000 for direct £90,000 + overhead £17,500 leaves £12,500 short, 28.6 % funded, rate 16.28 %', () => {
    const f = checkOverheadFunded(makeComplianceAward({ costs: costs(9_000_000n, 1_750_000n, 500_000n) }));
    expect(f.status).toBe('warn');
    expect(f.message).toBe(
      'Only £5,000.00 of the £17,500.00 overhead cost is funded (28.6 %): a shortfall of £12,500.00. ' +
        'Overhead rate 16.28 % of the full cost of £107,500.00 (19.44 % of direct costs). ' +
        'To clear it, fund the full overhead share: raise costs.overheadFunded (and the award) by £12,500.00 to £17,500.00.',
    );
    expect(f.source).toBe(
      'Local Compact funding code (full cost recovery); HM Treasury 2006 Improving financial relationships with the third sector ch. 5; ' +
        'ACEVO/NPC Full Cost Recovery toolkit 2004',
    );
  });
  it('counts an unrecorded overhead funding as nothing funded', () => {
    const f = checkOverheadFunded(makeComplianceAward({ costs: costs(9_000_000n, 1_750_000n, null) }));
    expect(f.status).toBe('warn');
    expect(f.message).toContain('none of the £17,500.00 overhead cost counts as funded (0.0 %): a shortfall of £17,500.00.');
  });
  it('asks for the direct cost when it is missing instead of inventing a rate', () => {
    const f = checkOverheadFunded(makeComplianceAward({ costs: costs(null, 1_750_000n, 1_000_000n) }));
    expect(f.message).toBe(
      'Only £10,000.00 of the £17,500.00 overhead cost is funded (57.1 %): a shortfall of £7,500.00. Record costs.directCost to see the overhead rate. ' +
        'To clear it, fund the full overhead share: raise costs.overheadFunded (and the award) by £7,500.00 to £17,500.00.',
    );
  });
  it('passes when the overhead is funded in full, one penny short warns', () => {
    expect(checkOverheadFunded(makeComplianceAward()).message).toBe(
      'The overhead cost of £17,500.00 is funded in full (£17,500.00 funded). Overhead rate 16.28 % of the full cost of £107,500.00 (19.44 % of direct costs).',
    );
    expect(checkOverheadFunded(makeComplianceAward()).status).toBe('pass');
    const short = checkOverheadFunded(makeComplianceAward({ costs: costs(9_000_000n, 1_750_000n, 1_749_999n) }));
    expect(short.status).toBe('warn');
    expect(short.message).toContain('(100.0 %): a shortfall of £0.01.');
  });
  it('is not applicable without an overhead (FCR-1 covers that) and for in-kind support', () => {
    expect(checkOverheadFunded(makeComplianceAward({ costs: costs(9_000_000n, null, null) })).status).toBe('not_applicable');
    expect(checkOverheadFunded(makeComplianceAward({ kind: 'in_kind' })).message).toBe(IN_KIND);
  });
});

describe('ADV-1 payment in advance', () => {
  const arrears: CompliancePayment[] = [
    { dueDate: '2025-07-01', amountPence: 4_000_000n, paidDate: null },
    { dueDate: '2025-05-01', amountPence: 5_500_000n, paidDate: null },
  ];
  it('warns when the earliest payment falls due after the planned start, saying how to clear it', () => {
    const f = checkAdvancePayment(makeComplianceAward({ payments: arrears }));
    expect(f.status).toBe('warn');
    expect(f.message).toBe(
      'The first payment of £55,000.00 falls due on 2025-05-01, 30 days after the planned start 2025-04-01: the organisation is paid ' +
        'in arrears and must fund the work itself until then. Move the first due date to 2025-04-01 or earlier, or record why payment ' +
        'in arrears is needed and value for money in justifications.arrearsPayment.',
    );
  });
  it('turns into a pass that quotes the justification', () => {
    const f = checkAdvancePayment(
      makeComplianceAward({
        payments: arrears,
        justifications: { arrearsPayment: '  Payment by results contract agreed with the provider  ', singleYear: null, monitoring: null },
      }),
    );
    expect(f.status).toBe('pass');
    expect(f.message).toBe(
      'The first payment of £55,000.00 falls due on 2025-05-01, 30 days after the planned start 2025-04-01 (paid in arrears), ' +
        'justified: "Payment by results contract agreed with the provider".',
    );
  });
  it('treats a blank justification as none', () => {
    const f = checkAdvancePayment(makeComplianceAward({ payments: arrears, justifications: { arrearsPayment: '   ', singleYear: null, monitoring: null } }));
    expect(f.status).toBe('warn');
  });
  it('passes a first payment due on the start date', () => {
    const f = checkAdvancePayment(makeComplianceAward());
    expect([f.status, f.message]).toEqual(['pass', 'The first payment of £32,000.00 falls due on 2025-04-01, on or before the planned start 2025-04-01: paid in advance.']);
  });
  it('is not applicable with no payment schedule yet, without a start date, and for in-kind support', () => {
    expect(checkAdvancePayment(makeComplianceAward({ payments: [] }))).toEqual({
      rule: 'ADV-1',
      status: 'not_applicable',
      message: 'No payment schedule is recorded yet: ADV-1 is checked once payments are recorded.',
      source: 'Compact funding code: pay in advance where there is a clear need and it is value for money; HMT 2006 ch. 4',
    });
    expect(checkAdvancePayment(makeComplianceAward({ plannedStartDate: null })).status).toBe('not_applicable');
    expect(checkAdvancePayment(makeComplianceAward({ kind: 'in_kind', payments: arrears })).message).toBe(IN_KIND);
  });
});

describe('PAY-1 prompt payment', () => {
  const paid = (dueDate: string, paidDate: string | null, amountPence = 1_000_000n): CompliancePayment => ({ dueDate, amountPence, paidDate });

  it('allows a grant 10 days and warns at 11, with the days over', () => {
    expect(checkPromptPayment(makeComplianceAward({ payments: [paid('2025-04-01', '2025-04-11')] }), profile).status).toBe('pass');
    const f = checkPromptPayment(makeComplianceAward({ payments: [paid('2025-04-01', '2025-04-12')] }), profile);
    expect(f.status).toBe('warn');
    expect(f.message).toBe(
      '1 payment was paid later than 10 days after falling due: £10,000.00 due 2025-04-01 paid 2025-04-12, 11 days (1 over). ' +
        'Pay future instalments within 10 days of falling due (the limit for a grant).',
    );
    expect(f.source).toBe('Public Contracts Regulations 2015 reg. 113; Compact 2009 (invoices within 10 days)');
  });
  it('allows a contract 30 days and warns at 31', () => {
    const contract = (paidDate: string) => makeComplianceAward({ kind: 'contract', payments: [paid('2025-04-01', paidDate)] });
    expect(checkPromptPayment(contract('2025-05-01'), profile).message).toBe('1 payment made, within 30 days of falling due (the limit for a contract).');
    const f = checkPromptPayment(contract('2025-05-02'), profile);
    expect(f.status).toBe('warn');
    expect(f.message).toContain('£10,000.00 due 2025-04-01 paid 2025-05-02, 31 days (1 over)');
  });
  it('counts 29 February: the same dates are 11 days late in 2024 and 10 in 2025', () => {
    expect(checkPromptPayment(makeComplianceAward({ payments: [paid('2024-02-25', '2024-03-07')] }), profile).status).toBe('warn');
    expect(checkPromptPayment(makeComplianceAward({ payments: [paid('2025-02-25', '2025-03-07')] }), profile).status).toBe('pass');
  });
  it('lists three late payments then counts the rest', () => {
    const payments = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01'].map((d) => paid(d, d.replace(/-01$/, '-21')));
    const f = checkPromptPayment(makeComplianceAward({ payments }), profile);
    expect(f.message).toBe(
      '4 payments were paid later than 10 days after falling due: £10,000.00 due 2025-01-01 paid 2025-01-21, 20 days (10 over), ' +
        '£10,000.00 due 2025-02-01 paid 2025-02-21, 20 days (10 over), £10,000.00 due 2025-03-01 paid 2025-03-21, 20 days (10 over) ' +
        'and 1 more. Pay future instalments within 10 days of falling due (the limit for a grant).',
    );
  });
  it('uses the profile: a grant limit of 20 days passes a payment 15 days late', () => {
    const lenient = { ...profile, paymentLatenessDays: { contract: 30, grant: 20 } };
    expect(checkPromptPayment(makeComplianceAward({ payments: [paid('2025-04-01', '2025-04-16')] }), lenient).status).toBe('pass');
  });
  it('only counts unpaid payments as late when asOf is given', () => {
    const award = makeComplianceAward(); // due 2026-04-01 and 2027-04-01 unpaid
    expect(checkPromptPayment(award, profile).message).toBe(
      '1 payment made, within 10 days of falling due (the limit for a grant). 2 payments are not yet paid.',
    );
    expect(checkPromptPayment(award, profile, { asOf: '2026-04-11' }).message).toBe(
      '1 payment made, within 10 days of falling due (the limit for a grant). 2 payments are not yet paid, none overdue on 2026-04-11.',
    );
    const f = checkPromptPayment(award, profile, { asOf: '2026-04-20' });
    expect(f.status).toBe('warn');
    expect(f.message).toBe(
      '1 payment is unpaid and overdue on 2026-04-20: £31,500.00 due 2026-04-01, 19 days (9 over). ' +
        'Pay the overdue payment now, and pay future instalments within 10 days of falling due (the limit for a grant).',
    );
  });
  it('is not applicable before any payment is made or scheduled, and for in-kind support', () => {
    expect(checkPromptPayment(makeComplianceAward({ payments: [] }), profile).status).toBe('not_applicable');
    expect(checkPromptPayment(makeComplianceAward({ payments: [paid('2025-04-01', null)] }), profile).message).toBe(
      'The scheduled payment has not been paid yet: PAY-1 is checked once payments are made.',
    );
    expect(checkPromptPayment(makeComplianceAward({ kind: 'in_kind' }), profile).message).toBe(IN_KIND);
  });
});
