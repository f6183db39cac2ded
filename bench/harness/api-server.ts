import { startChild, type ChildEnv, type ChildHandle } from './child.js';

export type ApiServer = {
  origin: string;
  logFile: string;
  token: string;
  bootMs: number;
  /** GET with the admin token: status, time and body (for probes and single-client timings). */
  get: (path: string, opts?: { auth?: boolean }) => Promise<{ status: number; ms: number; body: string }>;
  /** Stops the server and returns its peak RSS. */
  stop: () => Promise<{ peakRssBytes: number }>;
};

/**
 * The real API in a child process (bench step `api-server`), on 127.0.0.1 and a port the OS picks;
 * its log (errors of requests cut short after a load run, say) goes to `logFile`.
 */
export async function startApi(env: ChildEnv, token: string, logFile: string): Promise<ApiServer> {
  const child: ChildHandle<{ port: number; bootMs: number }, unknown> = startChild('api-server', {}, { ...env, ADMIN_TOKEN: token }, 6 * 3600_000, logFile);
  const { port, bootMs } = await child.ready;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    logFile,
    token,
    bootMs,
    get: async (path, opts = {}) => {
      const started = performance.now();
      const res = await fetch(origin + path, { headers: opts.auth === false ? {} : { authorization: `Bearer ${token}` } });
      const body = await res.text();
      return { status: res.status, ms: performance.now() - started, body };
    },
    stop: async () => {
      try {
        const { peakRssBytes } = await child.stop();
        return { peakRssBytes };
      } catch {
        child.kill();
        return { peakRssBytes: 0 };
      }
    },
  };
}

/** One client, one request at a time: `n` timings after two warm-up requests; throws on a non-2xx answer. */
export async function timeRequests(api: ApiServer, path: string, n: number, auth = true): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n + 2; i++) {
    const r = await api.get(path, { auth });
    if (r.status < 200 || r.status > 299) throw new Error(`GET ${path} answered ${r.status}: ${r.body.slice(0, 200)}`);
    if (i >= 2) times.push(r.ms);
  }
  return times;
}

/** 'absent' when the route does not exist yet (404 from the router), 'ok', or the unexpected status. */
export async function probeRoute(api: ApiServer, path: string, auth = true): Promise<{ state: 'ok' | 'absent' | 'error'; status: number; body: string }> {
  const r = await api.get(path, { auth });
  const state = r.status >= 200 && r.status < 300 ? 'ok' : r.status === 404 ? 'absent' : 'error';
  return { state, status: r.status, body: r.body.slice(0, 300) };
}
