import { readFileSync } from 'node:fs';
import { generateOrgPairs, orgPairsJson } from '../../../../test/fixtures/org-pairs.generate.js';

describe('test/fixtures/org-pairs.json', () => {
  it('is exactly what the seeded generator writes (regenerate with scripts/eval-matching.ts --write-fixture)', () => {
    const onDisk = readFileSync(new URL('../../../../test/fixtures/org-pairs.json', import.meta.url), 'utf8');
    expect(orgPairsJson(generateOrgPairs())).toBe(onDisk);
  });

  it('gives every record a unique id', () => {
    const ids = generateOrgPairs().flatMap((p) => [p.a.id, p.b.id]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
