/**
 * Distributed sweeps on a real redis-server (our own, on a free port): two worker processes, one SIGKILLed while it
 * runs a job; the job is retried on the other; every result is saved exactly once; re-running enqueues nothing;
 * a malformed payload fails at once without retries and writes nothing; a bad Redis URL exits 2 with one line.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { freePort, skipWithoutRedis, startRedis, type TestRedis } from "./redis.ts";
import { checkReachable, parseQueueUrl } from "../../src/study/queue/connection.ts";
import { UserError } from "../../src/errors.ts";
import { planStudy } from "../../src/study/plan.ts";
import { payloadOf } from "../../src/study/queue/payload.ts";

const BIN = new URL("../../bin/pimsyn.js", import.meta.url).pathname;
const CHAIN4 = new URL("../../specs/networks/chain4.json", import.meta.url).pathname;

interface Proc {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function pimsyn(args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, out: () => out, exited };
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const redisMissing = skipWithoutRedis;

describe.skipIf(redisMissing)("pimsyn sweep --queue with pimsyn worker", () => {
  let redis: TestRedis;
  const tmp = mkdtempSync(join(tmpdir(), "pimsyn-queue-"));
  const study = join(tmp, "study");
  const workers: Proc[] = [];
  // Six jobs of 0.5-1 s each (the first on a worker about 2 s: thread start-up): time to kill a worker in one.
  const sweepArgs = () => ["sweep", CHAIN4, "--power", "0.5W:1.0W:0.1W", "--max-evaluations", "40", "--xbar", "128,256", "--cell-bits", "2", "--ratio", "0.15,0.3", "--queue", redis.url, "--out", study];
  const workerArgs = (name: string) => ["worker", "--queue", redis.url, "--results", join(tmp, name), "--lock-duration", "2s", "--stalled-interval", "1s"];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await redis?.stop();
  });

  it("a worker killed mid-job: the job is retried on the other worker and every result is saved exactly once", async () => {
    const a = pimsyn(workerArgs("wa"));
    const b = pimsyn(workerArgs("wb"));
    workers.push(a, b);
    await until(() => /worker \d+:/.test(a.out()) && /worker \d+:/.test(b.out()), 15_000, "both workers to start");
    const sweep = pimsyn(sweepArgs());
    await until(() => / active/.test(a.out()), 15_000, "worker A to take a job");
    const killedId = /job ([0-9a-f]{16}) active/.exec(a.out())![1];
    a.child.kill("SIGKILL");
    expect(await a.exited).toBeNull(); // killed, not exited
    expect(a.out()).not.toMatch(new RegExp(`job ${killedId} completed`));

    expect(await sweep.exited).toBe(0);
    expect(sweep.out()).toMatch(/6 done, 0 failed, 0 not run/);
    expect(b.out()).toMatch(new RegExp(`job ${killedId} completed`));

    const results = readdirSync(join(study, "results"));
    expect(results.sort()).toHaveLength(6);
    expect(results.every((r) => /^[0-9a-f]{16}$/.test(r))).toBe(true);
    const index = readFileSync(join(study, "study.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: string; status: string });
    expect(index.map((l) => l.id).sort()).toEqual(results.sort());
    expect(index.every((l) => l.status === "done")).toBe(true);
    expect(results).toContain(killedId);
    for (const r of results) expect(existsSync(join(study, "results", r, "metrics.json"))).toBe(true);
    // Collected jobs are gone from Redis; the worker's scratch folders are empty.
    const jobKeys = (await redis.client.keys("pimsyn:synth:*")).filter((k) => /:[0-9a-f]{16}$/.test(k));
    expect(jobKeys).toEqual([]);
    expect(readdirSync(join(tmp, "wb"))).toEqual([]);
  }, 30_000);

  it("re-running the finished study enqueues nothing and leaves the index byte-identical", async () => {
    const before = readFileSync(join(study, "study.jsonl"), "utf8");
    const again = pimsyn(sweepArgs());
    expect(await again.exited).toBe(0);
    expect(again.out()).toMatch(/6 already done; running 0/);
    expect(again.out()).toMatch(/0 jobs enqueued/);
    expect(readFileSync(join(study, "study.jsonl"), "utf8")).toBe(before);
    const q = new Queue("synth", { connection: { url: redis.url }, prefix: "pimsyn" });
    const counts = await q.getJobCounts("waiting", "active", "completed", "failed", "delayed");
    await q.close();
    expect(Object.values(counts).reduce((s, n) => s + n, 0)).toBe(0);
  }, 20_000);

  it("a job whose payload is malformed, tampered with or from another version fails at once (no retries); nothing is written", async () => {
    const b = workers[1];
    const q = new Queue("synth", { connection: { url: redis.url }, prefix: "pimsyn" });
    const plan = await planStudy({ schemaVersion: 1, networks: [CHAIN4], powerW: [0.5], options: { maxEvaluations: 5 } });
    const good = payloadOf(plan, plan.jobs[0], 1);
    const cases: [string, unknown, RegExp][] = [
      ["0123456789abcdef", { schemaVersion: 1, id: "0123456789abcdef", network: { zoo: "../../etc" } }, /^invalid job payload: /],
      // Valid shape, but the inputs do not hash to the id (someone changed the budget).
      [good.id, { ...good, powerW: 0.6 }, /^invalid job payload: its inputs hash to [0-9a-f]{16}, not to its id/],
      ["fedcba9876543210", { ...good, id: "fedcba9876543210", toolVersion: "0.0.0-other" }, /^job was made by pimsyn 0\.0\.0-other; this worker runs /],
    ];
    for (const [id, data, reason] of cases) {
      await q.add("synth", data as never, { jobId: id, attempts: 3, backoff: { type: "fixed", delay: 100 } });
      await until(() => new RegExp(`job ${id} failed`).test(b.out()), 10_000, `job ${id} to fail`);
      const job = await q.getJob(id);
      expect(await job!.getState()).toBe("failed");
      expect(job!.attemptsMade).toBe(1);
      expect(job!.failedReason).toMatch(reason);
      await job!.remove();
    }
    await q.close();
    expect(readdirSync(join(tmp, "wb"))).toEqual([]);
    b.child.kill("SIGINT");
    expect(await b.exited).toBe(130);
  }, 30_000);
});

describe("pimsyn worker with a bad Redis URL", () => {
  it.concurrent.each([
    ["not a URL", "127.0.0.1 6379", /--queue: expected a Redis URL/],
    ["the wrong scheme", "http://127.0.0.1:6379", /--queue: expected a redis:\/\/ or rediss:\/\/ URL/],
    ["nothing listening", "redis://:s3cret@127.0.0.1:PORT", /--queue: cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+/],
  ])("%s: exit 2, one line, no password shown", async (_what, url, message) => {
    const port = await freePort();
    const p = pimsyn(["worker", "--queue", url.replace("PORT", String(port))]);
    expect(await p.exited).toBe(2);
    const lines = p.out().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toMatch(/s3cret/);
  }, 20_000);

  it("pimsyn sweep with an unreachable queue: exit 2, one line, no study folder written", async () => {
    const port = await freePort();
    const out = join(mkdtempSync(join(tmpdir(), "pimsyn-badq-")), "study");
    const p = pimsyn(["sweep", CHAIN4, "--power", "1W", "--queue", `redis://127.0.0.1:${port}`, "--out", out]);
    expect(await p.exited).toBe(2);
    expect(p.out().trim().split("\n")).toHaveLength(1);
    expect(p.out()).toMatch(/--queue: cannot reach Redis/);
    expect(existsSync(out)).toBe(false);
  }, 20_000);

  it.skipIf(redisMissing)("a password in the URL passes through to Redis, and a wrong one is a user error that hides it", async () => {
    const r = await startRedis({ password: "pw-1234" });
    try {
      await checkReachable(parseQueueUrl(r.url));
      const wrong = r.url.replace("pw-1234", "nope-5678");
      const e = await checkReachable(parseQueueUrl(wrong)).then(() => undefined, (x: unknown) => x);
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).toLine()).toMatch(/^--queue: cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ \(.*(WRONGPASS|invalid)/);
      expect((e as UserError).toLine()).not.toMatch(/nope-5678/);
    } finally {
      await r.stop();
    }
  }, 20_000);

  it("rediss:// (TLS) and user:password URLs are accepted as given; messages show them without the password", () => {
    const t = parseQueueUrl("rediss://worker:secret@redis.example:6380/2");
    expect(t.url).toBe("rediss://worker:secret@redis.example:6380/2");
    expect(t.shown).toBe("rediss://worker:***@redis.example:6380/2");
    expect(() => parseQueueUrl("redis://host:6379/x")).toThrow(/database number/);
  });
});
