/**
 * SROI summary (issue 6): the `sroi-summary` job over the seeded database, in which every tenth
 * award carries 3 outcomes — 100k awards × 3 outcomes in the 1M-award database, the goal's size
 * (≤ 20 s). No baseline: the goal is absolute.
 */
import { OUTCOME_EVERY, OUTCOMES_PER_AWARD } from '../seed.js';
import { describeResult, diagnose, jobTimeoutMs, jobUnavailable, runJobs } from '../harness/run-job.js';
import { GOAL_SIZE, projectLinear } from '../harness/sizes.js';
import { formatCount, formatDuration, formatMegabytes, scalingLine } from '../harness/stats.js';
import type { Benchmark, BenchmarkReport, ResultRow } from '../harness/types.js';
import { atMost, notJudged, notMeasuredRow } from '../harness/verdict.js';

const TITLE = 'SROI summary';
const GOAL = '≤ 20 s at 100k × 3';
const GOAL_MS = 20_000;
const GOAL_AWARDS = GOAL_SIZE.awards / OUTCOME_EVERY;

export const sroi: Benchmark = {
  id: 'sroi',
  title: TITLE,
  goal: '≤ 20 s for 100k awards × 3 outcomes',
  seeded: true,
  async unavailable() {
    return jobUnavailable('sroi-summary', 'issue 6, libs/sroi and the exports');
  },
  async run(ctx): Promise<BenchmarkReport> {
    const rows: ResultRow[] = [];
    const notes = [
      `The \`sroi-summary\` job (no filters) through the worker's JobRegistry in a child process, over the whole seeded database: every ${OUTCOME_EVERY}th award has ${OUTCOMES_PER_AWARD} outcomes, the others none (the job counts those too). It writes sroi-summary.json and sroi-summary.xlsx.`,
    ];
    const times: { size: number; ms: number }[] = [];
    for (const [i, db] of ctx.sizes.entries()) {
      const withOutcomes = db.counts.outcomes / OUTCOMES_PER_AWARD;
      const size = `${formatCount(withOutcomes)} awards × ${OUTCOMES_PER_AWARD} outcomes (of ${formatCount(db.awards)})`;
      const skip = i === 1 ? ctx.skipLarge(times[0].ms) : null;
      if (skip) {
        rows.push(notMeasuredRow(TITLE, GOAL, skip, size));
        break;
      }
      const out = await runJobs(ctx, db, [{ name: 'sroi-summary', data: { requestedBy: null, params: {} } }], jobTimeoutMs(ctx));
      const run = out.runs[0];
      times.push({ size: withOutcomes, ms: run.ms });
      const atGoalSize = withOutcomes === GOAL_AWARDS && !ctx.options.quick;
      rows.push({
        benchmark: TITLE,
        size,
        figure: `${formatDuration(run.ms)} (peak RSS ${formatMegabytes(out.peakRssBytes)})`,
        baseline: '—',
        ratio: '—',
        goal: GOAL,
        verdict: atGoalSize
          ? atMost(run.ms, GOAL_MS, formatDuration)
          : notJudged(`goal is for 100k awards × 3 (linear projection ${formatDuration(projectLinear(run.ms, withOutcomes, GOAL_AWARDS))})`),
        limit: diagnose(run),
      });
      notes.push(`${db.label}: job result ${describeResult(run.result)}; ${diagnose(run)}.`);
    }
    return {
      id: this.id,
      title: TITLE,
      rows,
      scaling: times.length === 2 ? scalingLine({ size: times[0].size, cost: times[0].ms }, { size: times[1].size, cost: times[1].ms }, formatDuration, 'awards with outcomes') : null,
      notes,
    };
  },
};
