/**
 * Hand-run timing check (not a unit test): 100,000 awards × 3 outcomes through SroiAccumulator.
 * Issue 6 asks for ≤ 20 s. Run from /work/main:
 *   NODE_OPTIONS='--experimental-vm-modules --no-warnings' npx jest -c libs/sroi/bench/jest.bench.config.js
 */
import { expect, it } from '@jest/globals';
import { SroiAccumulator, type SroiAward, type SroiOutcome } from '../src/index.js';

const AWARDS = 100_000;
const outcome = (i: number, k: number): SroiOutcome => ({
  description: `outcome ${k}`,
  quantity: String(5 + ((i + k) % 40)),
  financialProxy: `${1000 + ((i * 7 + k) % 9000)}.${String(i % 100).padStart(2, '0')}`,
  deadweight: `0.${(i + k) % 10}5`,
  displacement: `0.${(i * 3 + k) % 5}`,
  attribution: `0.${(i + 2 * k) % 9}0`,
  dropOff: `0.${(i + k) % 6}`,
  durationYears: 1 + ((i + k) % 5),
});

function* awards(): Generator<SroiAward> {
  for (let i = 0; i < AWARDS; i++)
    yield {
      awardId: `award-${i}`,
      inputsPence: BigInt(1_000_000 + (i % 500) * 10_000),
      outcomes: [0, 1, 2].map((k) => outcome(i, k)),
      programme: `programme ${i % 40}`,
      directorate: `directorate ${i % 5}`,
      funder: `funder ${i % 7}`,
    };
}

it('summarises 100,000 awards × 3 outcomes', () => {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const acc = new SroiAccumulator();
  for (const award of awards()) acc.add(award);
  const rows = acc.result();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuSeconds = process.cpuUsage(cpu).user / 1e6;
  console.log(`${AWARDS} awards × 3 outcomes: ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU, ${rows.length} rows, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
  expect(rows.filter((r) => r.level === 'funder')).toHaveLength(7);
});
