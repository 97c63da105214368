/**
 * A private redis-server for one test file: 127.0.0.1, a free port, no persistence; stopped by its PID. Needs
 * Debian's redis-server on PATH (.ci/run installs it); the system service is never used.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { Redis } from "ioredis";

export interface TestRedis {
  port: number;
  url: string;
  pid: number;
  client: Redis;
  stop(): Promise<void>;
}

export function haveRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

/** Skip the Redis tests on a developer machine without redis-server; in CI (CI=true) they run and fail instead. */
export const skipWithoutRedis = !haveRedisServer() && process.env.CI !== "true";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startRedis(opts: { password?: string } = {}): Promise<TestRedis> {
  const port = await freePort();
  const auth = opts.password ? ["--requirepass", opts.password] : [];
  const child: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", ...auth], {
    stdio: "ignore",
  });
  const url = opts.password ? `redis://:${encodeURIComponent(opts.password)}@127.0.0.1:${port}` : `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on("error", () => {});
  for (let i = 0; ; i++) {
    try {
      await client.connect();
      await client.ping();
      break;
    } catch (e) {
      if (i > 100) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    port,
    url,
    pid: child.pid!,
    client,
    async stop() {
      client.disconnect();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        process.kill(child.pid!, "SIGTERM");
        await exited;
      }
    },
  };
}
