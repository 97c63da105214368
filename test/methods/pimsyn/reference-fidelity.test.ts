/**
 * Fidelity against the PIMSYN reference code (pimsyn-method.md §12.6): its two shipped 49 W designs, converted
 * to arch.json (specs/examples/reference-*.arch.json) and evaluated by our model under pimsyn-date24, against the
 * reference's own re-evaluation from a fresh state: AlexNet 522.9 GOPS/W at 81.7 W accounted peak power,
 * 113.9 µs, 2.73 mJ; ResNet18 309.5 GOPS/W, 632.1 µs. Each modelling choice that moves a figure between the two
 * evaluators is asserted as a term (docs/synthesis.md, "Our evaluator against the reference's").
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { evaluate, type Metrics } from "../../../src/cost/evaluate.ts";
import type { ArchSpec } from "../../../src/hardware/arch.ts";
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

/** The same arch with its routers costed as the reference's whole-NoC constant (0.104 W, no traffic energy). */
function withReferenceNoc(arch: ArchSpec): ArchSpec {
  return JSON.parse(JSON.stringify(arch).replaceAll('"date24-router"', '"pimsyn-noc"')) as ArchSpec;
}

/** Static power × latency of one component kind (mJ). */
const staticMj = (m: Metrics, kind: string) => (m.hardware.byKind[kind].staticPowerW * m.mapping!.latencyNs) / 1e6;
const dynamicMj = (m: Metrics, kind: string) => (m.mapping!.energyByKindPj[kind] ?? 0) / 1e9;

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

  it("AlexNet peak power: within 10% of the reference's 81.7 W once FC-layer DACs and per-router NoC power are put back to its accounting", async () => {
    const { network, metrics, arch } = await load("alexnet");
    // The reference counts one DAC per used row of conv layers only (its FC layers are special-cased), 4.37 W
    // in all; we count the FC layers' rows as well. Its NoC is a constant 0.104 W; ours is 84 mW per router, one
    // router per macro. Separate both terms out and assert the rest.
    const dac = preset.dac.find((r) => r.bits === arch.hardware.dacBits)!;
    const model = buildNetworkModel(network, { crossbarSize: 256, cellBits: 2, dacBits: 1, adcBits: 9, weightBits: 16, activationBits: 16 });
    const fcDacW = model.layers.filter((l) => network.layers[l.index].kind === "fc").reduce((s, l) => s + l.dacRowsPerCopy, 0) * dac.peakPowerMw / 1e3;
    const nocW = metrics.hardware.byKind.router.peakPowerW - 0.104;
    const peak = metrics.hardware.peakPowerW;
    console.log(`AlexNet peak ${peak.toFixed(2)} W, of which FC DACs ${fcDacW.toFixed(2)} W and routers +${nocW.toFixed(2)} W over the 0.104 W constant; reference accounting 81.7 W`);
    expect(fcDacW).toBeGreaterThan(5);
    expect(nocW).toBeCloseTo(64 * 0.084 - 0.104, 6);
    expect(Math.abs((peak - fcDacW - nocW) / 81.7 - 1)).toBeLessThanOrEqual(0.1);
    // Either way it is far over the 49 W budget it was synthesized for (unified mode rounds every macro up).
    expect(peak).toBeGreaterThan(49 * 1.5);
  });

  it("AlexNet, term by term against the reference's 2.73 mJ (peripherals 2.06, crossbars 0.43, memory 0.23, NoC 0.01) and 113.9 µs", async () => {
    const { metrics: m, arch } = await load("alexnet");
    const ref = evaluate(withReferenceNoc(arch), preset, (await load("alexnet")).network);
    const mp = m.mapping!;
    // Latency: the reference quantises every IR to steps of clk = max(100 ns, slowest IR) = 105.9 ns for this
    // design (1,076 steps); our crossbar read is 100 ns. At its clock our latency is within 10 %.
    const clockRatio = 105.9 / 100;
    const terms = {
      latencyUs: mp.latencyNs / 1e3,
      latencyAtReferenceClockUs: (mp.latencyNs * clockRatio) / 1e3,
      crossbarsMj: staticMj(m, "crossbar") + dynamicMj(m, "crossbar"),
      peripheralsMj: ["adc", "dac", "alu"].reduce((s, k) => s + staticMj(m, k) + dynamicMj(m, k), 0),
      memoryMj: staticMj(m, "scratchpad") + dynamicMj(m, "scratchpad"),
      nocMj: staticMj(m, "router") + dynamicMj(m, "router"),
      nocAsReferenceMj: staticMj(ref, "router") + dynamicMj(ref, "router"),
    };
    console.log("AlexNet terms", JSON.stringify(terms, (_, v) => (typeof v === "number" ? Number(v.toFixed(4)) : v)));
    expect(Math.abs(terms.latencyAtReferenceClockUs / 113.9 - 1)).toBeLessThanOrEqual(0.1);
    // Crossbars: the same counts and energies; the gap is the latency's (static × T).
    expect(Math.abs(terms.crossbarsMj / 0.43 - 1)).toBeLessThanOrEqual(0.1);
    // Peripherals: we also power the FC layers' DACs (static × T), so ours is higher, within 10 %.
    expect(terms.peripheralsMj).toBeGreaterThan(2.06);
    expect(terms.peripheralsMj / 2.06 - 1).toBeLessThanOrEqual(0.1);
    // Memory: the reference reads each block's input once per crossbar (× column tiles × cells); we read it once
    // per block, so our scratchpad energy is its leakage plus a small access term, less than half the reference's.
    expect(terms.memoryMj).toBeLessThan(0.23 / 2);
    expect(dynamicMj(m, "scratchpad")).toBeLessThan(staticMj(m, "scratchpad"));
    // NoC: the constant reproduces the reference's 0.01 mJ; per-router power and traffic double it, < 1 % of the total.
    expect(terms.nocAsReferenceMj).toBeCloseTo(0.104 * ref.mapping!.latencyNs / 1e6, 9);
    expect(terms.nocMj).toBeGreaterThan(terms.nocAsReferenceMj);
    expect(terms.nocMj / (mp.energyPerInferencePj / 1e9)).toBeLessThan(0.01);
    // The whole: within 10 % of the reference's energy.
    expect(Math.abs(mp.energyPerInferencePj / 1e9 / 2.73 - 1)).toBeLessThanOrEqual(0.1);
  });

  it("ResNet18 (specified macros): efficiency within 10% of 309.5 GOPS/W; peak power about the 49 W budget once the routers are put back to the constant", async () => {
    const { metrics, arch, network } = await load("resnet18");
    const ratio = metrics.mapping!.gopsPerW / 309.5;
    const nocW = metrics.hardware.byKind.router.peakPowerW - 0.104;
    console.log(`ResNet18: ${metrics.mapping!.gopsPerW.toFixed(1)} GOPS/W (reference 309.5, ratio ${ratio.toFixed(3)}), peak ${metrics.hardware.peakPowerW.toFixed(2)} W of which routers +${nocW.toFixed(2)} W over the constant`);
    expect(Math.abs(ratio - 1)).toBeLessThanOrEqual(0.1);
    expect(Math.abs((metrics.hardware.peakPowerW - nocW) / 49 - 1)).toBeLessThanOrEqual(0.1);
    // With one router per macro (105 macros × 84 mW) the design no longer fits the 49 W it was synthesized for.
    expect(metrics.hardware.peakPowerW).toBeGreaterThan(49 * 1.1);
    const ref = evaluate(withReferenceNoc(arch), preset, network);
    expect(ref.mapping!.gopsPerW).toBeGreaterThan(metrics.mapping!.gopsPerW);
  });

  it("ResNet18, term by term: the latency gap to the reference's 632.1 µs is its FC-layer cap", async () => {
    const { metrics: m } = await load("resnet18");
    const mp = m.mapping!;
    // The reference caps an FC layer's workload at min(ceil(W/100), 100) per component and leaves FC layers out of
    // its clock: its FC layer takes about one step. Ours converts all 512 × 1000 × 8 cells' columns with the
    // design's ADCs. Without that layer's busy time our latency is within 10 % of the reference's.
    const fc = mp.layers.filter((l) => l.kind === "fc");
    expect(fc).toHaveLength(1);
    const fcUs = fc[0].busyNs / 1e3;
    const withoutFcUs = mp.latencyNs / 1e3 - fcUs;
    const staticW = m.hardware.staticPowerW;
    const cappedGopsPerW = mp.ops / (mp.energyPerInferencePj - staticW * fc[0].busyNs * 1e3) * 1e3;
    console.log(`ResNet18: latency ${(mp.latencyNs / 1e3).toFixed(1)} µs, FC layer ${fcUs.toFixed(1)} µs, without it ${withoutFcUs.toFixed(1)} µs (reference 632.1); with the FC cap ${cappedGopsPerW.toFixed(1)} GOPS/W`);
    expect(fcUs).toBeGreaterThan(50);
    expect(Math.abs(withoutFcUs / 632.1 - 1)).toBeLessThanOrEqual(0.1);
    // The cap is the term that moves the efficiency: without the FC layer's static energy we are within 5 %.
    expect(Math.abs(cappedGopsPerW / 309.5 - 1)).toBeLessThanOrEqual(0.05);
  });
});
