import { directorateCode } from './funder-directory.js';
import { organisationType } from './recipient-matcher.js';

describe('directorateCode', () => {
  it('takes the initials of the main words, or a one-word name, made unique with a number', () => {
    const none = () => false;
    expect(directorateCode('Culture, Leisure and Sport', none)).toBe('CLS');
    expect(directorateCode('Market Development', none)).toBe('MD');
    expect(directorateCode('Housing', none)).toBe('HOUSING');
    expect(directorateCode('Office of the PCC', none)).toBe('OP');
    expect(directorateCode('Ærø', none)).toBe('R');
    expect(directorateCode('—', none)).toBe('DIR');
    const taken = new Set(['MD', 'MD2']);
    expect(directorateCode('Market Development', (c) => taken.has(c))).toBe('MD3');
    expect(directorateCode('A very long name with many many words in it for the code', none)).toMatch(/^[A-Z0-9][A-Z0-9_-]{0,19}$/);
  });
});

describe('organisationType', () => {
  const base = { name: 'x', orgId: null, charityNumber: null, companyNumber: null, postcode: null };
  it('is charity, company or community group by the identifiers a recipient arrives with; individual for a person', () => {
    expect(organisationType({ ...base, kind: 'organisation', charityNumber: '1164859' })).toBe('charity');
    expect(organisationType({ ...base, kind: 'organisation', orgId: 'GB-CHC-EXEMPT' })).toBe('charity');
    expect(organisationType({ ...base, kind: 'organisation', orgId: 'GB-COH-IP28755R' })).toBe('company');
    expect(organisationType({ ...base, kind: 'organisation', companyNumber: '05123456' })).toBe('company');
    expect(organisationType({ ...base, kind: 'organisation', orgId: '360G-EFF-001b000003VLxCp' })).toBe('community_group');
    expect(organisationType({ ...base, kind: 'individual', orgId: '360G-IND-1' })).toBe('individual');
  });
});
