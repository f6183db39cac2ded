import { resolveClusters } from './clusters.js';
import { matchOrganisations } from './match-organisations.js';
import type { OrgRecord } from './types.js';

function org(id: string, name: string, extra: Partial<OrgRecord> = {}): OrgRecord {
  return { id, name, aliases: [], charityNumber: null, companyNumber: null, orgId: null, postcode: null, ...extra };
}

const ORGS = [
  org('play-1', 'Milton Keynes Play Association', { postcode: 'MK9 3XS' }),
  org('play-2', 'MK Play Assoc.'),
  org('play-3', 'M.K. Play Association Ltd', { postcode: 'mk93xs' }),
  org('age-1', 'Age Concern MK', { charityNumber: '1098765' }),
  org('age-2', 'Age UK Milton Keynes', { orgId: 'GB-CHC-1098765', aliases: ['Age Concern Milton Keynes'] }),
  org('hall-1', 'Broughton Village Hall', { charityNumber: '1100001' }),
  org('hall-2', 'Broughton Village Hall', { charityNumber: '1100002' }),
  org('food-1', 'Bletchley Foodbank', { postcode: 'MK2 2AA' }),
  org('food-2', 'Olney Foodbank', { postcode: 'MK46 4AA' }),
];

describe('matchOrganisations', () => {
  const matches = matchOrganisations(ORGS);

  it("returns the 'same' and 'possible' pairs with their evidence, never the different ones", () => {
    const found = matches.map((m) => `${[m.aId, m.bId].sort().join('=')} ${m.decision}`).sort();
    expect(found).toEqual(['age-1=age-2 same', 'play-1=play-2 same', 'play-1=play-3 same', 'play-2=play-3 same']);
    const byNumber = matches.find((m) => m.aId.startsWith('age'))!;
    expect(byNumber.evidence).toEqual(['charity number 1098765 on both']);
    expect(matches.find((m) => [m.aId, m.bId].sort().join() === 'play-1,play-3')!.evidence[1]).toBe('postcode MK9 3XS on both');
  });

  it('feeds resolveClusters: one cluster per real organisation', () => {
    const clustering = resolveClusters(ORGS, matches);
    expect(clustering.clusters.map((c) => c.memberIds).sort()).toEqual([['age-1', 'age-2'], ['play-1', 'play-2', 'play-3']]);
    expect(clustering.clusterOf('hall-2')).toBe('hall-2');
  });
});
