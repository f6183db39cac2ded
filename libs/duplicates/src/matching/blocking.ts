import { identifierKeys } from './identifiers.js';
import { prepareOrganisation, type PreparedOrg } from './prepare.js';
import { namesWithToken, type TokenStats } from './token-stats.js';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings, type OrgRecord } from './types.js';

type BlockSettings = Pick<MatchSettings, 'maxBlockSize'>;

/** How many of a name's rarest words its keys are built from. */
const RAREST_TOKENS = 3;

/**
 * The blocks a record falls in; two records are compared only when they share one, so no step
 * compares every pair (Splink-style blocking rules, OR-ed). Keys:
 * - each identifier, and the full postcode;
 * - for the name and every alias, each pair of its three rarest words ('bletchley + foodbank'), so
 *   one misspelt or extra word still leaves a pair in common;
 * - for a name of one or two words, each word within the postcode district ('foodbank @ MK2'), and a
 *   one-word name on that word.
 * Blocks larger than settings.maxBlockSize (generic pairs such as 'village + hall') are skipped.
 */
export function blockingKeys(org: OrgRecord, stats: TokenStats): string[] {
  return keysOfPrepared(prepareOrganisation(org), stats);
}

function keysOfPrepared(p: PreparedOrg, stats: TokenStats): string[] {
  const keys = new Set(identifierKeys(p.ids));
  if (p.postcode) keys.add(`pc:${p.postcode}`);
  for (const name of p.names) {
    const rarest = rarestTokens(name.keys, stats);
    if (rarest.length === 1) keys.add(`tok:${rarest[0]}`);
    for (let i = 0; i < rarest.length; i += 1) for (let j = i + 1; j < rarest.length; j += 1) keys.add(`tok2:${rarest[i] < rarest[j] ? `${rarest[i]}+${rarest[j]}` : `${rarest[j]}+${rarest[i]}`}`);
    // A two-word name has one word pair, which a misspelling breaks: its words also block within the district.
    if (p.district && rarest.length <= 2) rarest.forEach((x) => keys.add(`tok:${x}@${p.district}`));
  }
  return [...keys];
}

function rarestTokens(keys: string[], stats: TokenStats): string[] {
  if (keys.length <= 1) return [...keys];
  const counted = keys.map((key) => ({ key, n: namesWithToken(stats, key) }));
  return counted.sort((x, y) => x.n - y.n || (x.key < y.key ? -1 : 1)).slice(0, RAREST_TOKENS).map((x) => x.key);
}

/** Records grouped by blocking key, for all-pairs blocking and for one record's candidates. */
export class BlockIndex {
  readonly prepared: PreparedOrg[];
  private readonly blockIdOf = new Map<string, number>();
  private readonly members: number[][] = [];
  /** Per record, the ids of its usable blocks (2..maxBlockSize members), ascending. */
  private readonly usableBlocksOf: Int32Array[];

  constructor(
    orgs: readonly OrgRecord[],
    private readonly stats: TokenStats,
    private readonly settings: BlockSettings = DEFAULT_MATCH_SETTINGS,
  ) {
    this.prepared = orgs.map(prepareOrganisation);
    const blocksOf = this.prepared.map((p, i) => keysOfPrepared(p, stats).map((key) => this.addMember(key, i)));
    this.usableBlocksOf = blocksOf.map((ids) => {
      const usable = new Int32Array(ids.length);
      let n = 0;
      for (const id of ids) if (this.usable(id)) usable[n++] = id;
      return usable.subarray(0, n).sort();
    });
  }

  /**
   * Every candidate pair once, as indexes into the records: a pair sharing several blocks is
   * yielded only in the first. Blocks larger than settings.maxBlockSize are skipped.
   */
  *indexPairs(): Generator<[number, number]> {
    for (let block = 0; block < this.members.length; block += 1) {
      if (!this.usable(block)) continue;
      const m = this.members[block];
      for (let x = 0; x < m.length; x += 1) {
        for (let y = x + 1; y < m.length; y += 1) {
          if (firstCommon(this.usableBlocksOf[m[x]], this.usableBlocksOf[m[y]]) === block) yield [m[x], m[y]];
        }
      }
    }
  }

  *pairs(): Generator<[OrgRecord, OrgRecord]> {
    for (const [i, j] of this.indexPairs()) yield [this.prepared[i].record, this.prepared[j].record];
  }

  /** The indexed records that share a usable block with `org` (to re-match one new or changed record). */
  candidatesFor(org: OrgRecord): OrgRecord[] {
    const found = new Set<number>();
    for (const key of blockingKeys(org, this.stats)) {
      const block = this.blockIdOf.get(key);
      if (block !== undefined && this.members[block].length <= this.settings.maxBlockSize) this.members[block].forEach((i) => found.add(i));
    }
    return [...found].map((i) => this.prepared[i].record).filter((o) => o.id !== org.id);
  }

  private addMember(key: string, i: number): number {
    let block = this.blockIdOf.get(key);
    if (block === undefined) {
      block = this.members.length;
      this.blockIdOf.set(key, block);
      this.members.push([]);
    }
    this.members[block].push(i);
    return block;
  }

  private usable(block: number): boolean {
    const size = this.members[block].length;
    return size >= 2 && size <= this.settings.maxBlockSize;
  }
}

/** The smallest value in both ascending arrays, or -1. */
function firstCommon(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) return a[i];
    if (a[i] < b[j]) i += 1;
    else j += 1;
  }
  return -1;
}

/** Each candidate pair once, without comparing every pair. */
export function candidatePairs(orgs: readonly OrgRecord[], stats: TokenStats, settings: BlockSettings = DEFAULT_MATCH_SETTINGS): Generator<[OrgRecord, OrgRecord]> {
  return new BlockIndex(orgs, stats, settings).pairs();
}
