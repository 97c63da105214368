/** The area budget (`--area`): the plan's area equals the built architecture's, the cap holds, and an impossible cap names the least area. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { synthesize } from "../../../src/api/synthesize.ts";
import { planPower } from "../../../src/cost/plan-power.ts";
import { pointCosts } from "../../../src/cost/point-costs.ts";
import { buildNetworkModel } from "../../../src/mapping/layer-model.ts";
import { nocOf } from "../../../src/methods/pimsyn/design.ts";
import { minimumFeasibleAreaMm2, ModelCache, PAPER_SPACE } from "../../../src/methods/pimsyn/space.ts";
import { loadNetwork } from "../../../src/network/load.ts";
import { loadPreset } from "../../../src/hardware/preset.ts";

const BIN = fileURLToPath(new URL("../../../bin/pimsyn.js", import.meta.url));
const out = () => mkdtempSync(join(tmpdir(), "pimsyn-area-"));
const small = { model: "alexnet", powerW: 49, seed: 1, workers: 1, maxEvaluations: 600 } as const;

describe("area budget", () => {
  it("the plan's area (used inside the search) equals the arch.json tree's total", async () => {
    const run = await synthesize({ ...small, outDir: out() });
    const d = run.best.design;
    const model = buildNetworkModel(run.network, d.point);
    const noc = nocOf(run.preset);
    const area = planPower(model, pointCosts(run.preset, d.point, d.scratchpadKb, noc.flitHopPj), noc, d.plan).areaMm2;
    expect(area).toBeCloseTo(run.best.metrics.hardware.areaMm2, 6);
    expect(run.best.arch.budget).toEqual({ powerW: 49, usedPowerW: run.best.metrics.hardware.peakPowerW, usedAreaMm2: run.best.metrics.hardware.areaMm2 });
  });

  it("a binding cap is respected and recorded in arch.json and metrics.json", async () => {
    const free = await synthesize({ ...small, outDir: out() });
    const cap = Math.round(free.best.metrics.hardware.areaMm2 * 0.6);
    const capped = await synthesize({ ...small, areaMm2: cap, outDir: out() });
    const hw = capped.best.metrics.hardware;
    expect(hw.areaMm2).toBeLessThanOrEqual(cap * (1 + 1e-9));
    expect(hw.peakPowerW).toBeLessThanOrEqual(49 * (1 + 1e-9));
    expect(capped.best.arch.budget?.areaMm2).toBe(cap);
    const metrics = JSON.parse(readFileSync(join(capped.runDir, "metrics.json"), "utf8"));
    expect(metrics.summary.areaBudgetMm2).toBe(cap);
    expect(metrics.inputs.areaBudgetMm2).toBe(cap);
    expect(hw.areaMm2).toBeLessThan(free.best.metrics.hardware.areaMm2);
  });

  it("an area no design reaches is a user error naming the minimum feasible area; nothing is written", async () => {
    const { network } = await loadNetwork("alexnet");
    const least = minimumFeasibleAreaMm2(network, loadPreset("pimsyn-date24"), PAPER_SPACE, new ModelCache(network));
    const dir = out();
    const r = spawnSync(process.execPath, [BIN, "synth", "alexnet", "--power", "49W", "--area", `${(least * 0.9).toFixed(3)}mm2`, "--out", dir, "--workers", "1"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`minimum feasible area for alexnet under pimsyn-date24 is ${least.toPrecision(4)} mm²`);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a malformed --area is a one-line user error", () => {
    const r = spawnSync(process.execPath, [BIN, "synth", "alexnet", "--power", "49W", "--area", "big"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--area.*expected an area like 120mm2/);
  });
});
