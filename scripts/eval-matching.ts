/**
 * Precision and recall of the duplicate matcher on the labelled pairs (issue 5; figures go to
 * BENCHMARKS.md). After `npm run build`, from the repository root:
 *   node dist/scripts/eval-matching.js                 evaluate test/fixtures/org-pairs.json
 *   node dist/scripts/eval-matching.js --write-fixture regenerate the fixture first (seeded, deterministic)
 *   node dist/scripts/eval-matching.js --mistakes      also list every wrong decision
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_MATCH_SETTINGS, evaluate, type LabelledPair } from '@app/duplicates';
import { generateOrgPairs, orgPairsJson } from '../test/fixtures/org-pairs.generate.js';

const FIXTURE = 'test/fixtures/org-pairs.json';

function main(args: string[]): void {
  if (args.includes('--write-fixture')) writeFileSync(FIXTURE, orgPairsJson(generateOrgPairs()));
  const pairs = JSON.parse(readFileSync(FIXTURE, 'utf8')) as LabelledPair[];
  const started = performance.now();
  const result = evaluate(pairs, DEFAULT_MATCH_SETTINGS);
  const ms = performance.now() - started;
  console.log(`pairs ${pairs.length}  precision ${result.precision.toFixed(4)}  recall ${result.recall.toFixed(4)}  tp ${result.tp} fp ${result.fp} fn ${result.fn} tn ${result.tn}  possible ${result.possible}  blocking recall ${result.blockingRecall.toFixed(4)}  pipeline recall ${result.pipelineRecall.toFixed(4)}  (${ms.toFixed(0)} ms)`);
  for (const [kind, c] of Object.entries(result.byKind)) console.log(`  ${kind.padEnd(28)} ${String(c.pairs).padStart(4)}  tp ${c.tp} fp ${c.fp} fn ${c.fn} tn ${c.tn}`);
  if (args.includes('--mistakes')) for (const m of result.mistakes) console.log(`${m.same ? 'FN' : 'FP'} ${m.kind}: ${m.result.confidence} ${m.result.evidence.join('; ')}`);
}

main(process.argv.slice(2));
