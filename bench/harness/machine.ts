import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { availableParallelism } from 'node:os';
import { serverInfo } from './databases.js';
import { formatSignificant } from './stats.js';

export type Machine = {
  cpus: number;
  cpuModel: string;
  memory: string;
  kernel: string;
  node: string;
  postgres: string;
  postgresSettings: Record<string, string>;
  loadAverage: string;
};

/** The machine as it was when the run started (load average before any benchmark). */
export async function describeMachine(baseUrl: string): Promise<Machine> {
  const pg = await serverInfo(baseUrl);
  const gb = (b: number) => `${formatSignificant(b / 1e9)} GB`;
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model?.trim() ?? 'unknown',
    memory: `${gb(totalmem())} total, ${gb(freemem())} free at start`,
    kernel: `Linux ${release()}`,
    node: process.version,
    postgres: pg.version,
    postgresSettings: pg.settings,
    loadAverage: loadavg().map((l) => l.toFixed(2)).join(', '),
  };
}
