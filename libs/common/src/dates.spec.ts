import { addDays, addMonths, daysBetween, isCalendarDate } from './dates.js';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-09-31')).toBe(false);
    expect(isCalendarDate('2025-9-30')).toBe(false);
    expect(isCalendarDate(20250930)).toBe(false);
  });
  it('adds calendar months clamping to the month end', () => {
    expect(addMonths('2025-08-31', 3)).toBe('2025-11-30');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2025-01-15', 36)).toBe('2028-01-15');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
  });
  it('counts days across leap years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2025-04-01', '2025-03-01')).toBe(-31);
  });
});
