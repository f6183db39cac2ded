import type { SeedSize } from '../seed.js';
import { formatCount } from './stats.js';

/** Each benchmark runs at two sizes, the smaller a tenth of the larger, to show how it scales. */
export const SIZES: Record<'full' | 'quick', readonly [SeedSize, SeedSize]> = {
  full: [
    { awards: 100_000, organisations: 20_000 },
    { awards: 1_000_000, organisations: 200_000 },
  ],
  quick: [
    { awards: 10_000, organisations: 2_000 },
    { awards: 100_000, organisations: 20_000 },
  ],
};

/** The size the issues' goals are stated for. */
export const GOAL_SIZE = SIZES.full[1];

export const databaseName = (s: SeedSize) => `bench_${formatCount(s.awards).toLowerCase()}`;
export const sizeLabel = (s: SeedSize) => `${formatCount(s.awards)} awards / ${formatCount(s.organisations)} orgs`;

/** Linear projection of a time to another size (stated as such wherever it is shown). */
export const projectLinear = (value: number, fromSize: number, toSize: number) => (value * toSize) / fromSize;
