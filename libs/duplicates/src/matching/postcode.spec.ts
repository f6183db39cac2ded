import { normalisePostcode, postcodeDistrict } from './postcode.js';

describe('normalisePostcode', () => {
  it('upper-cases and puts one space before the last three characters', () => {
    expect(normalisePostcode('mk93xs')).toBe('MK9 3XS');
    expect(normalisePostcode(' MK9  3XS ')).toBe('MK9 3XS');
    expect(normalisePostcode('mk10 9aa')).toBe('MK10 9AA');
    expect(normalisePostcode('B68LP')).toBe('B6 8LP');
    expect(normalisePostcode('EC1A1BB')).toBe('EC1A 1BB');
  });

  it('refuses what is not a postcode', () => {
    expect(normalisePostcode('')).toBeNull();
    expect(normalisePostcode(null)).toBeNull();
    expect(normalisePostcode('Milton Keynes')).toBeNull();
    expect(normalisePostcode('MK9')).toBeNull();
  });

  it('gives the district (outward code)', () => {
    expect(postcodeDistrict('MK9 3XS')).toBe('MK9');
    expect(postcodeDistrict('EC1A 1BB')).toBe('EC1A');
  });
});
