/** Pure helpers for figures: percentiles, ratios and the way numbers are written in the report. */

/** The p-th percentile (0-100) by nearest rank on a sorted copy; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile must be between 0 and 100, not ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

/** Grouped thousands with a fixed number of decimals: 1234567.8 → "1,234,568" (0) or "1,234,567.8" (1). */
export function formatNumber(n: number, decimals = 0): string {
  if (!Number.isFinite(n)) return '—';
  return n.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Three significant figures, grouped: 0.04567 → "0.0457", 123456 → "123,000". */
export function formatSignificant(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return '—';
  if (n === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(n)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  const rounded = Number(n.toPrecision(digits));
  return formatNumber(rounded, decimals);
}

/** Milliseconds for people: "38 ms", "1.52 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${formatSignificant(ms)} ms`;
  const s = ms / 1000;
  if (s < 120) return `${formatSignificant(s)} s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/** Bytes as MB (10^6, as `free`/`ps` people expect when a goal says "300 MB"). */
export function formatMegabytes(bytes: number): string {
  return `${formatSignificant(bytes / 1e6)} MB`;
}

/** "1M", "100k", "2,500": sizes in the tables. */
export function formatCount(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}k`;
  return formatNumber(n);
}

/** A ratio as a percentage: 0.2941 → "29 %". */
export function formatPercent(ratio: number): string {
  return Number.isFinite(ratio) ? `${formatSignificant(ratio * 100, ratio * 100 >= 100 ? 3 : 2)} %` : '—';
}

/** "×9.8" for a multiplier. */
export function formatTimes(ratio: number): string {
  return Number.isFinite(ratio) ? `×${formatSignificant(ratio, 2)}` : '—';
}

/**
 * How a cost grows with the data: the exponent k in cost ∝ size^k from two measurements
 * (1 = linear, < 1 = sub-linear, 0 = flat). NaN when either measurement is missing.
 */
export function scalingExponent(smallSize: number, smallCost: number, largeSize: number, largeCost: number): number {
  if (!(smallSize > 0 && largeSize > smallSize && smallCost > 0 && largeCost > 0)) return Number.NaN;
  return Math.log(largeCost / smallCost) / Math.log(largeSize / smallSize);
}

/** Words for a scaling exponent. */
export function describeScaling(k: number): string {
  if (!Number.isFinite(k)) return 'not measured at two sizes';
  if (k < 0.15) return 'flat';
  if (k < 0.85) return 'sub-linear';
  if (k <= 1.15) return 'linear';
  return 'super-linear';
}

/**
 * One sentence on how a cost grows: "8.1 s → 79 s for ×10 the awards (×9.8 time: linear)".
 * `cost` is what grows with the data (a time, a size in bytes); `format` writes it.
 */
export function scalingLine(
  small: { size: number; cost: number },
  large: { size: number; cost: number },
  format: (n: number) => string,
  noun: string,
): string {
  const k = scalingExponent(small.size, small.cost, large.size, large.cost);
  if (!Number.isFinite(k)) return `${noun}: not measured at both sizes`;
  return `${format(small.cost)} → ${format(large.cost)} for ${formatTimes(large.size / small.size)} the ${noun} (${formatTimes(large.cost / small.cost)}: ${describeScaling(k)}, exponent ${k.toFixed(2)})`;
}

/**
 * What bounds a step, from where its main (JavaScript) thread spent the wall time: on a CPU,
 * runnable but waiting for a free CPU (the machine is busy), or blocked (waiting for PostgreSQL,
 * the disk or the network). `runqueueMs` is NaN where the kernel does not report it.
 */
export function boundBy(wallMs: number, cpuMs: number, runqueueMs = Number.NaN): string {
  if (!(wallMs > 0) || !(cpuMs >= 0)) return 'not measured';
  const pct = (x: number) => `${Math.round((x / wallMs) * 100)} %`;
  if (!Number.isFinite(runqueueMs)) {
    const share = cpuMs / wallMs;
    if (share >= 0.8) return `the Node process was on CPU ${pct(cpuMs)} of the time: bound by its own JavaScript work (one core)`;
    if (share >= 0.45) return `the Node process was on CPU ${pct(cpuMs)} of the time: split between its own work and waiting for PostgreSQL`;
    return `the Node process was on CPU only ${pct(cpuMs)} of the time: mostly waiting for PostgreSQL (queries and writes)`;
  }
  const blocked = Math.max(0, wallMs - cpuMs - runqueueMs);
  const parts = [
    { ms: cpuMs, cause: 'its own JavaScript work (one core)' },
    { ms: runqueueMs, cause: 'other processes holding the CPUs (the machine was busy)' },
    { ms: blocked, cause: 'waiting for PostgreSQL (queries and writes) or I/O' },
  ];
  const top = parts.reduce((a, b) => (b.ms > a.ms ? b : a));
  return `the job's main thread was on a CPU ${pct(cpuMs)} of the time, waiting for a free CPU ${pct(runqueueMs)}, blocked ${pct(blocked)}: mostly ${top.cause}`;
}
