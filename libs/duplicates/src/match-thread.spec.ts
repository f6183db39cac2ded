import { buildTokenStats } from './matching/token-stats.js';
import { matchOrganisations, namesOf } from './matching/match-organisations.js';
import { DEFAULT_MATCH_SETTINGS, type OrgRecord } from './matching/types.js';
import { matchPart, tokenStatsOfPrepared } from './match-thread.js';

const org = (id: string, name: string, over: Partial<OrgRecord> = {}): OrgRecord => ({ id, name, aliases: [], charityNumber: null, companyNumber: null, orgId: null, postcode: null, ...over });
const ORGS = [
  org('1', 'Milton Keynes Play Association', { postcode: 'MK9 3XS' }),
  org('2', 'MK Play Assoc.', { postcode: 'MK9 3XS' }),
  org('3', 'M.K. Play Association Ltd', { aliases: ['', 'Play Association MK'] }),
  org('4', 'Bletchley Food Bank', { charityNumber: '1234567' }),
  org('5', 'Trussell Trust Bletchley', { charityNumber: '1234567' }),
  org('6', 'Olney Village Hall', { charityNumber: '1100001' }),
  org('7', 'Olney Village Hall', { charityNumber: '1100002' }),
  org('8', 'Bletchley Foodbank', { postcode: 'MK2 2AA' }),
];

describe('matching in parts', () => {
  it('counts word frequencies from prepared names exactly as buildTokenStats does', () => {
    const expected = buildTokenStats(namesOf(ORGS));
    const actual = tokenStatsOfPrepared(ORGS);
    expect(actual.names).toBe(expected.names);
    expect([...actual.namesWith].sort()).toEqual([...expected.namesWith].sort());
  });

  it('finds, across its parts, exactly the matches of matchOrganisations', () => {
    const whole = matchOrganisations(ORGS);
    const parts = [0, 1, 2].map((part) => matchPart({ orgs: ORGS, settings: DEFAULT_MATCH_SETTINGS, part, parts: 3 }));
    const key = (m: { aId: string; bId: string; decision: string; confidence: number }) => `${m.aId}-${m.bId}-${m.decision}-${m.confidence}`;
    expect(parts.map((p) => p.pairsCompared).reduce((x, y) => x + y)).toBeGreaterThan(whole.length);
    expect(parts.flatMap((p) => p.matches).map(key).sort()).toEqual(whole.map(key).sort());
    expect(whole.map((m) => [m.aId, m.bId, m.decision]).sort()).toEqual([['1', '2', 'same'], ['1', '3', 'same'], ['2', '3', 'same'], ['4', '5', 'same'], ['4', '8', 'same']]);
  });
});
