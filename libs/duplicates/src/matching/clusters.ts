import { pairKey } from './pair-key.js';
import type { HumanDecision, OrgRecord, PairMatch } from './types.js';

/** A link that joined two records in a cluster: a person's merge or the matcher's 'same'. */
export type ClusterLink = { aId: string; bId: string; source: 'person' | 'matcher'; confidence: number; evidence: string[] };

/** A link that was refused because it would put two records a person split into one cluster. */
export type ClusterConflict = { aId: string; bId: string; source: 'person' | 'matcher'; reason: string };

/** One real organisation: its records (id = the smallest member id, stable across runs) and the links that joined them. */
export type OrgCluster = { id: string; memberIds: string[]; links: ClusterLink[] };

export type Clustering = {
  /** Clusters of two or more records. */
  clusters: OrgCluster[];
  /** The cluster id of any record (its own id when it stands alone). */
  clusterOf(orgId: string): string;
  conflicts: ClusterConflict[];
};

/**
 * Groups records into organisations: union-find over the matcher's 'same' pairs, with people's
 * decisions winning (DOMAIN.md section 3: "that decision sticks").
 *
 * - Decisions are read in order; for one pair the last decision counts (a merge later undone by a split is a split).
 * - A split is absolute: the two records never end in one cluster, directly or through a chain of
 *   other records. Any union that would join a split pair is refused and reported in `conflicts`.
 * - Person merges are applied first, then the matcher's 'same' pairs from the most to the least
 *   confident. So in the chain A-B (merged by a person), B-C (matcher), A-C (split by a person), B-C
 *   is refused: A and B stay together and C stays out. Between two matcher links that would join a
 *   split pair, the more confident one wins.
 */
export function resolveClusters(orgs: readonly Pick<OrgRecord, 'id'>[], matches: readonly PairMatch[], decisions: readonly HumanDecision[] = []): Clustering {
  const uf = new ConstrainedUnionFind(orgs.map((o) => o.id));
  const latest = latestDecisions(decisions);
  for (const d of latest.values()) if (d.decision === 'split') uf.forbid(d.aId, d.bId);
  const links: ClusterLink[] = [];
  const conflicts: ClusterConflict[] = [];
  const link = (l: ClusterLink) => {
    if (!uf.has(l.aId) || !uf.has(l.bId)) return;
    if (uf.union(l.aId, l.bId)) links.push(l);
    else if (!uf.connected(l.aId, l.bId)) conflicts.push({ aId: l.aId, bId: l.bId, source: l.source, reason: 'would join records a person split' });
  };
  for (const d of latest.values()) if (d.decision === 'merge') link({ aId: d.aId, bId: d.bId, source: 'person', confidence: 1, evidence: ['merged by a person'] });
  const same = matches.filter((m) => m.decision === 'same' && !latest.has(pairKey(m.aId, m.bId)));
  for (const m of [...same].sort((x, y) => y.confidence - x.confidence)) link({ aId: m.aId, bId: m.bId, source: 'matcher', confidence: m.confidence, evidence: m.evidence });
  const clusterOf = uf.clusterOf();
  return { clusters: uf.clusters(links, clusterOf), clusterOf, conflicts };
}

function latestDecisions(decisions: readonly HumanDecision[]): Map<string, HumanDecision> {
  const latest = new Map<string, HumanDecision>();
  for (const d of decisions) {
    const key = pairKey(d.aId, d.bId);
    latest.delete(key); // keep the map in the order of each pair's latest decision
    latest.set(key, d);
  }
  return latest;
}

/** Union-find over record ids whose roots remember which records their members must never join. */
class ConstrainedUnionFind {
  private readonly index = new Map<string, number>();
  private readonly ids: string[];
  private readonly parent: Int32Array;
  /** Members and split-from ids of each root, created when first needed (most records stay alone). */
  private readonly members = new Map<number, number[]>();
  private readonly forbidden = new Map<number, Set<number>>();

  constructor(ids: readonly string[]) {
    this.ids = [...ids];
    this.ids.forEach((id, i) => this.index.set(id, i));
    this.parent = Int32Array.from(this.ids, (_, i) => i);
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  connected(a: string, b: string): boolean {
    return this.root(a) === this.root(b);
  }

  forbid(a: string, b: string): void {
    if (!this.has(a) || !this.has(b)) return;
    this.forbiddenOf(this.root(a)).add(this.index.get(b)!);
    this.forbiddenOf(this.root(b)).add(this.index.get(a)!);
  }

  /** Joins the two clusters; false when already one, or when a split forbids it. */
  union(a: string, b: string): boolean {
    let ra = this.root(a);
    let rb = this.root(b);
    if (ra === rb) return false;
    for (const x of this.forbidden.get(ra) ?? []) if (this.find(x) === rb) return false;
    if (this.membersOf(ra).length < this.membersOf(rb).length) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    const into = this.membersOf(ra);
    for (const m of this.membersOf(rb)) into.push(m);
    for (const x of this.forbidden.get(rb) ?? []) this.forbiddenOf(ra).add(x);
    this.members.delete(rb);
    this.forbidden.delete(rb);
    return true;
  }

  /** Cluster id (smallest member id) of a record. */
  clusterOf(): (id: string) => string {
    const clusterIds = new Map<number, string>();
    for (const [root, members] of this.members) clusterIds.set(root, members.map((m) => this.ids[m]).reduce((min, x) => (x < min ? x : min)));
    return (id) => (this.has(id) ? (clusterIds.get(this.root(id)) ?? id) : id);
  }

  clusters(links: readonly ClusterLink[], clusterOf: (id: string) => string): OrgCluster[] {
    const byRoot = new Map<number, ClusterLink[]>();
    for (const l of links) {
      const root = this.root(l.aId);
      if (!byRoot.has(root)) byRoot.set(root, []);
      byRoot.get(root)!.push(l);
    }
    return [...byRoot].map(([root, rootLinks]) => ({ id: clusterOf(this.ids[root]), memberIds: this.membersOf(root).map((m) => this.ids[m]).sort(), links: rootLinks }));
  }

  private root(id: string): number {
    return this.find(this.index.get(id)!);
  }

  private find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root];
    for (let x = i; x !== root; ) {
      const next = this.parent[x];
      this.parent[x] = root;
      x = next;
    }
    return root;
  }

  private membersOf(root: number): number[] {
    let m = this.members.get(root);
    if (!m) this.members.set(root, (m = [root]));
    return m;
  }

  private forbiddenOf(root: number): Set<number> {
    let f = this.forbidden.get(root);
    if (!f) this.forbidden.set(root, (f = new Set()));
    return f;
  }
}
