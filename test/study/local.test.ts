/**
 * Local studies end to end on a small network: results and index, failures recorded without stopping the study,
 * resume runs nothing twice, identical bytes for identical studies, `pimsyn study` re-renders, and SIGINT keeps
 * every finished job.
 */
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStudy } from "../../src/index.ts";
import type { StudySpec } from "../../src/study/spec.ts";

const BIN = new URL("../../bin/pimsyn.js", import.meta.url).pathname;
const CHAIN4 = new URL("../../specs/networks/chain4.json", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "pimsyn-study-"));
const SMALL = { maxEvaluations: 20, crossbarSizes: [128], cellBits: [2], dacBits: [1], ratios: [0.15, 0.3] } satisfies StudySpec["options"];
// 0.01 W fits no design of chain4 (a user error, recorded); the others do.
const SPEC: StudySpec = { schemaVersion: 1, networks: [CHAIN4], powerW: [0.8, 0.01, 0.5], seeds: [1, 2], options: SMALL };

const read = (f: string) => readFileSync(f, "utf8");
const lines = (f: string) => read(f).trim().split("\n").map((l) => JSON.parse(l) as { id: string; status: string; errorKind?: string; error?: string; powerW: number; result?: string });

function cli(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return { child, out: () => out, exited: new Promise<number | null>((r) => child.on("exit", (c) => r(c))) };
}

describe("local study", () => {
  const a = join(tmp, "a");

  it("runs every job, records the infeasible budget as a user error and goes on, and writes the aggregates", async () => {
    const ended: string[] = [];
    const r = await runStudy(SPEC, { out: a, events: { onEnd: (_j, l) => ended.push(l.status) } });
    expect(r.outcome).toMatchObject({ done: 4, failed: 2, remaining: 0, interrupted: false });
    expect(r.outcome.synthesisMs).toBeGreaterThan(0);
    expect(ended).toEqual(["failed", "failed", "done", "done", "done", "done"]); // budgets run in ascending order
    const index = lines(join(a, "study.jsonl"));
    expect(index.map((l) => [l.powerW, l.status])).toEqual([[0.01, "failed"], [0.01, "failed"], [0.5, "done"], [0.5, "done"], [0.8, "done"], [0.8, "done"]]);
    expect(index[0].errorKind).toBe("user");
    expect(index[0].error).toMatch(/no design fits 0\.01 W/);
    expect(readdirSync(join(a, "results")).sort()).toEqual(index.filter((l) => l.status === "done").map((l) => l.id).sort());
    for (const l of index.filter((x) => x.result)) expect(readdirSync(join(a, l.result!))).toEqual(expect.arrayContaining(["arch.json", "metrics.json", "report.html"]));
    expect(read(join(a, "study.csv")).trim().split("\n")).toHaveLength(7);
    // Every front point links to a run report that exists.
    const html = read(join(a, "report.html"));
    const links = [...html.matchAll(/href="(results\/[0-9a-f]{16}\/report\.html)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(existsSync(join(a, l))).toBe(true);
    expect(r.fronts[0].front.map((l) => l.id).every((id) => links.includes(`results/${id}/report.html`))).toBe(true);
    expect(read(join(a, "report.md"))).toMatch(/## chain4 \(pimsyn-date24\)/);
  }, 30_000);

  it("re-running runs nothing (a recorded user error is not retried) and changes no byte", async () => {
    const before = { index: read(join(a, "study.jsonl")), csv: read(join(a, "study.csv")), html: read(join(a, "report.html")) };
    let pending = -1;
    const r = await runStudy(SPEC, { out: a, events: { onPlan: (p) => (pending = p), onStart: () => expect.fail("no job should run") } });
    expect(pending).toBe(0);
    expect(r.outcome.done + r.outcome.failed).toBe(0);
    expect({ index: read(join(a, "study.jsonl")), csv: read(join(a, "study.csv")), html: read(join(a, "report.html")) }).toEqual(before);
  }, 30_000);

  it("the same study in another folder gives byte-identical index, CSV and results", async () => {
    const b = join(tmp, "b");
    await runStudy({ ...SPEC, powerW: [0.5, 0.8, 0.01] }, { out: b });
    expect(read(join(b, "study.jsonl"))).toBe(read(join(a, "study.jsonl")));
    expect(read(join(b, "study.csv"))).toBe(read(join(a, "study.csv")));
    for (const id of readdirSync(join(a, "results"))) expect(read(join(b, "results", id, "metrics.json"))).toBe(read(join(a, "results", id, "metrics.json")));
  }, 30_000);

  it("`pimsyn study <dir>` re-renders the report and the CSV from the folder", async () => {
    const html = read(join(a, "report.html"));
    rmSync(join(a, "report.html"));
    rmSync(join(a, "study.csv"));
    const p = cli(["study", a]);
    expect(await p.exited).toBe(0);
    expect(p.out()).toMatch(/4 of 6 jobs done/);
    expect(read(join(a, "report.html"))).toBe(html);
    expect(existsSync(join(a, "study.csv"))).toBe(true);
    const bad = cli(["study", tmp]);
    expect(await bad.exited).toBe(2);
  }, 30_000);

  it("a YAML study file with a relative network path; SIGINT keeps every finished job and the re-run does the rest", async () => {
    const dir = join(tmp, "yaml");
    const file = join(tmp, "study.yaml");
    writeFileSync(join(tmp, "net.json"), read(CHAIN4));
    writeFileSync(file, `schemaVersion: 1\nname: sigint\nnetworks: [net.json]\npowerW: { fromW: 0.5, toW: 1.0, stepW: 0.1 }\noptions: { maxEvaluations: 20, crossbarSizes: [128], cellBits: [2], dacBits: [1], ratios: [0.15, 0.3] }\n`);
    const p = cli(["sweep", file, "--out", dir]);
    const index = join(dir, "study.jsonl");
    const t0 = Date.now();
    while (!(existsSync(index) && read(index).trim().length > 0)) {
      if (Date.now() - t0 > 20_000) throw new Error(`no job finished: ${p.out()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    p.child.kill("SIGINT");
    expect(await p.exited).toBe(130);
    expect(p.out()).toMatch(/interrupted \(SIGINT\); finished jobs are saved/);
    const saved = readdirSync(join(dir, "results"));
    expect(saved.every((n) => /^[0-9a-f]{16}$/.test(n))).toBe(true); // no scratch folder left
    expect(saved.length).toBeGreaterThanOrEqual(1);
    expect(saved.length).toBeLessThan(6);
    for (const id of saved) expect(existsSync(join(dir, "results", id, "metrics.json"))).toBe(true);
    expect(lines(index).map((l) => l.id).sort()).toEqual([...saved].sort());

    const again = cli(["sweep", file, "--out", dir]);
    expect(await again.exited).toBe(0);
    expect(again.out()).toMatch(new RegExp(`${saved.length} already done; running ${6 - saved.length}`));
    expect(again.out()).toMatch(/6 done, 0 failed, 0 not run/);
    expect(lines(index)).toHaveLength(6);
  }, 30_000);
});
