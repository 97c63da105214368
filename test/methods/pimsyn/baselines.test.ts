/** The ISAAC-like baselines: same preset, same budget, named for what they are; gains only when comparable. */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPreset } from "../../../src/hardware/preset.ts";
import { loadNetwork } from "../../../src/network/load.ts";
import { gainOver, isaacLikeSameBudget, isaacLikeWeightsOnce } from "../../../src/methods/pimsyn/baselines.ts";
import { synthesize } from "../../../src/api/synthesize.ts";
import type { Preset } from "../../../src/hardware/components.ts";

const preset = loadPreset("pimsyn-date24");
const { network: resnet18 } = await loadNetwork("resnet18");
const { network: alexnet } = await loadNetwork("alexnet");

describe("ISAAC-like design filling the same budget", () => {
  it("stays within the budget and fills it (resnet18 at 49 W, 150 W)", () => {
    for (const P of [49, 150]) {
      const b = isaacLikeSameBudget(resnet18, preset, P);
      expect(b.name).toBe("isaac-like-same-budget");
      expect(b.withinBudget).toBe(true);
      expect(b.peakPowerW).toBeLessThanOrEqual(P);
      expect(b.peakPowerW).toBeGreaterThan(0.95 * P);
      console.log(`resnet18@${P} W: same-budget ISAAC-like ${b.gopsPerW.toFixed(1)} GOPS/W at ${b.peakPowerW.toFixed(2)} W`);
    }
  });

  it("duplicates in proportion to WO·HO (larger maps never get fewer copies, up to the heuristic's rounding)", () => {
    const b = isaacLikeSameBudget(resnet18, preset, 49);
    const conv = b.arch.mapping!.layers
      .map((l) => ({ dup: l.duplication, layer: resnet18.layers.find((x) => x.name === l.layer)! }))
      .filter((l) => l.layer.kind === "conv")
      .map((l) => ({ dup: l.dup, px: l.layer.outShape.h * l.layer.outShape.w }));
    expect(Math.max(...conv.map((c) => c.dup))).toBeGreaterThan(1);
    for (const a of conv) for (const c of conv) if (a.px > c.px) expect(a.dup).toBeGreaterThanOrEqual(c.dup - 1);
  });

  it("is better than holding the weights once (duplication pays under the same budget)", () => {
    const s = isaacLikeSameBudget(resnet18, preset, 49);
    const o = isaacLikeWeightsOnce(resnet18, preset, 49);
    expect(o.name).toBe("isaac-like-weights-once");
    expect(s.gopsPerW).toBeGreaterThan(o.gopsPerW);
    expect(s.throughputTops).toBeGreaterThan(o.throughputTops);
  });

  it("when one copy of the weights does not fit (alexnet at 49 W), it says so and is not within budget", () => {
    const b = isaacLikeSameBudget(alexnet, preset, 49);
    expect(b.withinBudget).toBe(false);
    expect(b.peakPowerW).toBeGreaterThan(49);
    expect(b.note).toMatch(/one copy of the weights in ISAAC tiles needs [\d.]+ W, more than the 49 W budget/);
    expect(gainOver(500, true, b)).toBeUndefined();
  });

  it("an absurd override (ISAAC's 8-bit ADC at 1e30 mW) never yields a gain", () => {
    const absurd: Preset = structuredClone(preset);
    for (const r of absurd.adc) if (r.bits === 8) r.peakPowerMw = 1e30;
    const b = isaacLikeSameBudget(resnet18, absurd, 49);
    expect(b.withinBudget).toBe(false);
    expect(gainOver(400, true, b)).toBeUndefined();
  });
});

describe("gainOver", () => {
  const ok = { gopsPerW: 100, withinBudget: true };
  it("is the ratio when both sides are finite, positive and within budget", () => {
    expect(gainOver(250, true, ok)).toBe(2.5);
  });
  it("is absent otherwise", () => {
    expect(gainOver(250, false, ok)).toBeUndefined();
    expect(gainOver(250, true, { ...ok, withinBudget: false })).toBeUndefined();
    for (const bad of [0, -1, Infinity, NaN]) {
      expect(gainOver(bad, true, ok)).toBeUndefined();
      expect(gainOver(250, true, { ...ok, gopsPerW: bad })).toBeUndefined();
    }
    expect(gainOver(1e300, true, { ...ok, gopsPerW: 1e-300 })).toBeUndefined(); // overflows to Infinity
  });
});

describe("metrics.json of a synthesis", () => {
  it("names both baselines, and the headline gain is over the same-budget design", async () => {
    const ctx = await synthesize({
      model: "resnet18",
      powerW: 49,
      seed: 1,
      workers: 1,
      maxEvaluations: 300,
      space: { crossbarSizes: [256], cellBits: [2], dacBits: [1], ratios: [0.2] },
      outDir: mkdtempSync(join(tmpdir(), "pimsyn-baseline-")),
    });
    const m = JSON.parse(readFileSync(join(ctx.runDir, "metrics.json"), "utf8"));
    expect(m.baseline.name).toBe("isaac-like-same-budget");
    expect(m.baseline.withinBudget).toBe(true);
    expect(m.baselineWeightsOnce.name).toBe("isaac-like-weights-once");
    expect(m.summary.gainOverBaseline).toBeCloseTo(m.summary.gopsPerW / m.baseline.gopsPerW, 9);
    expect(m.summary.gainOverIsaacLike).toBeUndefined();
    expect(m.summary.throughputTops).toBeCloseTo(m.inputs.network.ops / m.summary.periodNs / 1e3, 9);
    expect(m.summary.latencyTops).toBeCloseTo(m.inputs.network.ops / m.summary.latencyNs / 1e3, 9);
    expect(m.summary.fractionOfSpaceBound).toBeGreaterThan(0);
    expect(m.summary.fractionOfSpaceBound).toBeLessThanOrEqual(1);
    expect(m.summary.dynamicEnergyShare).toBeCloseTo(m.summary.gopsPerW / m.summary.noStaticGopsPerW, 9);
    console.log(`resnet18@49 W (small space): ${m.summary.gopsPerW.toFixed(1)} GOPS/W, ×${m.summary.gainOverBaseline.toFixed(2)} the same-budget ISAAC-like design`);
  });
});
