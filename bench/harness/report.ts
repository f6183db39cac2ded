/** Pure: the terminal table and the text of BENCHMARKS.md from the results of a run. */
import type { Machine } from './machine.js';
import { markdownTable, textTable } from './table.js';
import type { BenchmarkReport, ResultRow, SeededDb } from './types.js';
import { tally } from './verdict.js';

export const RESULT_HEADERS = ['benchmark', 'size', 'figure', 'baseline (same run)', 'ratio', 'goal', 'met?'];

const cells = (r: ResultRow) => [r.benchmark, r.size, r.figure, r.baseline, r.ratio, r.goal, r.verdict.text];

export function resultsTextTable(reports: BenchmarkReport[]): string {
  return textTable(RESULT_HEADERS, reports.flatMap((r) => r.rows).map(cells));
}

export type RunFacts = {
  date: Date;
  command: string;
  quick: boolean;
  durationMs: number;
  machine: Machine;
  databases: (SeededDb & { seedMs: number | null })[];
  skipped: string[];
};

const mdVerdict = (r: ResultRow) => (r.verdict.met === true ? '**yes**' : r.verdict.met === false ? `**NO** — ${r.verdict.text.replace(/^no: /, '')}` : r.verdict.text);

export function renderBenchmarksMd(reports: BenchmarkReport[], facts: RunFacts): string {
  const rows = reports.flatMap((r) => r.rows);
  const t = tally(rows);
  const minutes = (facts.durationMs / 60_000).toFixed(1);
  const missed = rows.filter((r) => r.verdict.met === false);
  const lines: string[] = [
    '# Benchmarks',
    '',
    '`npm run bench` measures every speed and memory goal of the issues against a baseline measured in the same run, on data it seeds into its own databases (`bench_*`, dropped at the end), and rewrites this file. Speed on a shared machine varies from run to run: compare the ratios; the absolute figures are for reference.',
    '',
    `- **Run:** ${facts.date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}, ${facts.quick ? '`--quick` sizes, not the full ones: goals stated for 1M awards are projected from these sizes, not judged, and the full run (`npm run bench`) is not in this file' : 'full sizes'}, ${minutes} min in all`,
    `- **Command:** \`${facts.command}\``,
    `- **Outcome:** ${t.met} goal rows met, ${t.missed} missed, ${t.notJudged} not judged (not measured yet, or a goal stated for another size)`,
    '',
    '## Machine',
    '',
    `- CPUs: ${facts.machine.cpus} (${facts.machine.cpuModel}), shared with other work on this machine`,
    `- Memory: ${facts.machine.memory}`,
    `- Load average at start (1, 5, 15 min): ${facts.machine.loadAverage}`,
    `- Node ${facts.machine.node}; PostgreSQL ${facts.machine.postgres} (${Object.entries(facts.machine.postgresSettings).map(([k, v]) => `${k} ${v}`).join(', ')}); ${facts.machine.kernel}`,
    '',
    '## Results',
    '',
    markdownTable(RESULT_HEADERS, rows.map((r) => [...cells(r).slice(0, 6), mdVerdict(r)])),
    '',
  ];
  if (missed.length) {
    lines.push('### Goals missed', '');
    const { cpus, loadAverage } = facts.machine;
    const load1 = Number(loadAverage.split(',')[0]);
    if (load1 > cpus)
      lines.push(`The load average was ${load1.toFixed(1)} on ${cpus} CPUs when the run started: other work on this machine took CPU time from every figure below, the baselines' included.`, '');
    for (const r of missed) lines.push(`- **${r.benchmark}** at ${r.size}: ${r.verdict.text.replace(/^no: /, '')} (goal ${r.goal}). What limits it: ${r.limit ?? 'see the notes on this benchmark below'}.`);
    lines.push('');
  }
  lines.push('## How each figure scales', '', 'Each benchmark runs at two sizes, the smaller a tenth of the larger; the exponent k in cost ∝ size^k says how the cost grows (1 linear, 0 flat).', '');
  for (const r of reports) lines.push(`- **${r.title}:** ${r.scaling ?? (r.id === 'matching' ? 'one labelled set: no size to scale' : 'not measured at both sizes in this run')}`);
  lines.push('', '## Notes per benchmark', '');
  for (const r of reports) {
    lines.push(`### ${r.title}`, '');
    for (const n of r.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  lines.push('## Data', '');
  for (const db of facts.databases) {
    const c = db.counts;
    lines.push(
      `- \`${db.name}\`: ${c.funders} funders, ${c.directorates} directorates, ${c.organisations.toLocaleString('en-GB')} organisations, ${c.awards.toLocaleString('en-GB')} awards, ${c.payments.toLocaleString('en-GB')} payments, ${c.outcomes.toLocaleString('en-GB')} outcomes${db.seedMs === null ? ' (reused from a kept database)' : `, seeded in ${(db.seedMs / 1000).toFixed(1)} s`}.`,
    );
  }
  lines.push(
    '',
    'Seeded by `bench/seed.ts` in set-based SQL (INSERT … SELECT over generate_series) into databases created and migrated with the product\'s own `migrate()`: recipients named like a town\'s voluntary sector, every fifth one the previous organisation written differently by another directorate (abbreviated, with a legal suffix, with a typo, or renamed with the old name as an alias), 3 % generic names shared by different bodies ("Olney Village Hall"), 2 % individuals; awards mostly from the recipient\'s home directorate and 5 % from another, with payments, costs, reporting frequencies and endings; every tenth award has 3 SROI outcomes.',
    '',
    '## Running it',
    '',
    '```sh',
    'npm run bench                 # full sizes: 100k and 1M awards (SROI: 10k and 100k awards × 3 outcomes)',
    'npm run bench -- --quick      # 10k and 100k awards; a step whose larger size would take over 10 s runs the smaller only',
    'npm run bench -- --only=api,compliance --keep   # some benchmarks; keep the bench_* databases (then --reuse them)',
    '```',
    '',
    'Options: `--quick`, `--keep` (leave the databases), `--reuse` (use kept databases of the right size instead of seeding), `--only=<ids>` (' +
      'ids: matching, compliance, duplicates, sroi, workbook, open-data, api, page, import; a partial run prints its table but rewrites this file only with `--write`), `--seconds=<n>` (load per API route), `--connections=<n>`.',
    '',
  );
  if (facts.skipped.length) lines.push(`Not run in this run (\`--only\`): ${facts.skipped.join(', ')}.`, '');
  return lines.join('\n');
}
