/** End-to-end synthesis on small spaces: budgets, bounds, determinism, run directory contents. */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesize, type SynthesizeCall } from "../../../src/api/synthesize.ts";
import { loadArch } from "../../../src/io/arch-io.ts";
import { evaluate } from "../../../src/cost/evaluate.ts";
import { loadPreset } from "../../../src/hardware/preset.ts";
import { InfeasibleError } from "../../../src/errors.ts";

const SMALL: Omit<SynthesizeCall, "outDir"> = {
  model: "alexnet",
  powerW: 49,
  seed: 3,
  workers: 1,
  space: { crossbarSizes: [256], cellBits: [2, 4], dacBits: [1, 2], ratios: [0.2, 0.3] },
  candidates: 4,
  saChains: 3,
  eaGenerations: 6,
  eaPopulation: 12,
  finalists: 2,
};
const tmp = () => mkdtempSync(join(tmpdir(), "pimsyn-synth-"));

describe("synthesis on a small space", () => {
  it("emits a schema-valid design within the power budget, and the run directory holds every file", async () => {
    const out = tmp();
    const ctx = await synthesize({ ...SMALL, outDir: out });
    const files = readdirSync(ctx.runDir).sort();
    expect(files).toEqual(["arch.json", "explored.jsonl", "metrics.json", "report.html", "report.md", "timing.json", "traces.json"]);
    expect(readdirSync(out).filter((f) => f.startsWith("."))).toEqual([]); // no temporary sibling left
    const arch = loadArch(join(ctx.runDir, "arch.json")); // validates against the schema
    const metrics = evaluate(arch, loadPreset("pimsyn-date24"), ctx.network);
    expect(metrics.hardware.peakPowerW).toBeLessThanOrEqual(49 * (1 + 1e-9));
    for (const f of ctx.finalists) expect(f.metrics.hardware.peakPowerW).toBeLessThanOrEqual(49 * (1 + 1e-9));
    // Every layer's weights fully mapped: copies × crossbars per copy are on the chip.
    for (const l of arch.mapping!.layers) expect(l.duplication).toBeGreaterThanOrEqual(1);
    const m = JSON.parse(readFileSync(join(ctx.runDir, "metrics.json"), "utf8"));
    expect(m.inputs.network.hash).toBe(ctx.network.hash);
    expect(m.inputs.seed).toBe(3);
    expect(m.summary.gopsPerW).toBeCloseTo(metrics.mapping!.gopsPerW, 6);
    const lines = readFileSync(join(ctx.runDir, "explored.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.kind === "point")).toHaveLength(ctx.outerPoints.length);
    const candidates = ctx.pointResults.reduce((s, r) => s + r.candidates.length, 0);
    expect(lines.filter((l) => l.kind === "candidate")).toHaveLength(candidates);
    const traces = JSON.parse(readFileSync(join(ctx.runDir, "traces.json"), "utf8"));
    expect(traces.sa.length).toBeGreaterThan(0);
    expect(traces.ea.length).toBeGreaterThan(0);
    expect(traces.timeline.length).toBe(arch.mapping!.layers.length);
  });

  it("each point's optimistic bound is at least what any of its designs achieves", async () => {
    const ctx = await synthesize({ ...SMALL, model: "resnet18", outDir: tmp() });
    let checked = 0;
    for (const r of ctx.pointResults) {
      const bound = ctx.outerPoints[r.index].boundGopsPerW;
      for (const c of r.candidates) {
        if (!c.scored) continue;
        expect(c.scored.gopsPerW).toBeLessThanOrEqual(bound * (1 + 1e-9));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it("same inputs and seed give byte-identical arch.json and metrics.json: two runs with 1 worker, two with 2", async () => {
    const runs = [];
    for (const workers of [1, 1, 2, 2]) runs.push(await synthesize({ ...SMALL, outDir: tmp(), workers }));
    for (const r of runs.slice(2)) expect(r.workerStats.tasksPerWorker.every((n) => n > 0), "both workers received work").toBe(true);
    for (const r of runs.slice(1))
      for (const f of ["arch.json", "metrics.json"]) expect(readFileSync(join(r.runDir, f), "utf8")).toBe(readFileSync(join(runs[0].runDir, f), "utf8"));
  });

  it("synthesizes an imported ONNX network (graph-only torchvision export)", async () => {
    const onnx = new URL("../../fixtures/onnx/resnet18.onnx", import.meta.url).pathname;
    const ctx = await synthesize({ ...SMALL, model: onnx, powerW: 49, outDir: tmp() });
    expect(ctx.network.totals.convMacs).toBe(1_813_561_344);
    expect(ctx.best.metrics.hardware.peakPowerW).toBeLessThanOrEqual(49 * (1 + 1e-9));
  });

  it("--max-evaluations is exact", async () => {
    const ctx = await synthesize({ ...SMALL, outDir: tmp(), maxEvaluations: 400 });
    expect(ctx.evaluations).toBeLessThanOrEqual(400);
    expect(ctx.evaluations).toBeGreaterThan(300);
  });

  it("an infeasible budget is a user error naming the minimum feasible power, and writes nothing", async () => {
    const out = tmp();
    const err = await synthesize({ ...SMALL, powerW: 0.5, outDir: out }).catch((e) => e);
    expect(err).toBeInstanceOf(InfeasibleError);
    expect(err.message).toMatch(/minimum feasible power for alexnet under pimsyn-date24 is [0-9.]+ W/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    // The named minimum is close to feasible: a little above it, synthesis succeeds.
    const min = (err as InfeasibleError).minimumFeasiblePowerW!;
    const ok = await synthesize({ ...SMALL, powerW: min * 1.3, space: { ...SMALL.space!, ratios: [0.4] }, outDir: tmp() });
    expect(ok.best.metrics.hardware.peakPowerW).toBeLessThanOrEqual(min * 1.3);
  });
});
