import type { SroiAward, SroiOutcome } from './sroi.types.js';

/** Test data: the worked example of DOMAIN.md §4 and small builders. */
export const intoWork: SroiOutcome = {
  description: 'people into work',
  quantity: '10',
  financialProxy: '10000',
  deadweight: '0.20',
  displacement: '0.10',
  attribution: '0.25',
  dropOff: '0.20',
  durationYears: 3,
};

export const lessIsolated: SroiOutcome = {
  description: 'people less isolated',
  quantity: '40',
  financialProxy: '1500',
  deadweight: '0.10',
  displacement: '0',
  attribution: '0.30',
  dropOff: '0.50',
  durationYears: 2,
};

/** A plain outcome worth `proxy` in year 1 only, nothing taken off. */
export const plainOutcome = (proxy: string, overrides: Partial<SroiOutcome> = {}): SroiOutcome => ({
  description: 'plain',
  quantity: '1',
  financialProxy: proxy,
  deadweight: '0',
  displacement: '0',
  attribution: '0',
  dropOff: '0',
  durationYears: 1,
  ...overrides,
});

export const makeAward = (overrides: Partial<SroiAward> = {}): SroiAward => ({
  awardId: 'award-1',
  inputsPence: 5_000_000n,
  outcomes: [intoWork, lessIsolated],
  programme: 'Into work',
  directorate: 'Adult social care',
  funder: 'Milton Keynes City Council',
  ...overrides,
});
