import { describe, expect, it } from '@jest/globals';
import { parseArgs } from './args.js';
import { renderBenchmarksMd, resultsTextTable } from './report.js';
import {
  boundBy, describeScaling, formatCount, formatDuration, formatMegabytes, formatPercent, formatSignificant, percentile, scalingExponent, scalingLine,
} from './stats.js';
import { markdownCell, markdownTable, textTable } from './table.js';
import type { BenchmarkReport } from './types.js';
import { allOf, atLeast, atMost, below, tally } from './verdict.js';

describe('percentile (nearest rank)', () => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
  it('takes the value at rank ceil(p/100 × n) of the sorted samples', () => {
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile(samples, 0)).toBe(1);
  });
  it('works on few samples and leaves the input alone', () => {
    const few = [30, 10, 20];
    expect(percentile(few, 50)).toBe(20);
    expect(percentile(few, 95)).toBe(30);
    expect(few).toEqual([30, 10, 20]);
  });
  it('is NaN with no samples and refuses a p outside 0-100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow('percentile must be between 0 and 100, not 101');
  });
});

describe('number formats', () => {
  it('writes durations, sizes, percentages and counts for people', () => {
    expect(formatDuration(38.4)).toBe('38.4 ms');
    expect(formatDuration(1523)).toBe('1.52 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatMegabytes(287_654_321)).toBe('288 MB');
    expect(formatPercent(0.2941)).toBe('29 %');
    expect(formatPercent(1.234)).toBe('123 %');
    expect(formatSignificant(123456)).toBe('123,000');
    expect(formatSignificant(0.04567)).toBe('0.0457');
    expect(formatCount(1_000_000)).toBe('1M');
    expect(formatCount(100_000)).toBe('100k');
    expect(formatCount(2500)).toBe('2,500');
  });
});

describe('scaling', () => {
  it('gives the exponent of cost ∝ size^k and names it', () => {
    expect(scalingExponent(100, 10, 1000, 100)).toBeCloseTo(1, 10);
    expect(scalingExponent(100, 10, 1000, 10)).toBeCloseTo(0, 10);
    expect(scalingExponent(100, 10, 1000, 1000)).toBeCloseTo(2, 10);
    expect(describeScaling(1.02)).toBe('linear');
    expect(describeScaling(0.05)).toBe('flat');
    expect(describeScaling(0.6)).toBe('sub-linear');
    expect(describeScaling(1.4)).toBe('super-linear');
    expect(scalingExponent(100, 0, 1000, 5)).toBeNaN();
  });
  it('writes one sentence per benchmark', () => {
    expect(scalingLine({ size: 100_000, cost: 8100 }, { size: 1_000_000, cost: 79_000 }, formatDuration, 'awards')).toBe(
      '8.10 s → 79.0 s for ×10 the awards (×9.8: linear, exponent 0.99)',
    );
  });
  it('says what bounds a step from its CPU share', () => {
    expect(boundBy(10_000, 9_500)).toBe('the Node process was on CPU 95 % of the time: bound by its own JavaScript work (one core)');
    expect(boundBy(10_000, 2_000)).toBe('the Node process was on CPU only 20 % of the time: mostly waiting for PostgreSQL (queries and writes)');
    expect(boundBy(10_000, 2_000, 6_000)).toBe(
      "the job's main thread was on a CPU 20 % of the time, waiting for a free CPU 60 %, blocked 20 %: mostly other processes holding the CPUs (the machine was busy)",
    );
    expect(boundBy(10_000, 1_500, 1_000)).toMatch(/blocked 75 %: mostly waiting for PostgreSQL/);
  });
});

describe('verdicts', () => {
  const pct = (n: number) => `${Math.round(n * 100)} %`;
  it('says yes or why not', () => {
    expect(atLeast(0.31, 0.3, pct)).toEqual({ met: true, text: 'yes' });
    expect(atLeast(0.29, 0.3, pct)).toEqual({ met: false, text: 'no: 29 % < 30 %' });
    expect(atMost(31, 30, String)).toEqual({ met: false, text: 'no: 31 > 30' });
    expect(below(50, 50, String)).toEqual({ met: false, text: 'no: 50 ≥ 50' });
    expect(atLeast(Number.NaN, 1, String)).toEqual({ met: null, text: 'not measured' });
  });
  it('combines several goals of one row', () => {
    const speed = { label: 'speed', verdict: atLeast(0.29, 0.3, pct) };
    const rss = { label: 'RSS', verdict: atMost(200, 300, String) };
    expect(allOf([speed, rss])).toEqual({ met: false, text: 'speed: no: 29 % < 30 %; RSS: yes' });
    expect(allOf([rss, rss])).toEqual({ met: true, text: 'yes' });
    expect(allOf([rss, { label: 'RSS at 1M', verdict: { met: null, text: 'goal is for 1M' } }]).met).toBeNull();
  });
});

describe('tables', () => {
  it('escapes pipes and line breaks in markdown cells', () => {
    expect(markdownCell('a | b\nc')).toBe('a \\| b c');
    expect(markdownTable(['x', 'y'], [['1', '2']])).toBe('| x | y |\n|---|---|\n| 1 | 2 |');
  });
  it('pads plain-text columns by characters, not bytes', () => {
    expect(textTable(['goal', 'met?'], [['≥ 30 %', 'yes'], ['p95 < 50 ms', 'no']])).toBe(
      ['goal         met?', '-----------  ----', '≥ 30 %       yes', 'p95 < 50 ms  no'].join('\n'),
    );
  });
});

describe('command line', () => {
  it('reads the options and defaults the load time to the size', () => {
    expect(parseArgs([])).toEqual({ quick: false, keep: false, reuse: false, only: null, write: true, loadSeconds: 10, connections: 100 });
    expect(parseArgs(['--quick', '--only=api,compliance', '--keep'])).toEqual({
      quick: true, keep: true, reuse: false, only: ['api', 'compliance'], write: false, loadSeconds: 2, connections: 100,
    });
    expect(parseArgs(['--only=api', '--write', '--seconds=5']).write).toBe(true);
    expect(() => parseArgs(['--fast'])).toThrow('unknown or incomplete option --fast');
  });
});

describe('BENCHMARKS.md', () => {
  const report: BenchmarkReport = {
    id: 'import',
    title: 'import 360Giving CSV with validation',
    rows: [
      {
        benchmark: 'import 360Giving CSV with validation',
        size: '1M rows (310 MB)',
        figure: '52,000 rows/s (19.2 s); peak RSS 210 MB',
        baseline: 'COPY 180,000 rows/s (5.56 s)',
        ratio: '29 %',
        goal: '≥ 30 %; peak RSS ≤ 300 MB at 1M',
        verdict: { met: false, text: 'speed: no: 29 % < 30 %; RSS: yes' },
      },
    ],
    scaling: '1.9 s → 19.2 s for ×10 the rows (×10: linear, exponent 1.00)',
    notes: ['Baseline: psql \\copy.'],
  };
  const md = renderBenchmarksMd([report], {
    date: new Date('2026-11-24T10:00:00.000Z'),
    command: 'npm run bench -- --quick',
    quick: true,
    durationMs: 95_000,
    machine: { cpus: 2, cpuModel: 'Test CPU', memory: '24.1 GB total', kernel: 'Linux 6.1', node: 'v20.20.2', postgres: '15.20', postgresSettings: { shared_buffers: '16384 8kB' }, loadAverage: '1.00, 1.00, 1.00' },
    databases: [],
    skipped: [],
  });
  it('has the date, the exact command, the machine and the table with the missed goal said plainly', () => {
    expect(md).toContain('- **Run:** 2026-11-24 10:00:00 UTC, `--quick` sizes, not the full ones');
    expect(md).toContain('- **Command:** `npm run bench -- --quick`');
    expect(md).toContain('- CPUs: 2 (Test CPU)');
    expect(md).toContain('- Node v20.20.2; PostgreSQL 15.20 (shared_buffers 16384 8kB); Linux 6.1');
    expect(md).toContain('| import 360Giving CSV with validation | 1M rows (310 MB) | 52,000 rows/s (19.2 s); peak RSS 210 MB | COPY 180,000 rows/s (5.56 s) | 29 % | ≥ 30 %; peak RSS ≤ 300 MB at 1M | **NO** — speed: no: 29 % < 30 %; RSS: yes |');
    expect(md).toContain('### Goals missed');
    expect(md).toContain('- **import 360Giving CSV with validation:** 1.9 s → 19.2 s for ×10 the rows');
    expect(md).toContain('- **Outcome:** 0 goal rows met, 1 missed, 0 not judged');
  });
  it('prints the same rows as a plain table', () => {
    expect(resultsTextTable([report]).split('\n')[2]).toContain('import 360Giving CSV with validation  1M rows (310 MB)');
    expect(tally(report.rows)).toEqual({ met: 0, missed: 1, notJudged: 0 });
  });
});
