import { financialYear, financialYearLabel, financialYearOf, parseFinancialYear } from './financial-year.js';

describe('financial years (April to March)', () => {
  it('2025 runs from 1 April 2025 to 31 March 2026', () => {
    expect(financialYear(2025)).toEqual({ start: 2025, label: '2025-26', from: '2025-04-01', to: '2026-03-31', toExclusive: '2026-04-01' });
    expect(financialYearLabel(1999)).toBe('1999-00');
  });

  it('puts the boundary days in the right year', () => {
    expect(financialYearOf('2025-03-31')).toBe(2024);
    expect(financialYearOf('2025-04-01')).toBe(2025);
    expect(financialYearOf('2026-03-31')).toBe(2025);
    expect(financialYearOf('2026-01-15')).toBe(2025);
  });

  it('reads 2025, 2025-26 and 2025/26, and refuses anything else', () => {
    expect(parseFinancialYear('2025')).toBe(2025);
    expect(parseFinancialYear(' 2025-26 ')).toBe(2025);
    expect(parseFinancialYear('2025/26')).toBe(2025);
    expect(parseFinancialYear('1999-00')).toBe(1999);
    expect(parseFinancialYear('2025-27')).toBeNull();
    expect(parseFinancialYear('25')).toBeNull();
    expect(parseFinancialYear('2025-04-01')).toBeNull();
    expect(parseFinancialYear('1800')).toBeNull();
  });
});
