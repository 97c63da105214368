import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluate } from "../../src/cost/evaluate.ts";
import { loadPreset } from "../../src/hardware/preset.ts";
import { loadArch } from "../../src/io/arch-io.ts";
import { loadNetwork } from "../../src/network/load.ts";
import { buildNetworkModel } from "../../src/mapping/layer-model.ts";
import { designToArch } from "../../src/methods/pimsyn/design.ts";
import { isaacLikeDesign } from "../../src/methods/pimsyn/baselines.ts";
import { clonePlan } from "../../src/mapping/plan.ts";
import { layoutPlan } from "../../src/mapping/layout.ts";
import type { ArchSpec } from "../../src/hardware/arch.ts";

const root = new URL("../../", import.meta.url);
const preset = loadPreset("pimsyn-date24");
const cli = (...args: string[]) => spawnSync(process.execPath, [new URL("bin/pimsyn.js", root).pathname, ...args], { encoding: "utf8" });

async function resnet18Design() {
  const { network } = await loadNetwork("resnet18");
  const design = isaacLikeDesign(network, preset);
  const model = buildNetworkModel(network, design.point);
  return { network, design, model, arch: designToArch(network, model, design, preset, "t") };
}

describe("analytic evaluator with a mapping", () => {
  it("per-layer and per-kind breakdowns add up to the totals; the no-static efficiency is above the efficiency", async () => {
    const { network, arch } = await resnet18Design();
    const m = evaluate(arch, preset, network).mapping!;
    const layerSum = m.layers.reduce((s, l) => s + l.dynamicEnergyPj, 0);
    expect(layerSum).toBeCloseTo(m.dynamicEnergyPj, 3);
    const kindSum = Object.entries(m.energyByKindPj).reduce((s, [k, v]) => s + (k === "static" ? 0 : v), 0);
    expect(kindSum).toBeCloseTo(m.dynamicEnergyPj, 3);
    expect(m.energyPerInferencePj).toBeCloseTo(m.dynamicEnergyPj + m.staticEnergyPj, 3);
    expect(m.noStaticGopsPerW).toBeGreaterThan(m.gopsPerW);
    expect(m.ops).toBe(2 * network.totals.macs);
    expect(m.periodNs).toBeLessThanOrEqual(m.latencyNs);
    for (const l of m.layers) {
      expect(Number.isFinite(l.endNs) && l.endNs <= m.latencyNs + 1e-6).toBe(true);
      expect(l.busyNs).toBeLessThanOrEqual(m.periodNs + 1e-6);
    }
  });

  it("more ADCs on the bottleneck layer never slow the inference down; doubling duplication of a conv cuts its blocks", async () => {
    const { network, design, model } = await resnet18Design();
    const base = evaluate(designToArch(network, model, design, preset, "a"), preset, network).mapping!;
    const i = model.layers.findIndex((l) => l.name === base.bottleneckLayer);
    const more = { ...design, plan: clonePlan(design.plan) };
    more.plan.adc[i] *= 4;
    const faster = evaluate(designToArch(network, model, more, preset, "b"), preset, network).mapping!;
    expect(faster.latencyNs).toBeLessThanOrEqual(base.latencyNs);
    const conv1 = model.layers.findIndex((l) => l.role === "mvm");
    const dup = { ...design, plan: clonePlan(design.plan) };
    dup.plan.dup[conv1] = 2;
    layoutPlan(model, dup.plan);
    const m2 = evaluate(designToArch(network, model, dup, preset, "c"), preset, network).mapping!;
    expect(m2.layers.find((l) => l.name === model.layers[conv1].name)!.blocks).toBe(
      Math.ceil(base.layers.find((l) => l.name === model.layers[conv1].name)!.blocks / 2),
    );
  });

  it("rejects a mapping whose crossbarsPerCopy contradicts Eq. 1, naming the pointer", async () => {
    const { network, arch } = await resnet18Design();
    const bad: ArchSpec = structuredClone(arch);
    bad.mapping!.layers[0].crossbarsPerCopy += 1;
    expect(() => evaluate(bad, preset, network, "x.json")).toThrow(/crossbarsPerCopy/);
    try {
      evaluate(bad, preset, network, "x.json");
    } catch (e) {
      expect((e as { pointer: string }).pointer).toBe("/mapping/layers/0/crossbarsPerCopy");
    }
  });
});

describe("pimsyn evaluate", () => {
  it("prints hardware metrics of the ISAAC example as JSON", () => {
    const r = cli("evaluate", new URL("specs/examples/isaac.arch.json", root).pathname, "--json");
    expect(r.status).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.hardware.peakPowerW).toBeGreaterThan(65);
    expect(m.hardware.peakPowerW).toBeLessThan(66.5);
  });

  it("evaluates a reference design on its network", () => {
    const r = cli(
      "evaluate",
      new URL("specs/examples/reference-resnet18.arch.json", root).pathname,
      "--model",
      new URL("specs/reference/pimsyn-nn/models_JSON_resnet18.json", root).pathname,
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/GOPS\/W/);
  });

  it("bad input: one line on stderr naming the file and pointer, exit 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "pimsyn-"));
    const file = join(dir, "bad.arch.json");
    const arch = loadArch(new URL("specs/examples/isaac.arch.json", root).pathname);
    (arch.hardware as { crossbar: { size: number } }).crossbar.size = -3;
    writeFileSync(file, JSON.stringify(arch));
    const r = cli("evaluate", file);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain("/hardware/crossbar/size");
    writeFileSync(file, "{ not json");
    const r2 = cli("evaluate", file);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/malformed JSON/);
    const r3 = cli("evaluate", join(dir, "missing.json"));
    expect(r3.status).toBe(2);
  });
});
