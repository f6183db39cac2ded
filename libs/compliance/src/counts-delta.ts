/**
 * The change to compliance_counts when subjects' findings are replaced: the old row's statuses
 * come out of their (old) group, the new ones go into their (new) group. Pure, so it is unit tested.
 */
import { RULE_IDS, type Finding, type FindingStatus } from './catalogue.js';
import type { OverallStatus, SubjectType } from './compliance.entities.js';

/** The rule key of the counts that holds each subject's overall (worst) status. */
export const OVERALL_RULE = '*';

/** What the counts know of one subject: its group and its status per rule. */
export type CountedSubject = {
  type: SubjectType;
  directorateId: string;
  programme: string;
  status: OverallStatus;
  statuses: Record<string, FindingStatus>;
};

export type CountDelta = { type: SubjectType; directorateId: string; programme: string; rule: string; status: string; n: number };

export class CountsDelta {
  private readonly deltas = new Map<string, CountDelta>();

  /** The subject's previous row leaves the counts (null: it had none); `times`: that many subjects counted alike. */
  remove(old: CountedSubject | null, times = 1): this {
    if (old) this.add(old, -times);
    return this;
  }

  /** The subject's new row enters the counts; `times`: that many subjects counted alike. */
  insert(next: CountedSubject, times = 1): this {
    return this.add(next, times);
  }

  /** Adds another delta's changes to this one (a re-check job gathers its batches' deltas and applies them together). */
  merge(other: CountsDelta): this {
    for (const [key, d] of other.deltas) {
      const mine = this.deltas.get(key);
      if (mine) mine.n += d.n;
      else this.deltas.set(key, { ...d });
    }
    return this;
  }

  /** The non-zero changes (as changes()), leaving this delta empty. */
  drain(): CountDelta[] {
    const changes = this.changes();
    this.deltas.clear();
    return changes;
  }

  /** Non-zero changes, sorted by key so that concurrent writers lock count rows in the same order. */
  changes(): CountDelta[] {
    return [...this.deltas.entries()]
      .filter(([, d]) => d.n !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, d]) => d);
  }

  /** `n` more (or fewer) subjects of this group with this status for this rule. */
  adjust(type: SubjectType, directorateId: string, programme: string, rule: string, status: string, n: number): this {
    const key = `${type}\u0000${directorateId}\u0000${programme}\u0000${rule}\u0000${status}`;
    const d = this.deltas.get(key);
    if (d) d.n += n;
    else this.deltas.set(key, { type, directorateId, programme, rule, status, n });
    return this;
  }

  private add(s: CountedSubject, sign: number): this {
    const group = `${s.type}\u0000${s.directorateId}\u0000${s.programme}\u0000`;
    this.count(s, group, OVERALL_RULE, s.status, sign);
    for (const rule in s.statuses) this.count(s, group, rule, s.statuses[rule], sign);
    return this;
  }

  private count(s: CountedSubject, group: string, rule: string, status: string, sign: number): void {
    const key = `${group}${rule}\u0000${status}`;
    const d = this.deltas.get(key);
    if (d) d.n += sign;
    else this.deltas.set(key, { type: s.type, directorateId: s.directorateId, programme: s.programme, rule, status, n: sign });
  }
}

const STATUSES: readonly FindingStatus[] = ['pass', 'warn', 'fail', 'not_applicable'];
const STATUS_INDEX: Readonly<Record<string, number>> = { pass: 0, warn: 1, fail: 2, not_applicable: 3 };
/** Slots of a group's tally: 4 statuses for each rule of RULE_IDS, then 4 for the overall status. */
const RULE_INDEX = new Map<string, number>(RULE_IDS.map((r, i) => [r, i]));
const OVERALL_SLOT = RULE_IDS.length * 4;
const SLOTS = OVERALL_SLOT + 4;

type GroupTally = { type: SubjectType; directorateId: string; programme: string; slots: Int32Array; other: CountsDelta | null };

/**
 * Counts thousands of subjects into a CountsDelta without building a string key for every rule of every
 * subject: per group (type, directorate, programme) an array of counts by rule and status, added to a
 * CountsDelta once (into). The same changes as CountsDelta.insert/remove for each subject.
 */
export class StatusTally {
  private readonly groups = new Map<string, GroupTally>();

  /** A subject's new findings enter (sign 1) or its old ones leave (sign -1) the counts. */
  findings(type: SubjectType, directorateId: string, programme: string, status: OverallStatus, findings: readonly Pick<Finding, 'rule' | 'status'>[], sign: 1 | -1): void {
    const g = this.group(type, directorateId, programme);
    g.slots[OVERALL_SLOT + STATUS_INDEX[status]] += sign;
    for (let i = 0; i < findings.length; i++) this.count(g, findings[i].rule, findings[i].status, sign);
  }

  /** As findings, from the stored statuses by rule. */
  statuses(type: SubjectType, directorateId: string, programme: string, status: OverallStatus, statuses: Readonly<Record<string, FindingStatus>>, sign: 1 | -1): void {
    const g = this.group(type, directorateId, programme);
    g.slots[OVERALL_SLOT + STATUS_INDEX[status]] += sign;
    for (const rule in statuses) this.count(g, rule, statuses[rule], sign);
  }

  /** Adds another tally's counts to this one (a re-check job gathers its batches' tallies). */
  merge(other: StatusTally): this {
    for (const o of other.groups.values()) {
      const g = this.group(o.type, o.directorateId, o.programme);
      for (let slot = 0; slot < SLOTS; slot++) g.slots[slot] += o.slots[slot];
      if (o.other) (g.other ??= new CountsDelta()).merge(o.other);
    }
    return this;
  }

  /** The counts as a CountsDelta, leaving this tally empty. */
  drain(): CountsDelta {
    const delta = this.into(new CountsDelta());
    this.groups.clear();
    return delta;
  }

  /** Adds the counts to a CountsDelta. */
  into(delta: CountsDelta): CountsDelta {
    for (const g of this.groups.values()) {
      for (let slot = 0; slot < SLOTS; slot++) {
        const n = g.slots[slot];
        if (n === 0) continue;
        const rule = slot >= OVERALL_SLOT ? OVERALL_RULE : RULE_IDS[slot >> 2];
        delta.adjust(g.type, g.directorateId, g.programme, rule, STATUSES[slot & 3], n);
      }
      if (g.other) delta.merge(g.other);
    }
    return delta;
  }

  private group(type: SubjectType, directorateId: string, programme: string): GroupTally {
    const key = `${type}\u0000${directorateId}\u0000${programme}`;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { type, directorateId, programme, slots: new Int32Array(SLOTS), other: null }));
    return g;
  }

  private count(g: GroupTally, rule: string, status: string, sign: number): void {
    const r = RULE_INDEX.get(rule);
    const s = STATUS_INDEX[status];
    // A rule or status outside the catalogue (not stored by this version): counted as is.
    if (r === undefined || s === undefined || !Object.hasOwn(STATUS_INDEX, status)) (g.other ??= new CountsDelta()).adjust(g.type, g.directorateId, g.programme, rule, status, sign);
    else g.slots[r * 4 + s] += sign;
  }
}
