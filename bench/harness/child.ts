/**
 * Measured steps run in a child process (fork of the bench entry with `--child`), so the figure
 * for memory is that process's own peak RSS (getrusage maxrss via process.resourceUsage()),
 * never the parent's. Parent and child talk over the IPC channel:
 *   parent → child  {type: 'start', step, args}   then, for servers, {type: 'stop'}
 *   child → parent  {type: 'ready', data}          (servers, once listening)
 *                   {type: 'done', result, maxRssBytes} or {type: 'failed', error, maxRssBytes}
 */
import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export type ChildEnv = Record<string, string>;
export type ChildOutcome<T> = { result: T; peakRssBytes: number; wallMs: number };

type StartMessage = { type: 'start'; step: string; args: unknown };
type ParentMessage = StartMessage | { type: 'stop' };
type ChildMessage =
  | { type: 'ready'; data: unknown }
  | { type: 'done'; result: unknown; maxRssBytes: number }
  | { type: 'failed'; error: string; maxRssBytes: number };

/** What a step gets besides its arguments: a way to say "ready" (servers) and to hear "stop". */
export type StepControl = { ready: (data: unknown) => void; stopped: Promise<void> };
export type Step = (args: never, ctl: StepControl) => Promise<unknown>;

export class ChildFailed extends Error {
  constructor(message: string, readonly peakRssBytes: number) {
    super(message);
  }
}

/** A running child: `ready` resolves when a server step is listening, `finish` with its outcome. */
export type ChildHandle<R, T> = {
  pid: number;
  ready: Promise<R>;
  finish: Promise<ChildOutcome<T>>;
  stop: () => Promise<ChildOutcome<T>>;
  kill: () => void;
};

const entry = () => process.argv[1];

/** `logFile`: where the child's output goes (default: this process's own). */
export function startChild<R = unknown, T = unknown>(step: string, args: unknown, env: ChildEnv, timeoutMs: number, logFile?: string): ChildHandle<R, T> {
  const out = logFile ? openSync(logFile, 'a') : 'inherit';
  const child: ChildProcess = fork(entry(), ['--child'], {
    env: { ...process.env, ...env },
    execArgv: ['--expose-gc'],
    serialization: 'advanced',
    stdio: ['ignore', out, out, 'ipc'],
  });
  if (typeof out === 'number') closeSync(out);
  const started = performance.now();
  let readyResolve!: (v: R) => void;
  let readyReject!: (e: Error) => void;
  const ready = new Promise<R>((res, rej) => ((readyResolve = res), (readyReject = rej)));
  ready.catch(() => undefined);
  const finish = new Promise<ChildOutcome<T>>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      child.kill('SIGKILL');
      fail(new ChildFailed(`${step} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`, 0));
    }, timeoutMs);
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      readyReject(e);
      reject(e);
    };
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'ready') readyResolve(m.data as R);
      else if (m.type === 'done') {
        settled = true;
        clearTimeout(timer);
        resolve({ result: m.result as T, peakRssBytes: m.maxRssBytes, wallMs: performance.now() - started });
      } else if (m.type === 'failed') fail(new ChildFailed(`${step} failed: ${m.error}`, m.maxRssBytes));
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => fail(new ChildFailed(`${step}: child process exited (${signal ?? code}) before reporting`, 0)));
  });
  finish.catch(() => undefined);
  child.send({ type: 'start', step, args } satisfies StartMessage);
  return {
    pid: child.pid!,
    ready,
    finish,
    stop: () => {
      if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
      return finish;
    },
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Runs one step in a fresh child and waits for it. */
export function runInChild<T>(step: string, args: unknown, env: ChildEnv, timeoutMs: number): Promise<ChildOutcome<T>> {
  return startChild<unknown, T>(step, args, env, timeoutMs).finish;
}

/** The child side: called by the bench entry when started with `--child`. */
export function childMain(steps: Record<string, Step>): void {
  const send = (m: ChildMessage) => new Promise<void>((res) => process.send!(m, () => res()));
  const maxRssBytes = () => process.resourceUsage().maxRSS * 1024;
  let stop!: () => void;
  const stopped = new Promise<void>((res) => (stop = res));
  process.on('message', async (m: ParentMessage) => {
    if (m.type === 'stop') return stop();
    const step = steps[m.step];
    try {
      if (!step) throw new Error(`unknown bench step ${m.step}`);
      const result = await step(m.args as never, { ready: (data) => void send({ type: 'ready', data }), stopped });
      await send({ type: 'done', result, maxRssBytes: maxRssBytes() });
    } catch (e) {
      await send({ type: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e), maxRssBytes: maxRssBytes() });
    }
    process.disconnect();
    // Whatever handles a step left open (pools, sockets), the child's work is done.
    setTimeout(() => process.exit(0), 200).unref();
  });
}
