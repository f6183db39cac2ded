import { intoWork } from './sroi.fixtures.js';
import { DEFAULT_SROI_SETTINGS } from './sroi.types.js';
import { validateOutcome, validateSroiSettings } from './validate-sroi.js';

describe('validateOutcome', () => {
  it('accepts a well-formed outcome, including the bounds 0 and 1', () => {
    expect(validateOutcome(intoWork)).toEqual([]);
    expect(validateOutcome({ ...intoWork, quantity: '0', deadweight: '1', attribution: '1.0000', dropOff: '0', durationYears: 50 })).toEqual([]);
  });

  it('names each bad field with a reason a person can act on', () => {
    const errors = validateOutcome({
      ...intoWork,
      quantity: '-1',
      financialProxy: '£1,500',
      deadweight: '1.0001',
      displacement: '-0.1',
      attribution: '25%',
      dropOff: '',
      durationYears: 2.5,
    });
    expect(errors.map((e) => e.field)).toEqual(['quantity', 'financialProxy', 'deadweight', 'displacement', 'attribution', 'dropOff', 'durationYears']);
    expect(errors[2].reason).toBe('must be a fraction from 0 to 1 written as a decimal, e.g. "0.25"');
    expect(errors[6].reason).toBe('must be a whole number of years from 1 to 50');
  });

  it('refuses durations outside 1..50 and accepts a negative proxy (a disbenefit)', () => {
    expect(validateOutcome({ ...intoWork, durationYears: 0 }).map((e) => e.field)).toEqual(['durationYears']);
    expect(validateOutcome({ ...intoWork, durationYears: 51 }).map((e) => e.field)).toEqual(['durationYears']);
    expect(validateOutcome({ ...intoWork, financialProxy: '-250.50' })).toEqual([]);
  });
});

describe('validateSroiSettings', () => {
  it('accepts the defaults and refuses rates written as percentages', () => {
    expect(validateSroiSettings(DEFAULT_SROI_SETTINGS)).toEqual([]);
    expect(validateSroiSettings({ discountRate: '3.5', sensitivityPoints: '10', proxyVariation: '0.2' }).map((e) => e.field)).toEqual([
      'discountRate',
      'sensitivityPoints',
    ]);
  });
});
