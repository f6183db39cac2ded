import net from 'node:net';

/**
 * A TCP proxy on a random loopback port in front of a real server (PostgreSQL, Redis), so a test
 * can take the service away from the product under test without stopping the machine's real one.
 * cut(): every open connection is destroyed and the port stops listening (connections are refused,
 * as when the server is down); restore(): the same port listens again.
 */
export type TcpProxy = {
  readonly port: number;
  /** The URL with its host and port replaced by the proxy's. */
  via: (url: string) => string;
  readonly connections: number;
  cut: () => Promise<void>;
  restore: () => Promise<void>;
  close: () => Promise<void>;
};

/** host and port of a postgres:// or redis:// URL. */
export function targetOf(url: string, defaultPort: number): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname || '127.0.0.1', port: Number(u.port || defaultPort) };
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;

  const open = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });

  const shut = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      for (const sock of sockets) sock.destroy();
      sockets.clear();
      if (!s) return resolve();
      s.close(() => resolve());
    });

  await open();
  return {
    get port() {
      return port;
    },
    via: (url) => {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    get connections() {
      return sockets.size / 2;
    },
    cut: shut,
    restore: async () => {
      if (!server) await open();
    },
    close: shut,
  };
}

/** Polls until check() resolves truthy, at most timeoutMs; returns the last value or throws. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
