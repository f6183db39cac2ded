import type { BenchOptions } from './types.js';

const USAGE = 'usage: npm run bench -- [--quick] [--keep] [--reuse] [--only=<id,id>] [--write] [--seconds=<n>] [--connections=<n>]';

/** Pure: the command line → options. Throws with the usage line on anything unknown. */
export function parseArgs(argv: string[]): BenchOptions {
  const opts: BenchOptions = { quick: false, keep: false, reuse: false, only: null, write: true, loadSeconds: 0, connections: 100 };
  let writeAsked = false;
  for (const arg of argv) {
    const [flag, value] = arg.split(/=(.*)/s, 2);
    if (flag === '--quick') opts.quick = true;
    else if (flag === '--keep') opts.keep = true;
    else if (flag === '--reuse') opts.reuse = true;
    else if (flag === '--write') writeAsked = true;
    else if (flag === '--only' && value) opts.only = value.split(',').map((s) => s.trim()).filter(Boolean);
    else if (flag === '--seconds' && Number(value) > 0) opts.loadSeconds = Number(value);
    else if (flag === '--connections' && Number.isInteger(Number(value)) && Number(value) > 0) opts.connections = Number(value);
    else throw new Error(`unknown or incomplete option ${arg}\n${USAGE}`);
  }
  if (!opts.loadSeconds) opts.loadSeconds = opts.quick ? 2 : 10;
  // A partial run would replace the full table with part of it: only on request.
  opts.write = opts.only === null || writeAsked;
  return opts;
}
