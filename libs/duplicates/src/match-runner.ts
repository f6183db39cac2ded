import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BlockIndex } from './matching/blocking.js';
import { assessPair } from './matching/compare.js';
import type { MatchSettings, OrgRecord, PairMatch } from './matching/types.js';
import { tokenStatsOfPrepared, type MatchPartOutput } from './match-thread.js';

/** Pairs compared between two yields to the event loop (keeps a worker's queue lock renewed). */
const PAIRS_PER_SLICE = 20_000;
/** Below this many records one thread matches faster than starting others. */
const THREADS_FROM = 20_000;

/** An organisation as loaded for matching: the matcher's record plus its type. */
export type LoadedOrg = OrgRecord & { type: string };

/** Individuals are people: never matched by name automatically (a person may still merge two records). */
export const matchable = (orgs: readonly LoadedOrg[]): LoadedOrg[] => orgs.filter((o) => o.type !== 'individual');

/**
 * matchOrganisations for the whole register: the same blocking (BlockIndex, never all pairs) and
 * the same comparison. With many records and the compiled build, the candidate pairs are shared
 * between worker threads (one per core, at most 4); otherwise it runs here, yielding to the event
 * loop every PAIRS_PER_SLICE pairs so that timers (BullMQ's lock renewal, progress) keep running.
 */
export async function matchAllAsync(orgs: readonly OrgRecord[], settings: MatchSettings): Promise<{ matches: PairMatch[]; pairsCompared: number; threads: number }> {
  const records = orgs.map(({ id, name, aliases, charityNumber, companyNumber, orgId, postcode }) => ({ id, name, aliases, charityNumber, companyNumber, orgId, postcode }));
  const threads = Math.min(4, availableParallelism());
  const script = new URL('./match-thread.js', import.meta.url);
  if (records.length >= THREADS_FROM && threads > 1 && existsSync(fileURLToPath(script))) {
    const parts = await Promise.all(Array.from({ length: threads }, (_, part) => runThread(script, { orgs: records, settings, part, parts: threads })));
    return { matches: parts.flatMap((p) => p.matches), pairsCompared: parts.reduce((s, p) => s + p.pairsCompared, 0), threads };
  }
  const stats = tokenStatsOfPrepared(records);
  const index = new BlockIndex(records, stats, settings);
  await yieldToEventLoop();
  const matches: PairMatch[] = [];
  let pairsCompared = 0;
  for (const [i, j] of index.indexPairs()) {
    const a = index.prepared[i];
    const b = index.prepared[j];
    const { explain, ...result } = assessPair(a, b, stats, settings);
    if (result.decision !== 'different') matches.push({ aId: a.record.id, bId: b.record.id, ...result, evidence: explain() });
    if (++pairsCompared % PAIRS_PER_SLICE === 0) await yieldToEventLoop();
  }
  return { matches, pairsCompared, threads: 1 };
}

function runThread(script: URL, input: { orgs: OrgRecord[]; settings: MatchSettings; part: number; parts: number }): Promise<MatchPartOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { kind: 'duplicates-match-part', input } });
    worker.once('message', (out: MatchPartOutput) => resolve(out));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`duplicates matching thread ${input.part} stopped with exit code ${code}`)));
  });
}

/**
 * Re-matches a few changed records against all others: the index is built over every record (for
 * the term frequencies and the blocks), but only the changed records' candidates are compared.
 */
export async function matchSomeAsync(orgs: readonly OrgRecord[], changedIds: ReadonlySet<string>, settings: MatchSettings): Promise<PairMatch[]> {
  const stats = tokenStatsOfPrepared(orgs);
  const index = new BlockIndex(orgs, stats, settings);
  await yieldToEventLoop();
  const byId = new Map(index.prepared.map((p) => [p.record.id, p]));
  const seen = new Set<string>();
  const matches: PairMatch[] = [];
  for (const id of changedIds) {
    const a = byId.get(id);
    if (!a) continue;
    for (const other of index.candidatesFor(a.record)) {
      const key = id < other.id ? `${id}|${other.id}` : `${other.id}|${id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const b = byId.get(other.id)!;
      const { explain, ...result } = assessPair(a, b, stats, settings);
      if (result.decision !== 'different') matches.push({ aId: a.record.id, bId: b.record.id, ...result, evidence: explain() });
    }
  }
  return matches;
}
