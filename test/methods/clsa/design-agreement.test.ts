/**
 * One design, one latency (issue 12): on synthesized zoo designs, CLSA-CIM's cross-layer makespan at block
 * granularity, timed by the design's own allocation, agrees with the block-level simulator's latency; and a
 * run's arch is not silently scheduled for another network.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesize } from "../../../src/api/synthesize.ts";
import { scheduleNetwork } from "../../../src/methods/clsa/schedule.ts";
import { loadNetwork } from "../../../src/network/load.ts";
import { loadArch } from "../../../src/io/arch-io.ts";
import { UserError } from "../../../src/errors.ts";
import { loadPreset } from "../../../src/hardware/preset.ts";
import { prepareMapping } from "../../../src/cost/evaluate.ts";
import { pointCosts } from "../../../src/cost/point-costs.ts";
import { simulateDesign } from "../../../src/methods/pimsyn/simulate-design.ts";

const NETS: [string, number][] = [
  ["alexnet", 49],
  ["vgg8", 20],
  ["resnet18", 49],
  ["mobilenetv2", 60],
  ["tinyyolov4", 49],
  ["vgg16", 150],
];

describe("CLSA-CIM on a synthesized design agrees with the simulator", () => {
  it(`within 5 % at block granularity on ${NETS.map(([m]) => m).join(", ")}`, async () => {
    const rows: string[] = [];
    let worst = 0;
    for (const [model, powerW] of NETS) {
      const ctx = await synthesize({
        model,
        powerW,
        seed: 1,
        workers: 1,
        maxEvaluations: 150,
        candidates: 2,
        finalists: 1,
        space: { crossbarSizes: [256], cellBits: [2, 4], dacBits: [1], ratios: [0.3] },
        outDir: mkdtempSync(join(tmpdir(), "pimsyn-agree-")),
      });
      const simulated = ctx.best.simulatedLatencyNs!;
      const r = scheduleNetwork(ctx.network, ctx.best.arch, ctx.preset, { granularity: "block", policy: "cross-layer" });
      expect(r.options.duplication).toBe("keep");
      expect(r.options.timing).toBe("design");
      const makespan = r.runs[0].makespanNs;
      const err = makespan / simulated - 1;
      worst = Math.max(worst, Math.abs(err));
      rows.push(`${model.padEnd(12)} simulated ${(simulated / 1e3).toFixed(1).padStart(8)} µs  CLSA block ${(makespan / 1e3).toFixed(1).padStart(8)} µs  ${(100 * err).toFixed(2).padStart(6)} %`);
    }
    console.log(rows.join("\n") + `\nworst |CLSA / simulator − 1| = ${(100 * worst).toFixed(2)} %`);
    expect(worst).toBeLessThanOrEqual(0.05);
  }, 300_000);

  it("also on a design with shared ADC banks (the fixture run: resnet18, two sharing pairs)", async () => {
    const arch = loadArch("test/fixtures/run/arch.json");
    const preset = loadPreset(arch.preset);
    const { network } = await loadNetwork("resnet18");
    const prep = prepareMapping(arch, network, preset);
    expect(Array.from(prep.plan.sharesWith).filter((s) => s >= 0).length).toBeGreaterThan(0);
    const sim = simulateDesign(prep.model, pointCosts(preset, prep.model.point, prep.scratchpadKb, prep.flitHopPj), prep.plan);
    const r = scheduleNetwork(network, arch, preset, { granularity: "block", policy: "cross-layer" });
    const err = r.runs[0].makespanNs / sim.latencyNs - 1;
    console.log(`resnet18 (fixture, sharing): simulated ${(sim.latencyNs / 1e3).toFixed(1)} µs, CLSA block ${(r.runs[0].makespanNs / 1e3).toFixed(1)} µs (${(100 * err).toFixed(2)} %)`);
    expect(Math.abs(err)).toBeLessThanOrEqual(0.05);
  });

  it("a run's arch for another network is a user error (exit 2), unless other copies are asked for", async () => {
    const arch = loadArch("test/fixtures/run/arch.json");
    const { network } = await loadNetwork("tinyyolov4");
    let err: unknown;
    try {
      scheduleNetwork(network, arch, loadPreset(arch.preset));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/mapping is for network "resnet18", not "tinyyolov4"/);
    // Asked for explicitly, the chip is scheduled with CLSA-CIM's own unit times.
    const r = scheduleNetwork(network, arch, loadPreset(arch.preset), { duplication: "greedy", policy: "cross-layer" });
    expect(r.options.timing).toBe("t-mvm");
  });
});
