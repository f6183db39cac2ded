import {
  financialYear, forCheck, formatBytes, formatDate, formatMoney, fractionToPercent, humanise, isNotAvailable, nameOf, normaliseFindings, normaliseSummary,
  parseMoneyInput, percentToFraction, spreadByFinancialYear, toPence, yearlyPayments,
} from '../assets/format.js';

describe('console formatting (browser helpers)', () => {
  it('formats money from the API\'s decimal strings without floats', () => {
    expect(formatMoney('95000.00')).toBe('£95,000.00');
    expect(formatMoney('1234567.5')).toBe('£1,234,567.50');
    expect(formatMoney('999.99')).toBe('£999.99');
    expect(formatMoney(12500)).toBe('£12,500.00');
    expect(formatMoney('-12.00')).toBe('-£12.00');
    expect(formatMoney(null)).toBe('—');
  });

  it('reads money as people type it', () => {
    expect(parseMoneyInput('£95,000')).toBe('95000');
    expect(parseMoneyInput(' 12 500.5 ')).toBe('12500.5');
    expect(parseMoneyInput('')).toBeNull();
    expect(toPence('£31,666.67')).toBe(3166667n);
    expect(toPence('10.5')).toBe(1050n);
    expect(toPence('ten')).toBeNull();
  });

  it('splits an amount into yearly payments in advance, to the penny', () => {
    expect(yearlyPayments('95000', '2025-04-01', '2028-03-31')).toEqual([
      { dueDate: '2025-04-01', amount: '31666.67', paidDate: null },
      { dueDate: '2026-04-01', amount: '31666.67', paidDate: null },
      { dueDate: '2027-04-01', amount: '31666.66', paidDate: null },
    ]);
    expect(yearlyPayments('10000', '2024-02-29', '2025-02-27')).toEqual([{ dueDate: '2024-02-29', amount: '10000.00', paidDate: null }]);
    expect(yearlyPayments('100.01', '2025-04-01', '2026-09-30')?.map((p) => [p.dueDate, p.amount])).toEqual([['2025-04-01', '50.01'], ['2026-04-01', '50.00']]);
    expect(yearlyPayments('', '2025-04-01', '2028-03-31')).toBeNull();
    expect(yearlyPayments('95000', '', '')).toBeNull();
  });

  it('spreads an award over the financial years of its planned period, exactly to the penny', () => {
    const parts = spreadByFinancialYear(9500000n, '2025-04-01', '2028-03-31', '2025-03-01');
    expect(parts).toEqual([
      { fy: '2025-26', pence: 3163777n }, // 365 of 1096 days
      { fy: '2026-27', pence: 3163777n }, // 365 days
      { fy: '2027-28', pence: 3172446n }, // 366 days (29 Feb 2028) and the rounding
    ]);
    expect(parts.reduce((s, p) => s + p.pence, 0n)).toBe(9500000n);
    expect(spreadByFinancialYear(1000n, '2025-10-01', '2026-03-31')).toEqual([{ fy: '2025-26', pence: 1000n }]);
    expect(spreadByFinancialYear(1000n, null, null, '2024-06-01')).toEqual([{ fy: '2024-25', pence: 1000n }]);
    expect(spreadByFinancialYear(1000n, null, null, null)).toEqual([{ fy: 'Undated', pence: 1000n }]);
  });

  it('converts percentages and fractions both ways', () => {
    expect(percentToFraction('25')).toBe(0.25);
    expect(percentToFraction('12.5 %')).toBe(0.125);
    expect(percentToFraction('33.33')).toBe(0.3333);
    expect(percentToFraction('101')).toBeNull();
    expect(percentToFraction('-1')).toBeNull();
    expect(fractionToPercent(0.2)).toBe('20');
    expect(fractionToPercent(0.125)).toBe('12.5');
    expect(fractionToPercent(null)).toBe('');
  });

  it('formats dates and financial years (April to March)', () => {
    expect(formatDate('2025-04-01')).toBe('1 Apr 2025');
    expect(formatDate(null)).toBe('—');
    expect(financialYear('2025-04-01')).toBe('2025-26');
    expect(financialYear('2026-03-31')).toBe('2025-26');
    expect(financialYear('1999-12-01')).toBe('1999-00');
    expect(financialYear(null)).toBeNull();
  });

  it('tells a route that does not exist yet from a record that does not exist', () => {
    expect(isNotAvailable(404, { message: ['Cannot GET /api/flags/duplicate-funding'] })).toBe(true);
    expect(isNotAvailable(404, { code: 'NOT_FOUND', message: ['Award x does not exist: check the id'] })).toBe(false);
    expect(isNotAvailable(400, { message: ['Cannot GET'] })).toBe(false);
  });

  it('orders findings worst first and keeps their source', () => {
    const f = normaliseFindings({
      awardId: 'a',
      findings: [
        { rule: 'MY-1', status: 'pass', message: 'ok', source: 'Compact' },
        { rule: 'FCR-1', status: 'warn', message: 'no overhead', source: 'HMT 2006' },
        { rule: 'END-1', status: 'fail', message: 'short notice', source: 'Compact 2009 13.3' },
        { rule: 'PAY-1', status: 'not_applicable', message: 'n/a', source: 'PCR 2015' },
      ],
    });
    expect(f.map((x) => `${x.rule}:${x.status}`)).toEqual(['END-1:fail', 'FCR-1:warn', 'MY-1:pass', 'PAY-1:not_applicable']);
    expect(f[0]).toEqual({ rule: 'END-1', status: 'fail', message: 'short notice', source: 'Compact 2009 13.3', title: '' });
    expect(normaliseFindings(null)).toEqual([]);
  });

  it('reads the compliance summary per directorate, with award totals when given', () => {
    const s = normaliseSummary({
      groupBy: 'directorate',
      groups: [
        { key: 'd2', name: 'Public Health', awards: { pass: 1, warn: 2, fail: 0 }, rules: { 'FCR-1': { pass: 1, warn: 2, fail: 0, not_applicable: 0 }, 'MY-1': { pass: 3, warn: 0, fail: 0, not_applicable: 0 } } },
        { key: 'd1', name: 'Adult Social Care', awards: { pass: 0, warn: 0, fail: 1 }, rules: { 'END-1': { pass: 0, warn: 0, fail: 1, not_applicable: 0 } } },
      ],
    });
    expect(s.rules).toEqual(['END-1', 'FCR-1', 'MY-1']);
    expect(s.groups.map((g) => g.name)).toEqual(['Adult Social Care', 'Public Health']);
    expect(s.groups[1]).toEqual({
      key: 'd2', name: 'Public Health', overallIsAwards: true,
      total: { pass: 1, warn: 2, fail: 0, notApplicable: 0 },
      rules: { 'FCR-1': { pass: 1, warn: 2, fail: 0, notApplicable: 0 }, 'MY-1': { pass: 3, warn: 0, fail: 0, notApplicable: 0 } },
    });
    // Flat rows {directorate, rule, counts} work too, totals summed over rules.
    const flat = normaliseSummary({ items: [{ directorateId: 'd1', directorateName: 'Housing', rule: 'FCR-1', pass: 2, warn: 1, fail: 0 }, { directorateId: 'd1', directorateName: 'Housing', rule: 'ADV-1', pass: 0, warn: 0, fail: 3 }] });
    expect(flat.groups).toEqual([{ key: 'd1', name: 'Housing', overallIsAwards: false, total: { pass: 2, warn: 1, fail: 3, notApplicable: 0 }, rules: { 'FCR-1': { pass: 2, warn: 1, fail: 0, notApplicable: 0 }, 'ADV-1': { pass: 0, warn: 0, fail: 3, notApplicable: 0 } } }]);
  });

  it('leaves blank and half-filled parts out of a dry-run check', () => {
    const body = {
      kind: 'grant', title: '', directorateId: 'd', recipientOrganisationId: '', amountAwarded: '95000',
      payments: [{ dueDate: '2025-04-01', amount: '100' }, { dueDate: '', amount: '5' }],
      outcomes: [{ description: 'x', quantity: '' }],
    };
    expect(forCheck(body)).toEqual({ kind: 'grant', directorateId: 'd', amountAwarded: '95000', payments: [{ dueDate: '2025-04-01', amount: '100' }], outcomes: [] });
  });

  it('names things whatever shape they come in', () => {
    expect(nameOf({ name: 'Age UK MK' })).toBe('Age UK MK');
    expect(nameOf('Public Health')).toBe('Public Health');
    expect(nameOf(null)).toBe('—');
    expect(humanise('overlapFrom')).toBe('Overlap from');
    expect(humanise('name_score')).toBe('Name score');
    expect(formatBytes(12345)).toBe('12.3 kB');
  });
});
