import { BlockIndex, blockingKeys, candidatePairs } from './blocking.js';
import { buildTokenStats } from './token-stats.js';
import { DEFAULT_MATCH_SETTINGS, type OrgRecord } from './types.js';

function org(id: string, name: string, extra: Partial<OrgRecord> = {}): OrgRecord {
  return { id, name, aliases: [], charityNumber: null, companyNumber: null, orgId: null, postcode: null, ...extra };
}

const ORGS = [
  org('a', 'Olney Foodbank', { charityNumber: '1100001', postcode: 'mk46 4aa' }),
  org('b', 'Olney Food Bank Ltd', { postcode: 'MK46 9ZZ' }),
  org('c', 'Olney Fodbank', { postcode: 'MK46 5BB' }),
  org('d', 'Bletchley Community Association', { companyNumber: '5123456' }),
  org('e', 'The Bletchley Community Assoc.', { postcode: 'MK2 2AA' }),
  org('f', 'Wolverton Play Association', { companyNumber: '05123456' }),
  org('g', 'Age UK Milton Keynes', { aliases: ['Age Concern Milton Keynes'] }),
  org('h', 'Age Concern MK'),
  org('i', 'Oxfam'),
  org('j', 'OXFAM'),
  org('k', 'Stantonbury Village Hall', { postcode: 'MK14 6BN' }),
];
const stats = buildTokenStats(ORGS.flatMap((o) => [o.name, ...o.aliases]));

const pairIds = (pairs: Iterable<[OrgRecord, OrgRecord]>) => [...pairs].map(([x, y]) => [x.id, y.id].sort().join('-')).sort();

describe('blockingKeys', () => {
  it('keys a two-word name on its identifier, postcode, its word pair and each word within the district', () => {
    expect(blockingKeys(ORGS[0], stats).sort()).toEqual(['id:GB-CHC:1100001', 'pc:MK46 4AA', 'tok2:foodbank+olney', 'tok:foodbank@MK46', 'tok:olney@MK46']);
  });

  it('keys a longer name on each pair of its three rarest words, without district keys', () => {
    expect(blockingKeys(ORGS[4], stats).sort()).toEqual(['pc:MK2 2AA', 'tok2:association+bletchley', 'tok2:association+community', 'tok2:bletchley+community']);
  });

  it('keys aliases like names, and a one-word name on its word', () => {
    expect(blockingKeys(ORGS[6], stats)).toContain('tok2:age+concern');
    expect(blockingKeys(ORGS[8], stats)).toEqual(['tok:oxfam']);
  });
});

describe('candidatePairs', () => {
  it('pairs records that share a key, each pair once, and never the rest', () => {
    expect(pairIds(candidatePairs(ORGS, stats))).toEqual(['a-b', 'a-c', 'b-c', 'd-e', 'd-f', 'g-h', 'i-j']);
  });

  it('misses a misspelt two-word name with no postcode: its only word pair differs (a known limit)', () => {
    const records = [org('x', 'Olney Foodbank'), org('y', 'Olney Fodbank')];
    expect(pairIds(candidatePairs(records, stats))).toEqual([]);
  });

  it('yields fewer pairs than all pairs', () => {
    expect([...candidatePairs(ORGS, stats)].length).toBeLessThan((ORGS.length * (ORGS.length - 1)) / 2);
  });

  it('skips blocks larger than maxBlockSize', () => {
    const halls = ['Olney', 'Hanslope', 'Wavendon', 'Loughton'].map((p, i) => org(`v${i}`, `${p} Village Hall`, { postcode: 'MK46 1AA' }));
    const hallStats = buildTokenStats(halls.map((h) => h.name));
    expect([...candidatePairs(halls, hallStats, { maxBlockSize: 4 })].length).toBe(6);
    expect([...candidatePairs(halls, hallStats, { maxBlockSize: 3 })].length).toBe(0);
  });
});

describe('BlockIndex.candidatesFor', () => {
  it('finds the indexed records sharing a block with a new record', () => {
    const index = new BlockIndex(ORGS, stats, DEFAULT_MATCH_SETTINGS);
    const found = index.candidatesFor(org('new', 'M.K. Age Concern')).map((o) => o.id);
    expect(found.sort()).toEqual(['g', 'h']);
  });
});
