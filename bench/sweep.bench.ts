/**
 * Design-space study overheads (issue 15). `npm run bench:sweep [-- --max-evaluations N] [--full-space]` prints figures; nothing
 * is asserted. A 24-job study (alexnet, vgg8 × 40, 80, 120, 160 W × seeds 1, 2, 3; --max-evaluations keeps each job
 * seconds, not minutes):
 *   1. each job as a single synthesize() call, summed; then the same study through the local runner: overhead;
 *   2. the same study through Redis with 2 worker processes of concurrency 1, then with 1: wall ratio;
 *      enqueue + collect cost per job; Redis peak memory (a fresh redis-server per run, so its peak is the study's).
 * Needs redis-server on PATH for part 2 (Debian's package; the system service is not used).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { runStudy, UserError } from "../src/index.ts";
import { planStudy } from "../src/study/plan.ts";
import { synthesizeJob } from "../src/study/local.ts";
import type { StudySpec } from "../src/study/spec.ts";
import { haveRedisServer, startRedis } from "../test/study/redis.ts";

const arg = process.argv.indexOf("--max-evaluations");
const maxEvaluations = arg > 0 ? Number(process.argv[arg + 1]) : 40;
// A reduced design space (4 outer points instead of the paper's 63) keeps each job a few seconds on a shared
// 2-core machine; --full-space uses the paper's space (each job then takes 10-20 s).
const fullSpace = process.argv.includes("--full-space");
const space = fullSpace ? {} : { crossbarSizes: [128, 256] as (128 | 256)[], cellBits: [2] as 2[], dacBits: [1] as 1[], ratios: [0.15, 0.3] };
const spec: StudySpec = { schemaVersion: 1, name: "bench", networks: ["alexnet", "vgg8"], powerW: [40, 80, 120, 160], seeds: [1, 2, 3], options: { maxEvaluations, ...space } };
const tmp = mkdtempSync(join(tmpdir(), "pimsyn-bench-sweep-"));
const BIN = new URL("../bin/pimsyn.js", import.meta.url).pathname;
const s = (ms: number) => `${(ms / 1e3).toFixed(1)} s`;

const plan = await planStudy(spec);
console.log(`machine: ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)} at the start (other processes share the cores: read the ratios with that in mind)`);
console.log(`study: ${plan.jobs.length} jobs (alexnet, vgg8 × 4 budgets × 3 seeds), --max-evaluations ${maxEvaluations}, ${fullSpace ? "paper" : "reduced (4-point)"} design space, 1 thread per synthesis`);

// 1. Warm-up (per-process caches of each network, JIT), singles, then the local study.
for (const network of spec.networks) await synthesizeJob(plan.jobs.find((j) => j.network.name === network && j.powerW === 160)!, join(tmp, "warm"), 1);
rmSync(join(tmp, "warm"), { recursive: true, force: true });
let singlesMs = 0;
for (const job of plan.jobs) {
  const scratch = join(tmp, "single");
  const t0 = performance.now();
  // A budget no design fits fails fast; the study records it the same way, so it counts on both sides.
  await synthesizeJob(job, scratch, 1).catch((e: unknown) => {
    if (!(e instanceof UserError)) throw e;
  });
  singlesMs += performance.now() - t0;
  rmSync(scratch, { recursive: true, force: true });
}
const t0 = performance.now();
const local = await runStudy(spec, { out: join(tmp, "local") });
const localMs = performance.now() - t0;
console.log(`local: ${local.outcome.done} done, ${local.outcome.failed} failed`);
console.log(`  sum of single syntheses      ${s(singlesMs)}`);
console.log(`  local study wall             ${s(localMs)}   overhead ${(100 * (localMs / singlesMs - 1)).toFixed(1)} % vs the singles (target ≤ 5 %)`);
const inside = local.outcome.synthesisMs!;
console.log(`  of which inside synthesize() ${s(inside)}   runner's own share ${(100 * (localMs / inside - 1)).toFixed(1)} % (index, renames, CSV, report)`);

// 2. Through Redis.
if (!haveRedisServer()) console.log("redis-server not found: skipping the distributed figures (apt-get install redis-server)");
else {
  async function distributed(workerCount: number) {
    const redis = await startRedis();
    const base = Number(/used_memory:(\d+)/.exec(await redis.client.info("memory"))![1]);
    const workers: ChildProcess[] = [];
    const ready: Promise<void>[] = [];
    const logs: string[] = [];
    for (let k = 0; k < workerCount; k++) {
      const w = spawn(process.execPath, [BIN, "worker", "--queue", redis.url, "--results", join(tmp, `w${workerCount}-${k}`)], { stdio: ["ignore", "ignore", "pipe"] });
      workers.push(w);
      logs.push("");
      w.stderr!.on("data", (d: Buffer) => (logs[k] += String(d)));
      ready.push(new Promise((resolve) => w.stderr!.on("data", () => /worker \d+:/.test(logs[k]) && resolve())));
    }
    await Promise.all(ready);
    let peak = base;
    const sampler = setInterval(async () => {
      const m = /used_memory:(\d+)/.exec(await redis.client.info("memory").catch(() => ""));
      if (m) peak = Math.max(peak, Number(m[1]));
    }, 100);
    const t = performance.now();
    const r = await runStudy(spec, { out: join(tmp, `queue-${workerCount}`), queue: redis.url });
    const wallMs = performance.now() - t;
    clearInterval(sampler);
    const serverPeak = Number(/used_memory_peak:(\d+)/.exec(await redis.client.info("memory"))![1]);
    for (const w of workers) {
      const exited = new Promise((resolve) => w.once("exit", resolve));
      w.kill("SIGINT");
      await exited;
    }
    await redis.stop();
    const perWorker = logs.map((l) => (l.match(/ completed/g) ?? []).length);
    // Each job's time on its worker, from the worker's log (active → completed).
    const jobMs: number[] = [];
    for (const log of logs) {
      const started = new Map<string, number>();
      for (const m of log.matchAll(/^(\S+) job ([0-9a-f]{16}) (active|completed)/gm)) {
        if (m[3] === "active") started.set(m[2], Date.parse(m[1]));
        else if (started.has(m[2])) jobMs.push(Date.parse(m[1]) - started.get(m[2])!);
      }
    }
    const meanJobMs = jobMs.reduce((a, b) => a + b, 0) / Math.max(1, jobMs.length);
    return { wallMs, r, base, peak: Math.max(peak, serverPeak), perWorker, meanJobMs };
  }
  const two = await distributed(2);
  const one = await distributed(1);
  const o = two.r.outcome;
  console.log(`redis: ${o.done} done, ${o.failed} failed (2 workers); ${one.r.outcome.done} done (1 worker)`);
  console.log(`  1 worker wall                ${s(one.wallMs)}`);
  console.log(`  jobs per worker              ${two.perWorker.join(" + ")} (2 workers)`);
  console.log(`  2 workers wall               ${s(two.wallMs)}   speed-up ${(one.wallMs / two.wallMs).toFixed(2)}× (target ≥ 1.7× on 2 cores)`);
  console.log(`  mean time per job on a worker ${s(one.meanJobMs)} (1 worker), ${s(two.meanJobMs)} (2 workers): a ratio near 2 means the two workers share one core's worth of CPU`);
  console.log(`  enqueue + collect per job    ${((o.enqueueMs! + o.collectMs!) / plan.jobs.length).toFixed(1)} ms  (enqueue ${(o.enqueueMs! / plan.jobs.length).toFixed(1)} ms, save + remove ${(o.collectMs! / plan.jobs.length).toFixed(1)} ms)`);
  console.log(`  Redis memory                 ${(two.base / 2 ** 20).toFixed(2)} MiB empty, peak ${(two.peak / 2 ** 20).toFixed(2)} MiB during the study (2 workers)`);
  console.log(`  load average at the end      ${loadavg()[0].toFixed(1)}`);
  console.log(`  local study vs 1 worker      ${(one.wallMs / localMs).toFixed(2)}× the local wall (worker thread start-up, polling, transfer)`);
}
rmSync(tmp, { recursive: true, force: true });
