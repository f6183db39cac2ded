import { spawn } from 'node:child_process';
import net from 'node:net';
import { eventually } from './tcp-proxy.js';

export type ApiProcess = { url: string; output: () => string; stop: () => Promise<void> };

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/**
 * The real API as it is deployed (`node dist/apps/api/src/main.js`, from the build), with its
 * stdout and stderr captured: what its log really contains.
 */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let exited: number | null = null;
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  child.once('exit', (code) => (exited = code ?? -1));
  await eventually(async () => {
    if (exited !== null) throw new Error(`the API exited with ${exited}: ${out.slice(-2000)}`);
    return out.includes('API listening');
  }, 30_000, 'the API process to start');
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => (clearTimeout(timer), resolve()));
        child.kill('SIGTERM');
      }),
  };
}
