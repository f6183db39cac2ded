import { SeenGrantIds } from './seen-grant-ids.js';

describe('SeenGrantIds', () => {
  it('answers the first row of an id seen before, and undefined for a new one', () => {
    const ids = new SeenGrantIds();
    expect(ids.seenBefore('360G-a', 0)).toBeUndefined();
    expect(ids.seenBefore('360G-b', 1)).toBeUndefined();
    expect(ids.seenBefore('360G-a', 2)).toBe(0);
    expect(ids.seenBefore('360G-a', 3)).toBe(0);
    expect(ids.seenBefore('360G-A', 4)).toBeUndefined(); // ids are case-sensitive, as the awards' external_id
  });

  it('keeps every id of a large file apart while it grows (200,000 ids, no false repeats)', () => {
    const ids = new SeenGrantIds();
    let repeats = 0;
    for (let i = 0; i < 200_000; i++) if (ids.seenBefore(`360G-bench-${i}`, i + 2) !== undefined) repeats++;
    expect(repeats).toBe(0);
    expect(ids.seenBefore('360G-bench-0', 300_000)).toBe(2);
    expect(ids.seenBefore('360G-bench-199999', 300_001)).toBe(200_001);
  });
});
