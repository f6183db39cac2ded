import { formatPounds, isMoneyInput, penceToPounds, poundsToPence, penceTransformer } from './money.js';

describe('money', () => {
  it('parses pounds strings and numbers to exact pence', () => {
    expect(poundsToPence('12500')).toBe(1250000n);
    expect(poundsToPence('12500.5')).toBe(1250050n);
    expect(poundsToPence(0.1 + 0.2 > 0.3 ? 0.3 : 0)).toBe(30n);
    expect(poundsToPence(95000.07)).toBe(9500007n);
    expect(poundsToPence('-3.10')).toBe(-310n);
  });
  it('refuses more than two places and non-numbers', () => {
    expect(isMoneyInput('1.234')).toBe(false);
    expect(isMoneyInput('abc')).toBe(false);
    expect(isMoneyInput(Number.NaN)).toBe(false);
    expect(() => poundsToPence('1.234')).toThrow(RangeError);
  });
  it('formats pence as a decimal string and for people', () => {
    expect(penceToPounds(1250000n)).toBe('12500.00');
    expect(penceToPounds(5n)).toBe('0.05');
    expect(penceToPounds(-1250n)).toBe('-12.50');
    expect(formatPounds(1250000n)).toBe('£12,500.00');
    expect(formatPounds(10750000n)).toBe('£107,500.00');
  });
  it('round-trips through the column transformer', () => {
    expect(penceTransformer.to(1234567n)).toBe('1234567');
    expect(penceTransformer.from('1234567')).toBe(1234567n);
    expect(penceTransformer.from(null)).toBeNull();
  });
});
