import { SroiAccumulator } from './summarise-sroi.js';
import { makeAward } from './sroi.fixtures.js';

describe('SroiAccumulator.addWithoutOutcomes', () => {
  it('counts awards without outcomes in bulk exactly as adding them one by one', () => {
    const one = new SroiAccumulator();
    one.add(makeAward());
    one.add(makeAward({ awardId: 'award-2', inputsPence: 1_234_567n, outcomes: [] }));
    one.add(makeAward({ awardId: 'award-3', inputsPence: 765_433n, outcomes: [] }));
    const bulk = new SroiAccumulator();
    bulk.add(makeAward());
    bulk.addWithoutOutcomes({ programme: 'Into work', directorate: 'Adult social care', funder: 'Milton Keynes City Council' }, 2, 2_000_000n);
    const groups = (acc: SroiAccumulator) => acc.result().filter((r) => r.level !== 'award');
    expect(groups(bulk)).toEqual(groups(one));
    expect(groups(bulk).find((r) => r.level === 'funder')).toMatchObject({
      awards: 3, awardsWithoutOutcomes: 2, inputs: '70000.00', presentValue: '177837.81', netPresentValue: '107837.81', ratio: '2.54',
    });
    expect(bulk.result().filter((r) => r.level === 'award').map((r) => r.key)).toEqual(['award-1']);
  });

  it('refuses a negative or fractional count', () => {
    const acc = new SroiAccumulator();
    expect(() => acc.addWithoutOutcomes({ programme: null, directorate: null, funder: null }, -1, 0n)).toThrow(/whole numbers/);
    expect(() => acc.addWithoutOutcomes({ programme: null, directorate: null, funder: null }, 1.5, 0n)).toThrow(/whole numbers/);
    acc.addWithoutOutcomes({ programme: null, directorate: null, funder: null }, 0, 0n);
    expect(acc.result()).toEqual([]);
  });
});
