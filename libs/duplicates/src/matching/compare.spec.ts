import { compareOrganisations } from './compare.js';
import { buildTokenStats } from './token-stats.js';
import { DEFAULT_MATCH_SETTINGS, type OrgRecord } from './types.js';

/** A small register of Milton Keynes names, so word rarity is realistic. */
const REGISTER = [
  'Milton Keynes Play Association', 'Milton Keynes Foodbank', 'Milton Keynes Carers Centre', 'Milton Keynes Credit Union',
  'Milton Keynes Community Foundation', 'Milton Keynes Christian Foundation', 'Milton Keynes Islamic Centre', 'Milton Keynes Youth Club',
  'Age UK Milton Keynes', 'Citizens Advice Milton Keynes', 'Milton Keynes Dementia Support', "Milton Keynes Women's Aid",
  'Bletchley Foodbank', 'Bletchley Community Association', 'Bletchley Cricket Club', 'Bletchley Methodist Church',
  'Olney Village Hall', 'Stantonbury Village Hall', 'Hanslope Village Hall', 'Wavendon Village Hall', 'Loughton Village Hall',
  'Broughton Village Hall', 'Sherington Village Hall', 'Castlethorpe Village Hall', 'Olney Play Association', 'Wolverton Play Association',
  'Wolverton Community Association', 'The Parks Trust', 'Inspire Community Trust', 'Olney Heritage Trust', 'Bletchley Park Trust',
  'Stony Stratford Trust', '1st Olney Scout Group', '2nd Olney Scout Group', 'Olney Cricket Club', 'Olney Football Club',
  'Newport Pagnell Foodbank', 'Olney Mosque', 'Bletchley Mosque',
];
const stats = buildTokenStats(REGISTER);

let next = 0;
function org(name: string, extra: Partial<OrgRecord> = {}): OrgRecord {
  next += 1;
  return { id: `o${next}`, name, aliases: [], charityNumber: null, companyNumber: null, orgId: null, postcode: null, ...extra };
}
const compare = (a: OrgRecord, b: OrgRecord, settings = DEFAULT_MATCH_SETTINGS) => compareOrganisations(a, b, stats, settings);

describe('compareOrganisations: identifiers decide first', () => {
  it('charity number 1234567 = GB-CHC-1234567: same, whatever the names', () => {
    const r = compare(org('MK Play Assoc.', { charityNumber: '1234567' }), org('Playing Out Milton Keynes', { charityNumber: 'GB-CHC-1234567' }));
    expect(r).toEqual({ decision: 'same', confidence: 1, evidence: ['charity number 1234567 on both'], method: 'identifier' });
  });

  it('company number 5123456 = 05123456: same', () => {
    const r = compare(org('Olney Community Fridge', { companyNumber: '5123456' }), org('Olney Fridge CIC', { companyNumber: '05123456' }));
    expect(r).toEqual({ decision: 'same', confidence: 1, evidence: ['company number 05123456 on both'], method: 'identifier' });
  });

  it('Age Concern MK and Age UK Milton Keynes: same through the charity number', () => {
    const r = compare(org('Age Concern MK', { charityNumber: '1098765' }), org('Age UK Milton Keynes', { orgId: 'GB-CHC-1098765', aliases: ['Age Concern Milton Keynes'] }));
    expect(r).toEqual({ decision: 'same', confidence: 1, evidence: ['charity number 1098765 on both'], method: 'identifier' });
  });

  it('two Village Halls of one name with different charity numbers: different', () => {
    const r = compare(org('Broughton Village Hall', { charityNumber: '1100001', postcode: 'MK10 9AA' }), org('Broughton Village Hall', { charityNumber: '1100002', postcode: 'MK10 9AA' }));
    expect(r).toEqual({ decision: 'different', confidence: 0, evidence: ['charity numbers differ: 1100001 vs 1100002'], method: 'identifier' });
  });

  it('branches of a federation with their own numbers: different', () => {
    const r = compare(org('Age UK Milton Keynes', { charityNumber: '1098765' }), org('Age UK', { charityNumber: '1128267' }));
    expect(r.decision).toBe('different');
    expect(r.method).toBe('identifier');
  });

  it('one identifier equal and another conflicting: only possible, both shown', () => {
    const r = compare(org('Olney Foodbank', { charityNumber: '1100001', companyNumber: '07000001' }), org('Olney Foodbank', { charityNumber: '1100001', companyNumber: '07000002' }));
    expect(r).toEqual({ decision: 'possible', confidence: 0.5, evidence: ['charity number 1100001 on both', 'company numbers differ: 07000001 vs 07000002'], method: 'identifier' });
  });

  it('identifiers of different schemes leave the decision to the names', () => {
    const r = compare(org('Olney Foodbank', { charityNumber: '1100001' }), org('Olney Food Bank Ltd', { companyNumber: '07000001' }));
    expect(r.method).toBe('name');
    expect(r.decision).toBe('same');
  });

  it('an alias is a name, never an identifier', () => {
    const renamed = org('Age UK Milton Keynes', { aliases: ['1098765'] });
    expect(compare(org('Age Concern Milton Keynes', { charityNumber: '1098765' }), renamed).method).toBe('name');
  });
});

describe('compareOrganisations: names', () => {
  it('"Milton Keynes Play Association" = "MK Play Assoc." = "M.K. Play Association Ltd"', () => {
    const [a, b, c] = ['Milton Keynes Play Association', 'MK Play Assoc.', 'M.K. Play Association Ltd'].map((n) => org(n));
    for (const [x, y] of [[a, b], [b, c], [a, c]]) expect(compare(x, y)).toMatchObject({ decision: 'same', confidence: 1, method: 'name' });
    expect(compare(b, c).evidence).toEqual(['names "MK Play Assoc." ~ "M.K. Play Association Ltd" (normalised "milton keynes play association" ~ "milton keynes play association"): token_set_ratio 100, rarity-weighted agreement 1.00']);
  });

  it('matches a renamed body through its recorded alias (Age Concern MK -> Age UK MK)', () => {
    const r = compare(org('Age Concern MK'), org('Age UK Milton Keynes', { aliases: ['Age Concern Milton Keynes'] }));
    expect(r.decision).toBe('same');
    expect(r.confidence).toBe(1);
    expect(r.evidence).toEqual(['names "Age Concern MK" ~ "Age Concern Milton Keynes" (normalised "age concern milton keynes" ~ "age concern milton keynes"): token_set_ratio 100, rarity-weighted agreement 1.00']);
    expect(compare(org('Age Concern MK'), org('Age UK Milton Keynes')).decision).not.toBe('same');
  });

  it('forgives a misspelling', () => {
    expect(compare(org('Milton Keynes Foodbank'), org('Milton Keynes Fodobank'))).toMatchObject({ decision: 'same', confidence: 0.95 });
    expect(compare(org('Olney Mosque'), org('Olney Mosuqe'))).toMatchObject({ decision: 'same', confidence: 0.92 });
  });

  it('weighs words by rarity: an extra generic word barely matters, an extra rare word does', () => {
    expect(compare(org('Milton Keynes Foodbank'), org('Milton Keynes Foodbank Trust'))).toMatchObject({ decision: 'same', confidence: 0.868 });
    expect(compare(org('Village Hall'), org('Stantonbury Village Hall'))).toMatchObject({ decision: 'different', confidence: 0.499 });
  });

  it('tells apart the same kind of body in two places, and two kinds in one place', () => {
    expect(compare(org('Bletchley Foodbank'), org('Olney Foodbank')).decision).toBe('different');
    expect(compare(org('Bletchley Methodist Church'), org('Bletchley Baptist Church')).decision).toBe('different');
    expect(compare(org('Bletchley Foodbank'), org('Olney Foodbank')).evidence).toEqual(['names "Bletchley Foodbank" ~ "Olney Foodbank": rarity-weighted agreement 0.42, too low for any spelling to match']);
  });

  it('numbered groups with different numbers are different bodies; a number in words is the same number', () => {
    expect(compare(org('1st Olney Scout Group'), org('2nd Olney Scout Group'))).toEqual({ decision: 'different', confidence: 0, evidence: ['names "1st Olney Scout Group" ~ "2nd Olney Scout Group": numbers differ'], method: 'name' });
    expect(compare(org('First Olney Scout Group'), org('1st Olney Scout Group')).decision).toBe('same');
  });
});

describe('compareOrganisations: postcodes', () => {
  const name = 'Olney Heritage Trust';
  const other = 'Olney Heritage Society';

  it('a shared postcode raises confidence (normalised before comparing)', () => {
    expect(compare(org(name), org(other))).toMatchObject({ decision: 'possible', confidence: 0.626 });
    const r = compare(org(name, { postcode: 'mk46 4aa' }), org(other, { postcode: 'MK464AA' }));
    expect(r).toMatchObject({ decision: 'possible', confidence: 0.726 });
    expect(r.evidence[1]).toBe('postcode MK46 4AA on both');
  });

  it('a different postcode lowers it, by less within one district', () => {
    const far = compare(org('Broughton Village Hall', { postcode: 'MK10 9AA' }), org('Broughton Village Hall', { postcode: 'NN14 1AA' }));
    expect(far).toMatchObject({ decision: 'possible', confidence: 0.8 });
    expect(far.evidence[1]).toBe('postcodes differ: MK10 9AA vs NN14 1AA');
    const near = compare(org('Broughton Village Hall', { postcode: 'MK10 9AA' }), org('Broughton Village Hall', { postcode: 'MK10 7BB' }));
    expect(near).toMatchObject({ decision: 'same', confidence: 0.95 });
    expect(near.evidence[1]).toBe('postcodes differ within MK10: MK10 9AA vs MK10 7BB');
  });
});

describe('compareOrganisations: settings', () => {
  it('takes its thresholds from MatchSettings', () => {
    const a = org('Milton Keynes Foodbank');
    const b = org('Milton Keynes Foodbank Trust');
    expect(compare(a, b, { ...DEFAULT_MATCH_SETTINGS, nameThreshold: 0.9 }).decision).toBe('possible');
    expect(compare(a, b, { ...DEFAULT_MATCH_SETTINGS, nameThreshold: 0.9, possibleThreshold: 0.87 }).decision).toBe('different');
    expect(compare(a, b).decision).toBe('same');
  });
});
