import { resolveClusters } from './clusters.js';
import type { HumanDecision, PairMatch } from './types.js';

const ORGS = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
const same = (aId: string, bId: string, confidence = 0.9): PairMatch => ({ aId, bId, decision: 'same', confidence, evidence: [`${aId}~${bId}`], method: 'name' });
const possible = (aId: string, bId: string): PairMatch => ({ aId, bId, decision: 'possible', confidence: 0.7, evidence: [], method: 'name' });
const members = (c: ReturnType<typeof resolveClusters>) => c.clusters.map((x) => x.memberIds.join('')).sort();

describe('resolveClusters', () => {
  it("joins 'same' pairs transitively and leaves 'possible' ones apart", () => {
    const c = resolveClusters(ORGS, [same('b', 'a'), same('b', 'c'), possible('c', 'd')]);
    expect(members(c)).toEqual(['abc']);
    expect(c.clusters[0].id).toBe('a');
    expect(c.clusters[0].links.map((l) => l.evidence[0]).sort()).toEqual(['b~a', 'b~c']);
    expect(['a', 'b', 'c', 'd'].map(c.clusterOf)).toEqual(['a', 'a', 'a', 'd']);
    expect(c.conflicts).toEqual([]);
  });

  it('a person merges a pair the matcher did not match', () => {
    const c = resolveClusters(ORGS, [], [{ aId: 'd', bId: 'e', decision: 'merge' }]);
    expect(members(c)).toEqual(['de']);
    expect(c.clusters[0].links).toEqual([{ aId: 'd', bId: 'e', source: 'person', confidence: 1, evidence: ['merged by a person'] }]);
  });

  it('a split wins over the matcher', () => {
    const c = resolveClusters(ORGS, [same('a', 'b')], [{ aId: 'b', bId: 'a', decision: 'split' }]);
    expect(members(c)).toEqual([]);
    expect(c.clusterOf('a')).toBe('a');
    expect(c.clusterOf('b')).toBe('b');
  });

  it('a split pair is never joined through a third record: the more confident link wins', () => {
    const c = resolveClusters(ORGS, [same('a', 'b', 0.95), same('b', 'c', 0.9)], [{ aId: 'a', bId: 'c', decision: 'split' }]);
    expect(members(c)).toEqual(['ab']);
    expect(c.conflicts).toEqual([{ aId: 'b', bId: 'c', source: 'matcher', reason: 'would join records a person split' }]);
  });

  it('conflicting chain: merge A-B, matcher B-C, split A-C keeps A with B and C apart', () => {
    const decisions: HumanDecision[] = [{ aId: 'a', bId: 'b', decision: 'merge' }, { aId: 'a', bId: 'c', decision: 'split' }];
    const c = resolveClusters(ORGS, [same('b', 'c', 0.99)], decisions);
    expect(members(c)).toEqual(['ab']);
    expect(c.clusterOf('c')).toBe('c');
    expect(c.conflicts).toEqual([{ aId: 'b', bId: 'c', source: 'matcher', reason: 'would join records a person split' }]);
  });

  it('refuses a person merge that would join a split pair, and reports it', () => {
    const decisions: HumanDecision[] = [
      { aId: 'a', bId: 'c', decision: 'split' },
      { aId: 'a', bId: 'b', decision: 'merge' },
      { aId: 'b', bId: 'c', decision: 'merge' },
    ];
    const c = resolveClusters(ORGS, [], decisions);
    expect(members(c)).toEqual(['ab']);
    expect(c.conflicts).toEqual([{ aId: 'b', bId: 'c', source: 'person', reason: 'would join records a person split' }]);
  });

  it('for one pair the latest decision counts', () => {
    const undone = resolveClusters(ORGS, [same('a', 'b')], [{ aId: 'a', bId: 'b', decision: 'merge' }, { aId: 'b', bId: 'a', decision: 'split' }]);
    expect(members(undone)).toEqual([]);
    const redone = resolveClusters(ORGS, [], [{ aId: 'a', bId: 'b', decision: 'split' }, { aId: 'a', bId: 'b', decision: 'merge' }]);
    expect(members(redone)).toEqual(['ab']);
  });

  it('ignores pairs naming unknown records', () => {
    const c = resolveClusters(ORGS, [same('a', 'zz')], [{ aId: 'zz', bId: 'b', decision: 'merge' }]);
    expect(members(c)).toEqual([]);
    expect(c.clusterOf('zz')).toBe('zz');
  });
});
