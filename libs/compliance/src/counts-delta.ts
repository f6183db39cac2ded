/**
 * The change to compliance_counts when subjects' findings are replaced: the old row's statuses
 * come out of their (old) group, the new ones go into their (new) group. Pure, so it is unit tested.
 */
import type { FindingStatus } from './catalogue.js';
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

  /** The subject's previous row leaves the counts (null: it had none). */
  remove(old: CountedSubject | null): this {
    if (old) this.add(old, -1);
    return this;
  }

  /** The subject's new row enters the counts. */
  insert(next: CountedSubject): this {
    return this.add(next, 1);
  }

  /** Non-zero changes, sorted by key so that concurrent writers lock count rows in the same order. */
  changes(): CountDelta[] {
    return [...this.deltas.entries()]
      .filter(([, d]) => d.n !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, d]) => d);
  }

  private add(s: CountedSubject, sign: 1 | -1): this {
    const group = `${s.type}\u0000${s.directorateId}\u0000${s.programme}\u0000`;
    this.count(s, group, OVERALL_RULE, s.status, sign);
    for (const rule in s.statuses) this.count(s, group, rule, s.statuses[rule], sign);
    return this;
  }

  private count(s: CountedSubject, group: string, rule: string, status: string, sign: 1 | -1): void {
    const key = `${group}${rule}\u0000${status}`;
    const d = this.deltas.get(key);
    if (d) d.n += sign;
    else this.deltas.set(key, { type: s.type, directorateId: s.directorateId, programme: s.programme, rule, status, n: sign });
  }
}
