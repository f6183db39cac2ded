import { mergeFindings } from './open-data.job.js';

describe('mergeFindings', () => {
  it('adds the counts of each check across files, keeps five examples, in the Data Quality Tool order', () => {
    const merged = mergeFindings([
      [{ check: 'no-grant-programme', severity: 'usefulness', count: 2, examples: ['a', 'b'] }],
      [
        { check: 'zero-amount', severity: 'critical', count: 1, examples: ['z'] },
        { check: 'no-grant-programme', severity: 'usefulness', count: 4, examples: ['c', 'd', 'e', 'f'] },
      ],
    ]);
    expect(merged).toEqual([
      { check: 'zero-amount', severity: 'critical', count: 1, examples: ['z'] },
      { check: 'no-grant-programme', severity: 'usefulness', count: 6, examples: ['a', 'b', 'c', 'd', 'e'] },
    ]);
    expect(mergeFindings([[], []])).toEqual([]);
  });
});
