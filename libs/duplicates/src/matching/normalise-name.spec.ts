import { nameTokens, normaliseName, tokenKey } from './normalise-name.js';

describe('normaliseName', () => {
  it('writes the three spellings of the Play Association the same way', () => {
    expect(normaliseName('Milton Keynes Play Association')).toBe('milton keynes play association');
    expect(normaliseName('MK Play Assoc.')).toBe('milton keynes play association');
    expect(normaliseName('M.K. Play Association Ltd')).toBe('milton keynes play association');
  });

  it('lower-cases, folds accents and strips punctuation, collapsing spaces', () => {
    expect(normaliseName('  OLNEY   Café,  (Olé!)  ')).toBe('olney cafe ole');
    expect(normaliseName('Newport-Pagnell Carers/Families')).toBe('newport pagnell carers families');
  });

  it('joins initials written with full stops or spaces (M.K. -> mk -> milton keynes)', () => {
    expect(normaliseName('M.K. Snap')).toBe('milton keynes snap');
    expect(normaliseName('M.K Snap')).toBe('milton keynes snap');
    expect(normaliseName('M K Snap')).toBe('milton keynes snap');
    expect(normaliseName('M. K. Snap')).toBe('milton keynes snap');
  });

  it('drops apostrophes inside words', () => {
    expect(normaliseName("Carers' Centre")).toBe('carers centre');
    expect(normaliseName('Women\u2019s Aid')).toBe('womens aid');
  });

  it('expands local abbreviations from one table', () => {
    expect(normaliseName('MK Carers')).toBe('milton keynes carers');
    expect(normaliseName('Play Assoc')).toBe('play association');
    expect(normaliseName('Play Assn.')).toBe('play association');
    expect(normaliseName('Carers & Families')).toBe('carers and families');
    expect(normaliseName('Carers + Families')).toBe('carers and families');
    expect(normaliseName('Olney Ctr')).toBe('olney centre');
    expect(normaliseName('Olney Cntr')).toBe('olney centre');
    expect(normaliseName('Olney Center')).toBe('olney centre');
    expect(normaliseName('Olney Support Grp')).toBe('olney support group');
    expect(normaliseName('Olney Comm. Fridge')).toBe('olney community fridge');
    expect(normaliseName('Olney Town FC')).toBe('olney town football club');
    expect(normaliseName('CAB Bletchley')).toBe('citizens advice bletchley');
    expect(normaliseName('Olney WI')).toBe('olney womens institute');
    expect(normaliseName('Olney Organization')).toBe('olney organisation');
  });

  it("reads 'St' as saint at the start, after of/and, or before a possessive; otherwise as street", () => {
    expect(normaliseName("St Mary's Church, Olney")).toBe('saint marys church olney');
    expect(normaliseName("St.Mary's Church")).toBe('saint marys church');
    expect(normaliseName('Church of St Mary, Olney')).toBe('church of saint mary olney');
    expect(normaliseName('St Peter & St Paul Church')).toBe('saint peter and saint paul church');
    expect(normaliseName("Olney St Mary's Church")).toBe('olney saint marys church');
    expect(normaliseName('High St Community Centre')).toBe('high street community centre');
  });

  it('drops legal suffixes wherever they stand', () => {
    for (const suffix of ['Ltd', 'Ltd.', 'Limited', 'CIO', '(CIO)', 'CIC', 'PLC', 'LLP', 'Inc', 'Incorporated', 'Charitable Incorporated Organisation', 'Community Interest Company', 'Company Limited by Guarantee']) {
      expect(normaliseName(`Olney Foodbank ${suffix}`)).toBe('olney foodbank');
    }
  });

  it("drops 'the' at the start or end, but keeps it inside and keeps 'trust' as a word", () => {
    expect(normaliseName('The Parks Trust')).toBe('parks trust');
    expect(normaliseName('Parks Trust, The')).toBe('parks trust');
    expect(normaliseName('Friends of the Earth')).toBe('friends of the earth');
  });

  it('joins compounds written apart and follows the Citizens Advice renaming', () => {
    expect(normaliseName('Olney Food Bank')).toBe('olney foodbank');
    expect(normaliseName('Olney Pre-School')).toBe('olney preschool');
    expect(normaliseName('Olney Play Group')).toBe('olney playgroup');
    expect(normaliseName('Home-Start MK')).toBe('homestart milton keynes');
    expect(normaliseName('Dial-a-Ride MK')).toBe('dialaride milton keynes');
    expect(normaliseName('Milton Keynes Citizens Advice Bureau')).toBe('milton keynes citizens advice');
  });

  it('writes ordinals as numbers', () => {
    expect(normaliseName('First Olney Scout Group')).toBe('1st olney scout group');
    expect(normaliseName('Third Bletchley Brownies')).toBe('3rd bletchley brownies');
  });

  it('returns no tokens for an empty or all-suffix name', () => {
    expect(nameTokens('')).toEqual([]);
    expect(nameTokens('The Ltd')).toEqual([]);
  });
});

describe('tokenKey', () => {
  it('folds a trailing plural or possessive s, but not a double s or a short word', () => {
    expect(tokenKey('marys')).toBe('mary');
    expect(tokenKey('womens')).toBe('women');
    expect(tokenKey('class')).toBe('class');
    expect(tokenKey('bus')).toBe('bus');
  });
});
