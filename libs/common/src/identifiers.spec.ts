import { normaliseCharityNumber, normaliseCompanyNumber, normaliseIdentifiers, preferredOrgId } from './identifiers.js';

describe('organisation identifiers', () => {
  it('normalises charity numbers to digits', () => {
    expect(normaliseCharityNumber('GB-CHC-1234567')).toBe('1234567');
    expect(normaliseCharityNumber(' 1234567 ')).toBe('1234567');
    expect(normaliseCharityNumber('1234567-1')).toBe('1234567');
    expect(normaliseCharityNumber('GB-SC-SC012345')).toBe('SC012345');
    expect(normaliseCharityNumber('')).toBeNull();
  });
  it('pads company numbers to 8 and refuses dummies', () => {
    expect(normaliseCompanyNumber('5123456')).toBe('05123456');
    expect(normaliseCompanyNumber('05123456')).toBe('05123456');
    expect(normaliseCompanyNumber('GB-COH-05123456')).toBe('05123456');
    expect(normaliseCompanyNumber('sc123456')).toBe('SC123456');
    expect(normaliseCompanyNumber('01234567')).toBeNull();
    expect(normaliseCompanyNumber('12345678')).toBeNull();
    expect(normaliseCompanyNumber('not a number')).toBeNull();
  });
  it('derives register numbers from org-ids and prefers a register id for publishing', () => {
    const ids = normaliseIdentifiers({ orgId: 'gb-chc-1122334' });
    expect(ids).toEqual({ charityNumber: '1122334', companyNumber: null, orgId: 'GB-CHC-1122334' });
    expect(preferredOrgId({ charityNumber: '1122334', companyNumber: null, orgId: null })).toBe('GB-CHC-1122334');
    expect(preferredOrgId({ charityNumber: null, companyNumber: '05123456', orgId: '360G-MK-ORG-1' })).toBe('GB-COH-05123456');
  });
});
