/**
 * Interrupting a sweep that runs on a queue: the sweep exits 130 keeping what it collected, the jobs stay with the
 * workers, and the next run of the same sweep adds nothing new and collects the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { skipWithoutRedis, startRedis, type TestRedis } from "./redis.ts";

const BIN = new URL("../../bin/pimsyn.js", import.meta.url).pathname;
const CHAIN4 = new URL("../../specs/networks/chain4.json", import.meta.url).pathname;

function pimsyn(args: string[]) {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return { child, out: () => out, exited: new Promise<number | null>((r) => child.on("exit", (c) => r(c))) };
}

describe.skipIf(skipWithoutRedis)("interrupting pimsyn sweep --queue", () => {
  let redis: TestRedis;
  let worker: ReturnType<typeof pimsyn> | undefined;
  const tmp = mkdtempSync(join(tmpdir(), "pimsyn-qint-"));
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    if (worker && worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGKILL");
    await redis?.stop();
  });

  it("SIGINT keeps collected results, leaves the rest queued; the re-run enqueues nothing and collects them", async () => {
    const study = join(tmp, "study");
    const args = ["sweep", CHAIN4, "--power", "0.5W:1.0W:0.1W", "--max-evaluations", "20", "--xbar", "128", "--cell-bits", "2", "--dac-bits", "1", "--ratio", "0.15,0.3", "--queue", redis.url, "--out", study];
    worker = pimsyn(["worker", "--queue", redis.url, "--results", join(tmp, "w")]);
    const sweep = pimsyn(args);
    const index = join(study, "study.jsonl");
    const t0 = Date.now();
    while (!(existsSync(index) && read(index).trim().length > 0)) {
      if (Date.now() - t0 > 20_000) throw new Error(`nothing collected: ${sweep.out()} ${worker.out()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    sweep.child.kill("SIGINT");
    expect(await sweep.exited).toBe(130);
    expect(sweep.out()).toMatch(/interrupted \(SIGINT\); \d+ jobs stay queued for the workers/);
    const saved = readdirSync(join(study, "results"));
    expect(saved.length).toBeGreaterThanOrEqual(1);
    expect(saved.length).toBeLessThan(6);
    expect(saved.every((n) => /^[0-9a-f]{16}$/.test(n))).toBe(true);

    const again = pimsyn(args);
    expect(await again.exited).toBe(0);
    expect(again.out()).toMatch(new RegExp(`${saved.length} already done; running ${6 - saved.length}`));
    expect(again.out()).toMatch(/0 jobs enqueued by this sweep/);
    expect(again.out()).toMatch(/6 done, 0 failed, 0 not run/);
    const lines = read(index).trim().split("\n").map((l) => JSON.parse(l) as { id: string });
    expect(new Set(lines.map((l) => l.id)).size).toBe(6);
    expect(readdirSync(join(study, "results"))).toHaveLength(6);
    worker.child.kill("SIGINT");
    expect(await worker.exited).toBe(130);
  }, 30_000);
});

function read(f: string): string {
  return readFileSync(f, "utf8");
}
