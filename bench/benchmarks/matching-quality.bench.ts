/**
 * Duplicate matching quality (issue 5): libs/duplicates' evaluate() on the labelled pairs in
 * test/fixtures/org-pairs.json with the product's default match settings → precision, recall.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_MATCH_SETTINGS, evaluate, type LabelledPair } from '@app/duplicates';
import { formatNumber } from '../harness/stats.js';
import type { Benchmark, BenchmarkReport } from '../harness/types.js';
import { allOf, atLeast } from '../harness/verdict.js';

const FIXTURE = 'test/fixtures/org-pairs.json';
const TITLE = 'duplicate matching quality';
const GOAL = 'precision ≥ 0.95, recall ≥ 0.90';
const f3 = (n: number) => n.toFixed(3);

export const matchingQuality: Benchmark = {
  id: 'matching',
  title: TITLE,
  goal: GOAL,
  seeded: false,
  async unavailable() {
    return existsSync(FIXTURE) ? null : `${FIXTURE} is missing (issue 5's labelled set)`;
  },
  async run(): Promise<BenchmarkReport> {
    const pairs = JSON.parse(readFileSync(FIXTURE, 'utf8')) as LabelledPair[];
    const started = performance.now();
    const e = evaluate(pairs, DEFAULT_MATCH_SETTINGS);
    const ms = performance.now() - started;
    const same = pairs.filter((p) => p.same).length;
    const missedKinds = Object.entries(e.byKind)
      .filter(([, c]) => c.fp + c.fn > 0)
      .map(([kind, c]) => `${kind} (${c.fn} missed, ${c.fp} wrongly joined of ${c.pairs})`);
    return {
      id: 'matching',
      title: TITLE,
      rows: [
        {
          benchmark: TITLE,
          size: `${formatNumber(pairs.length)} labelled pairs`,
          figure: `precision ${f3(e.precision)}, recall ${f3(e.recall)}`,
          baseline: '—',
          ratio: '—',
          goal: GOAL,
          verdict: allOf([
            { label: 'precision', verdict: atLeast(e.precision, 0.95, f3) },
            { label: 'recall', verdict: atLeast(e.recall, 0.9, f3) },
          ]),
        },
      ],
      scaling: null,
      notes: [
        `evaluate() from @app/duplicates on ${FIXTURE} (${formatNumber(same)} pairs of one organisation, ${formatNumber(pairs.length - same)} of two) with DEFAULT_MATCH_SETTINGS; only a "same" decision counts as a match, "possible" (left to a person: ${e.possible}) counts as not.`,
        `Confusion: ${e.tp} true matches, ${e.fp} false matches, ${e.fn} missed, ${e.tn} correctly kept apart. Blocking puts ${f3(e.blockingRecall)} of the true pairs together; recall of the whole pipeline (blocked and matched) ${f3(e.pipelineRecall)}. Evaluated in ${formatNumber(ms)} ms.`,
        missedKinds.length ? `Mistakes by kind of variation: ${missedKinds.join('; ')}.` : 'No mistakes in any kind of variation.',
      ],
    };
  },
};
