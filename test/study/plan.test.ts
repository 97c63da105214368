/** Study files, job ids, budgets, Pareto sets and CSV quoting (no synthesis runs here). */
import { userError as expectUserError } from "../network/helpers.ts";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UserError } from "../../src/errors.ts";
import { readStudyFile, looksLikeStudyFile } from "../../src/study/load.ts";
import { jobIdOf, planStudy, powerBudgets } from "../../src/study/plan.ts";
import { csvField, dominates, paretoSet, studyCsv } from "../../src/study/aggregate.ts";
import type { IndexLine, JobMetrics } from "../../src/study/layout.ts";
import { studyFromFlags } from "../../src/cli/study-flags.ts";

const dir = mkdtempSync(join(tmpdir(), "pimsyn-plan-"));
const CHAIN4 = new URL("../../specs/networks/chain4.json", import.meta.url).pathname;

function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}


describe("study files", () => {
  it("JSON and YAML of the same study give the same jobs, ids and order", async () => {
    const json = write("s.json", JSON.stringify({ schemaVersion: 1, networks: ["alexnet", CHAIN4], powerW: [49, 20], seeds: [2, 1], options: { maxEvaluations: 10, cellBits: [2, 1] } }));
    const yaml = write("s.yaml", `schemaVersion: 1\nnetworks: [alexnet, ${CHAIN4}]\npowerW: [20, 49]\nseeds: [2, 1]\noptions:\n  cellBits: [1, 2]\n  maxEvaluations: 10\n`);
    expect(looksLikeStudyFile(json)).toBe(true);
    expect(looksLikeStudyFile(CHAIN4)).toBe(false);
    const a = await planStudy(readStudyFile(json), dir);
    const b = await planStudy(readStudyFile(yaml), dir);
    expect(a.jobs).toHaveLength(8);
    expect(a.jobs.map((j) => j.id)).toEqual(b.jobs.map((j) => j.id));
    expect(new Set(a.jobs.map((j) => j.id)).size).toBe(8);
    expect(a.jobs.map((j) => [j.network.name, j.powerW, j.seed])).toEqual([
      ["alexnet", 20, 2], ["alexnet", 20, 1], ["alexnet", 49, 2], ["alexnet", 49, 1],
      ["chain4", 20, 2], ["chain4", 20, 1], ["chain4", 49, 2], ["chain4", 49, 1],
    ]);
    expect(a.hash).toBe(b.hash);
  });

  it("an id changes with every input that determines the result, and only with those", () => {
    const base = { networkHash: "n", powerW: 20, presetHash: "p", options: { maxEvaluations: 10 }, seed: 1, toolVersion: "0.1.0" };
    const id = jobIdOf(base);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(jobIdOf({ ...base })).toBe(id);
    for (const change of [{ networkHash: "m" }, { powerW: 21 }, { presetHash: "q" }, { options: { maxEvaluations: 11 } }, { seed: 2 }, { toolVersion: "0.1.1" }])
      expect(jobIdOf({ ...base, ...change }), JSON.stringify(change)).not.toBe(id);
  });

  it("the same network named twice is one job", async () => {
    const plan = await planStudy({ schemaVersion: 1, networks: [CHAIN4, join(dir, "..", dir.split("/").pop()!, "..", "..", CHAIN4)], powerW: [1] });
    expect(plan.jobs).toHaveLength(1);
  });

  it("errors name the file and the JSON pointer, or the YAML line", () => {
    expect(userErrorLine(() => readStudyFile(write("bad1.yaml", "schemaVersion: 1\nnetworks: [alexnet\npowerW: [1]\n")))).toMatch(/bad1\.yaml: malformed YAML .* at line \d+, column \d+/);
    expect(userErrorLine(() => readStudyFile(write("bad2.json", JSON.stringify({ schemaVersion: 1, networks: ["alexnet"], powerW: [-1] }))))).toMatch(/bad2\.json: \/powerW/);
    expect(userErrorLine(() => readStudyFile(write("bad3.yaml", "schemaVersion: 1\nnetworks: [alexnet]\npowerW: [1]\noptions: { maxEvals: 3 }\n")))).toMatch(/bad3\.yaml: \/options\/maxEvals: is not an allowed field/);
    expect(userErrorLine(() => readStudyFile(join(dir, "none.yaml")))).toMatch(/none\.yaml: no such file/);
  });

  it("an unknown network names its place in the study", async () => {
    await expect(planStudy({ schemaVersion: 1, networks: ["alexnet", "nonet"], powerW: [1] })).rejects.toThrow(/unknown model "nonet"/);
    const e = await planStudy({ schemaVersion: 1, networks: ["alexnet", "nonet"], powerW: [1] }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).toLine()).toMatch(/^\/networks\/1: /);
  });

  it("flags make the same study as a file", async () => {
    const flags = studyFromFlags("alexnet,vgg8", { power: "20W:60W:20W", preset: "pimsyn-date24", seeds: "1,2,3", options: { maxEvaluations: 5 } });
    const file = readStudyFile(write("f.yaml", "schemaVersion: 1\nnetworks: [alexnet, vgg8]\npowerW: { fromW: 20, toW: 60, stepW: 20 }\npresets: [pimsyn-date24]\nseeds: [1, 2, 3]\noptions: { maxEvaluations: 5 }\n"));
    expect((await planStudy(flags)).jobs.map((j) => j.id)).toEqual((await planStudy(file)).jobs.map((j) => j.id));
    expect(userErrorLine(() => studyFromFlags("alexnet", { power: "20W:10W:1W", options: {} }))).toMatch(/--power: expected the range's end/);
    expect(userErrorLine(() => studyFromFlags("alexnet", { power: "20", seeds: "1,x", options: {} }))).toMatch(/--seeds: /);
  });
});

describe("power budgets", () => {
  it("a range includes both ends without drift", () => {
    expect(powerBudgets({ fromW: 0.1, toW: 0.5, stepW: 0.1 })).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(powerBudgets({ fromW: 20, toW: 200, stepW: 20 })).toHaveLength(10);
    expect(powerBudgets([49, 20])).toEqual([20, 49]);
  });
});

const metrics = (gopsPerW: number, tops: number, areaMm2: number, latencyNs: number): JobMetrics => ({
  gopsPerW, tops, areaMm2, latencyNs, powerUsedW: 1, powerBudgetW: 1, fractionOfEnergyBound: 0.5, gainOverIsaacLike: 1,
  crossbarSize: 128, cellBits: 2, dacBits: 1, adcBits: 8, macros: 1, crossbars: 1, status: "complete",
});

describe("Pareto set (GOPS/W and TOPS up, area and latency down)", () => {
  const arb = fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })), { minLength: 0, maxLength: 40 });
  it("equals the brute-force definition: kept ⇔ no other design dominates it", () => {
    fc.assert(
      fc.property(arb, (pts) => {
        const lines = pts.map((p, i) => ({ id: String(i), metrics: metrics(...p) }));
        const front = new Set(paretoSet(lines).map((l) => l.id));
        for (const a of lines) {
          // dominates: ≥ on every objective in its sense and > on one, written out from the definition.
          const beaten = lines.some((b) => {
            const ge = b.metrics.gopsPerW >= a.metrics.gopsPerW && b.metrics.tops >= a.metrics.tops && b.metrics.areaMm2 <= a.metrics.areaMm2 && b.metrics.latencyNs <= a.metrics.latencyNs;
            const gt = b.metrics.gopsPerW > a.metrics.gopsPerW || b.metrics.tops > a.metrics.tops || b.metrics.areaMm2 < a.metrics.areaMm2 || b.metrics.latencyNs < a.metrics.latencyNs;
            return ge && gt;
          });
          if (front.has(a.id) === beaten) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it("dominance is strict: equal designs do not dominate each other", () => {
    expect(dominates(metrics(1, 1, 1, 1), metrics(1, 1, 1, 1))).toBe(false);
    expect(dominates(metrics(2, 1, 1, 1), metrics(1, 1, 1, 1))).toBe(true);
    expect(dominates(metrics(2, 1, 1, 2), metrics(1, 1, 1, 1))).toBe(false);
  });
});

describe("study.csv", () => {
  it("quotes commas, quotes and newlines, and defuses spreadsheet formulas", () => {
    expect(csvField('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(1.5)).toBe("1.5");
    expect(csvField(undefined)).toBe("");
  });

  it("has units in the column names and one row per job", () => {
    const line = (id: string, m?: JobMetrics): IndexLine => ({
      id, status: m ? "done" : "failed", network: "n", networkHash: "h", preset: "p", powerW: 1, seed: 1,
      ...(m ? { metrics: m, result: `results/${id}` } : { error: "no design fits", errorKind: "user" as const }),
    });
    const csv = studyCsv([line("a".repeat(16), metrics(2, 2, 1, 1)), line("b".repeat(16), metrics(1, 1, 2, 2)), line("c".repeat(16))]).trim().split("\n");
    expect(csv[0]).toMatch(/power_budget_w,.*efficiency_gops_per_w,throughput_tops,latency_ns,power_used_w,area_mm2/);
    expect(csv).toHaveLength(4);
    const col = csv[0].split(",").indexOf("on_front");
    expect(csv.slice(1).map((r) => r.split(",")[col])).toEqual(["1", "0", ""]);
  });
});

describe("docs/sweep.md", () => {
  it("its example study file is valid against the schema", () => {
    const md = readFileSync(new URL("../../docs/sweep.md", import.meta.url), "utf8");
    const yaml = /```yaml\n([\s\S]*?)```/.exec(md)![1];
    const spec = readStudyFile(write("docs-example.yaml", yaml));
    expect(spec.networks).toEqual(["alexnet", "vgg8", "nets/mine.onnx"]);
    expect(powerBudgets(spec.powerW)).toHaveLength(8);
  });
});

describe("area budgets", () => {
  it("cross with the power budgets, give distinct ids, and leave the ids of uncapped studies unchanged", async () => {
    const base = { networkHash: "h", powerW: 49, presetHash: "p", options: {}, seed: 1, toolVersion: "0" };
    expect(jobIdOf({ ...base, areaMm2: undefined })).toBe(jobIdOf(base));
    expect(jobIdOf({ ...base, areaMm2: 100 })).not.toBe(jobIdOf(base));
    const spec = studyFromFlags("alexnet", { power: "20W,49W", area: "100mm2,60", options: {} });
    expect(spec.areaMm2).toEqual([100, 60]);
    const plan = await planStudy(spec, dir);
    expect(plan.jobs.map((j) => [j.powerW, j.areaMm2])).toEqual([[20, 60], [20, 100], [49, 60], [49, 100]]);
    expect(new Set(plan.jobs.map((j) => j.id)).size).toBe(4);
    expect(userErrorLine(() => studyFromFlags("alexnet", { power: "49W", area: "big", options: {} }))).toMatch(/--area/);
  });
});

const userErrorLine = (f: () => unknown): string => expectUserError(f).toLine();
