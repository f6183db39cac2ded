import { makeComplianceAward } from './award.factory.js';
import { AWARD_RULE_IDS, RULE_IDS, RULES, type Finding } from './catalogue.js';
import { DEFAULT_COMPACT_PROFILE } from './profile.js';
import { checkAward, checkConsultation, worstStatus } from './rules.js';

const profile = DEFAULT_COMPACT_PROFILE;
const statuses = (findings: Finding[]) => Object.fromEntries(findings.map((f) => [f.rule, f.status]));

describe('checkAward', () => {
  it('returns the nine award rules in a fixed order, each with its source', () => {
    const findings = checkAward(makeComplianceAward(), profile);
    expect(findings.map((f) => f.rule)).toEqual(['FCR-1', 'FCR-2', 'ADV-1', 'MY-1', 'END-1', 'END-2', 'MON-1', 'PAY-1', 'PUB-1']);
    expect(findings.map((f) => f.source)).toEqual(AWARD_RULE_IDS.map((id) => RULES[id].source));
  });
  it('passes a compliant three-year grant; the ending rules do not apply without an ending', () => {
    expect(statuses(checkAward(makeComplianceAward(), profile))).toEqual({
      'FCR-1': 'pass',
      'FCR-2': 'pass',
      'ADV-1': 'pass',
      'MY-1': 'pass',
      'END-1': 'not_applicable',
      'END-2': 'not_applicable',
      'MON-1': 'pass',
      'PAY-1': 'pass',
      'PUB-1': 'pass',
    });
  });
  it('does not apply FCR, ADV and PAY to in-kind support, but still checks the rest', () => {
    const inKind = makeComplianceAward({
      kind: 'in_kind',
      costs: { directCostPence: null, overheadCostPence: null, overheadFundedPence: null },
      payments: [{ dueDate: '2025-06-01', amountPence: 100_000n, paidDate: '2025-09-01' }],
      plannedEndDate: '2026-03-31',
    });
    expect(statuses(checkAward(inKind, profile))).toEqual({
      'FCR-1': 'not_applicable',
      'FCR-2': 'not_applicable',
      'ADV-1': 'not_applicable',
      'MY-1': 'warn',
      'END-1': 'not_applicable',
      'END-2': 'not_applicable',
      'MON-1': 'pass',
      'PAY-1': 'not_applicable',
      'PUB-1': 'pass',
    });
  });
  it('reports every problem of a short, ended, arrears grant', () => {
    const award = makeComplianceAward({
      status: 'ended',
      plannedEndDate: '2026-03-31',
      payments: [{ dueDate: '2025-06-30', amountPence: 9_500_000n, paidDate: '2025-07-25' }],
      costs: { directCostPence: 9_000_000n, overheadCostPence: 1_750_000n, overheadFundedPence: 500_000n },
      reportingFrequency: 'monthly',
      ending: { noticeDate: '2025-08-31', effectiveDate: '2025-10-31', reason: null },
    });
    const findings = checkAward(award, profile);
    expect(statuses(findings)).toEqual({
      'FCR-1': 'pass',
      'FCR-2': 'warn',
      'ADV-1': 'warn',
      'MY-1': 'warn',
      'END-1': 'fail',
      'END-2': 'warn',
      'MON-1': 'warn',
      'PAY-1': 'warn',
      'PUB-1': 'not_applicable',
    });
    expect(findings.find((f) => f.rule === 'END-1')!.message).toBe(
      "Notice was given on 2025-08-31 but the ending takes effect on 2025-10-31, 30 days short of the 3 calendar months' notice " +
        'the Compact requires. Move the effective date to 2025-11-30 or later.',
    );
    expect(worstStatus(findings)).toBe('fail');
  });
  it('passes asOf through to PAY-1', () => {
    const late = checkAward(makeComplianceAward(), profile, { asOf: '2026-05-01' }).find((f) => f.rule === 'PAY-1')!;
    expect(late.status).toBe('warn');
    expect(late.message.startsWith('1 payment is unpaid and overdue on 2026-05-01: £31,500.00 due 2026-04-01, 30 days (20 over).')).toBe(true);
  });
});

describe('checkConsultation', () => {
  it('returns CON-1 only', () => {
    const findings = checkConsultation({ title: 'Play strategy', startDate: '2025-01-06', endDate: '2025-03-31', rationale: null }, profile);
    expect(findings.map((f) => [f.rule, f.status])).toEqual([['CON-1', 'pass']]);
  });
});

describe('worstStatus', () => {
  const of = (...s: Finding['status'][]) => s.map((status) => ({ status }));
  it('ranks fail over warn over pass and ignores not_applicable', () => {
    expect(worstStatus(of('pass', 'warn', 'fail', 'not_applicable'))).toBe('fail');
    expect(worstStatus(of('pass', 'warn', 'not_applicable'))).toBe('warn');
    expect(worstStatus(of('pass', 'not_applicable'))).toBe('pass');
    expect(worstStatus(of('not_applicable'))).toBe('pass');
    expect(worstStatus([])).toBe('pass');
  });
});

describe('RULES catalogue', () => {
  it('has one entry per rule id with its id, title, commitment and source', () => {
    expect(Object.keys(RULES)).toEqual([...RULE_IDS]);
    for (const id of RULE_IDS) {
      expect(RULES[id].id).toBe(id);
      expect(RULES[id].title.length).toBeGreaterThan(5);
      expect(RULES[id].commitment.length).toBeGreaterThan(20);
    }
    expect(RULES['CON-1']).toMatchObject({ source: 'National Compact 2010 2.4; Kent Partners Compact', severity: 'warn/fail' });
    expect(RULES['END-2'].source).toBe(RULES['END-1'].source);
  });
});
