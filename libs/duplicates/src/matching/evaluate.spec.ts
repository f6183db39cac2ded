import { readFileSync } from 'node:fs';
import { evaluate, type LabelledPair } from './evaluate.js';
import { DEFAULT_MATCH_SETTINGS, type OrgRecord } from './types.js';

const FIXTURE = new URL('../../../../test/fixtures/org-pairs.json', import.meta.url);

function org(id: string, name: string, extra: Partial<OrgRecord> = {}): OrgRecord {
  return { id, name, aliases: [], charityNumber: null, companyNumber: null, orgId: null, postcode: null, ...extra };
}

describe('evaluate', () => {
  it("counts only 'same' as a predicted match", () => {
    const pairs: LabelledPair[] = [
      { a: org('1a', 'MK Play Assoc.'), b: org('1b', 'Milton Keynes Play Association'), same: true, kind: 'abbreviation' },
      { a: org('2a', 'Olney Heritage Trust', { postcode: 'MK46 4AA' }), b: org('2b', 'Olney Heritage Trust', { postcode: 'NN14 1AA' }), same: true, kind: 'moved' },
      { a: org('3a', 'Broughton Village Hall', { charityNumber: '1100001' }), b: org('3b', 'Broughton Village Hall', { charityNumber: '1100002' }), same: false, kind: 'same-name-different-charity' },
      { a: org('4a', 'Olney Foodbank', { charityNumber: '1100003' }), b: org('4b', 'Bletchley Foodbank', { charityNumber: '1100003' }), same: false, kind: 'mislabelled' },
    ];
    const r = evaluate(pairs);
    expect({ tp: r.tp, fp: r.fp, fn: r.fn, tn: r.tn, possible: r.possible }).toEqual({ tp: 1, fp: 1, fn: 1, tn: 1, possible: 1 });
    expect(r.precision).toBe(0.5);
    expect(r.recall).toBe(0.5);
    expect(r.byKind['moved']).toEqual({ pairs: 1, tp: 0, fp: 0, fn: 1, tn: 0 });
    expect(r.mistakes.map((m) => `${m.kind} ${m.result.decision}`)).toEqual(['moved possible', 'mislabelled same']);
  });
});

describe('the labelled evaluation set (test/fixtures/org-pairs.json)', () => {
  const pairs = JSON.parse(readFileSync(FIXTURE, 'utf8')) as LabelledPair[];
  const result = evaluate(pairs, DEFAULT_MATCH_SETTINGS);

  it('holds at least 2,000 pairs of every kind DOMAIN.md names, most positives without identifiers', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(2000);
    const kinds = new Set(pairs.map((p) => p.kind));
    for (const kind of ['abbreviation', 'punctuation', 'suffix', 'typo', 'rename-alias', 'identifier-format', 'same-name-different-charity', 'different-town', 'unrelated-similar', 'federation-branch']) expect(kinds.has(kind)).toBe(true);
    const positives = pairs.filter((p) => p.same);
    const namesOnly = positives.filter((p) => [p.a, p.b].every((o) => !o.charityNumber && !o.companyNumber && !o.orgId));
    expect(namesOnly.length / positives.length).toBeGreaterThan(0.5);
  });

  it('reaches precision >= 0.95 and recall >= 0.90 at the default settings', () => {
    expect(result.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.recall).toBeGreaterThanOrEqual(0.9);
    expect(result.pipelineRecall).toBeGreaterThanOrEqual(0.9);
  });

  it('never merges two registered charities, and always merges one written two ways', () => {
    expect(result.byKind['same-name-different-charity']).toMatchObject({ fp: 0, tn: result.byKind['same-name-different-charity'].pairs });
    expect(result.byKind['federation-branch']).toMatchObject({ fp: 0 });
    expect(result.byKind['identifier-format']).toMatchObject({ fn: 0, tp: result.byKind['identifier-format'].pairs });
  });
});
