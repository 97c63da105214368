/**
 * Fidelity against the PIMSYN reference code (pimsyn-method.md §12.6): its two shipped 49 W designs, converted
 * to arch.json (specs/examples/reference-*.arch.json) and evaluated by our model under pimsyn-date24, against the
 * reference's own re-evaluation from a fresh state: AlexNet 522.9 GOPS/W at 81.7 W accounted peak power,
 * ResNet18 309.5 GOPS/W.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { evaluate } from "../../../src/cost/evaluate.ts";
import { loadPreset } from "../../../src/hardware/preset.ts";
import { loadArch } from "../../../src/io/arch-io.ts";
import { loadNetwork } from "../../../src/network/load.ts";
import { buildNetworkModel } from "../../../src/mapping/layer-model.ts";
import { designToArch } from "../../../src/methods/pimsyn/design.ts";
import { referenceDesign, type ReferenceOutput } from "../../../src/methods/pimsyn/reference-design.ts";

const root = new URL("../../../", import.meta.url);
const path = (p: string) => new URL(p, root).pathname;
const preset = loadPreset("pimsyn-date24");

async function load(net: "alexnet" | "resnet18") {
  const { network } = await loadNetwork(path(`specs/reference/pimsyn-nn/models_JSON_${net}.json`));
  const arch = loadArch(path(`specs/examples/reference-${net}.arch.json`));
  return { network, arch, metrics: evaluate(arch, preset, network) };
}

describe("the reference code's shipped designs, evaluated by us", () => {
  it("the committed examples are what the converter produces from the shipped files", async () => {
    for (const [net, mode] of [["alexnet", "unified"], ["resnet18", "specified"]] as const) {
      const { network, arch } = await load(net);
      const ref = JSON.parse(readFileSync(path(`specs/reference/pimsyn-nn/output_${net}.json`), "utf8")) as ReferenceOutput;
      const design = referenceDesign(ref, network, preset, mode);
      const rebuilt = designToArch(network, buildNetworkModel(network, design.point), design, preset, `reference-${net}`);
      expect({ ...rebuilt, description: arch.description }).toEqual(arch);
    }
  });

  it("AlexNet (unified macros): efficiency within 10% of 522.9 GOPS/W", async () => {
    const { metrics } = await load("alexnet");
    const ratio = metrics.mapping!.gopsPerW / 522.9;
    console.log(`AlexNet: ${metrics.mapping!.gopsPerW.toFixed(1)} GOPS/W (reference 522.9, ratio ${ratio.toFixed(3)})`);
    expect(Math.abs(ratio - 1)).toBeLessThanOrEqual(0.1);
  });

  it("AlexNet peak power: within 10% of the reference's 81.7 W once FC-layer DACs are left out as the reference does", async () => {
    const { network, metrics, arch } = await load("alexnet");
    // The reference counts one DAC per used row of conv layers only (its FC layers are special-cased), 4.37 W
    // in all; we count the FC layers' rows as well. Separate that difference out and assert the rest.
    const dac = preset.dac.find((r) => r.bits === arch.hardware.dacBits)!;
    const model = buildNetworkModel(network, { crossbarSize: 256, cellBits: 2, dacBits: 1, adcBits: 9, weightBits: 16, activationBits: 16 });
    const fcDacW = model.layers.filter((l) => network.layers[l.index].kind === "fc").reduce((s, l) => s + l.dacRowsPerCopy, 0) * dac.peakPowerMw / 1e3;
    const peak = metrics.hardware.peakPowerW;
    console.log(`AlexNet peak ${peak.toFixed(2)} W, of which FC DACs ${fcDacW.toFixed(2)} W; reference accounting 81.7 W`);
    expect(fcDacW).toBeGreaterThan(5);
    expect(Math.abs((peak - fcDacW) / 81.7 - 1)).toBeLessThanOrEqual(0.1);
    // Either way it is far over the 49 W budget it was synthesized for (unified mode rounds every macro up).
    expect(peak).toBeGreaterThan(49 * 1.5);
  });

  it("ResNet18 (specified macros): efficiency within 10% of 309.5 GOPS/W and peak power about the 49 W budget", async () => {
    const { metrics } = await load("resnet18");
    const ratio = metrics.mapping!.gopsPerW / 309.5;
    console.log(`ResNet18: ${metrics.mapping!.gopsPerW.toFixed(1)} GOPS/W (reference 309.5, ratio ${ratio.toFixed(3)}), peak ${metrics.hardware.peakPowerW.toFixed(2)} W`);
    expect(Math.abs(ratio - 1)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(metrics.hardware.peakPowerW / 49 - 1)).toBeLessThanOrEqual(0.1);
  });
});
