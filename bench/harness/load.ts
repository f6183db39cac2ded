/**
 * HTTP load with autocannon (a real load generator), on loopback only and bounded in time.
 * Latency percentiles are computed here from every response's time (autocannon's own summary
 * has no p95).
 */
import { createRequire } from 'node:module';
import { percentile } from './stats.js';

type AutocannonResult = { errors: number; timeouts: number; non2xx: number; duration: number; '2xx': number };
type AutocannonInstance = { on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void; stop(): void };
type Autocannon = (
  opts: { url: string; connections: number; duration: number; headers?: Record<string, string>; timeout?: number; requests?: { method: string; path: string }[] },
  done: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export type LoadResult = {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

/**
 * `connections` clients for `seconds`, each going through `paths` in turn (pages 1…n, say, so a
 * cache of one answer does not make the figure), on `origin` (loopback only).
 */
export function load(origin: string, paths: string[], opts: { connections: number; seconds: number; token?: string }): Promise<LoadResult> {
  const u = new URL(origin);
  if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') throw new Error(`load runs on loopback only, not ${u.hostname}`);
  const latencies: number[] = [];
  let non2xx = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin + paths[0],
        requests: paths.map((path) => ({ method: 'GET', path })),
        connections: opts.connections,
        duration: opts.seconds,
        timeout: 30,
        headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
      },
      (err, result) => {
        if (err) return reject(err);
        const seconds = result.duration;
        resolve({
          requests: latencies.length,
          seconds,
          rps: latencies.length / seconds,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          max: latencies.length ? latencies.reduce((m, v) => (v > m ? v : m), 0) : Number.NaN,
          non2xx: Math.max(non2xx, result.non2xx),
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status < 200 || status > 299) non2xx += 1;
    });
  });
}
