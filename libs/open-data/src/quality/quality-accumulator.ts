import { defaultOrgIdPrefixes } from './recognised-prefixes.js';
import {
  checkContext,
  firstSeenMismatch,
  funderIds,
  GRANT_CHECKS,
  QUALITY_CHECKS,
  viewOf,
  type GrantView,
  type LooseGrant,
  type QualityCheckName,
  type QualitySeverity,
} from './quality-checks.js';

export type QualityFinding = { check: QualityCheckName; severity: QualitySeverity; count: number; examples: string[] };

export type QualityOptions = {
  /** org-id list codes recognised as prefixes; defaults to the shipped org-id.guide list plus '360G'. */
  orgIdPrefixes?: Set<string>;
  /** Today, YYYY-MM-DD: the reference for future and far-past dates. */
  asOf: string;
};

const MAX_EXAMPLES = 5;

class Tally {
  count = 0;
  readonly examples: string[] = [];

  hit(grantId: string): void {
    this.count += 1;
    if (this.examples.length < MAX_EXAMPLES) this.examples.push(grantId);
  }
}

/**
 * Runs the Data Quality Tool checks one grant at a time, so a file of a million grants never sits
 * in memory: `add()` each grant as it is written, then read `result()`. Only the funder maps grow,
 * and they grow with the number of funders.
 */
export class QualityAccumulator {
  private readonly checks: [QualityCheckName, (v: GrantView) => boolean][];
  private readonly tallies = new Map<QualityCheckName, Tally>();
  private readonly firstGrantOfFunder = new Map<string, string>();
  private grants = 0;

  constructor(options: QualityOptions) {
    const ctx = checkContext(options.orgIdPrefixes ?? defaultOrgIdPrefixes(), options.asOf);
    const perGrant = Object.entries(GRANT_CHECKS).map(
      ([name, fails]) => [name as QualityCheckName, (v: GrantView) => fails(v, ctx)] as [QualityCheckName, (v: GrantView) => boolean],
    );
    this.checks = [
      ...perGrant,
      ['funder-id-several-names', firstSeenMismatch('id', 'name')],
      ['funder-name-several-ids', firstSeenMismatch('name', 'id')],
    ];
  }

  get grantsChecked(): number {
    return this.grants;
  }

  add(grant: LooseGrant): void {
    const id = typeof grant.id === 'string' ? grant.id : `grants[${this.grants}]`;
    this.grants += 1;
    const view = viewOf(grant);
    for (const [name, fails] of this.checks) {
      if (fails(view)) this.tally(name).hit(id);
    }
    for (const funderId of funderIds(view)) {
      if (!this.firstGrantOfFunder.has(funderId)) this.firstGrantOfFunder.set(funderId, id);
    }
  }

  /** The checks that fired, critical first, in the order of QUALITY_CHECKS. */
  result(): QualityFinding[] {
    return QUALITY_CHECKS.flatMap(({ check, severity }) => {
      const tally = check === 'more-than-one-funder' ? this.funderTally() : this.tallies.get(check);
      return tally && tally.count > 0 ? [{ check, severity, count: tally.count, examples: [...tally.examples] }] : [];
    });
  }

  private tally(name: QualityCheckName): Tally {
    let tally = this.tallies.get(name);
    if (!tally) this.tallies.set(name, (tally = new Tally()));
    return tally;
  }

  /** One file, one funder (DQT MoreThanOneFundingOrg): count = funder ids, examples = each one's first grant. */
  private funderTally(): Tally | undefined {
    if (this.firstGrantOfFunder.size < 2) return undefined;
    const tally = new Tally();
    for (const grantId of this.firstGrantOfFunder.values()) tally.hit(grantId);
    return tally;
  }
}

/** Runs every check over grants (any iterable: an array, or a generator reading a file). */
export function checkQuality(grants: Iterable<LooseGrant>, options: QualityOptions): QualityFinding[] {
  const accumulator = new QualityAccumulator(options);
  for (const grant of grants) accumulator.add(grant);
  return accumulator.result();
}
