/** Why a design leaves budget unused: named for the busiest layer's limit, silent when the budget binds. */
import { describe, expect, it } from "vitest";
import { budgetUse } from "../../../src/methods/pimsyn/budget-note.ts";
import type { LayerMetrics, Metrics } from "../../../src/cost/evaluate.ts";
import { TUNING } from "../../../src/methods/pimsyn/tuning.ts";

function metrics(peakPowerW: number, busiest: Partial<LayerMetrics>, crossbarW = 1): Metrics {
  const layer = (o: Partial<LayerMetrics>): LayerMetrics => ({
    name: "conv1", kind: "conv", role: "mvm", duplication: 4, crossbars: 8, macros: 1, adc: 1, blocks: 100, intervalNs: 1, busyNs: 100,
    startNs: 0, endNs: 100, latencyShare: 1, bottleneck: "mvm/adc", dynamicEnergyPj: 1, ops: 1, ...o,
  });
  const layers = [layer({ name: "small", busyNs: 10 }), layer({ name: "hot", busyNs: 500, ...busiest })];
  const byKind = { crossbar: { peakPowerW: crossbarW, staticPowerW: 0, areaMm2: 0, units: 1 } };
  return { hardware: { peakPowerW, byKind } as unknown as Metrics["hardware"], mapping: { layers, bottleneckLayer: "hot" } as Metrics["mapping"] };
}

describe("budgetUse", () => {
  it("says nothing when the design uses the budget", () => {
    const u = budgetUse(metrics(TUNING.budgetBindingFraction * 300, {}), 300, 0.2);
    expect(u.binding).toBe(true);
    expect(u.note).toBeUndefined();
  });

  it("names a stage that more copies do not speed up (resnet50@300 W: an eltwise add bound by NoC transfers)", () => {
    const u = budgetUse(metrics(51.9, { name: "layer1.1.add", kind: "add", role: "vector", bottleneck: "transfer" }), 300, 0.2);
    expect(u.binding).toBe(false);
    expect(u.fractionUsed).toBeCloseTo(0.173, 3);
    expect(u.note).toBe(
      "82.7 % of the budget unused: more duplication does not shorten the period: the bottleneck is layer1.1.add's NoC transfers of its inputs (vector layer), which more crossbar copies do not speed up",
    );
  });

  it("a crossbar layer with one copy per output pixel cannot go faster by duplication", () => {
    const u = budgetUse(metrics(20, { name: "fc6", kind: "fc", blocks: 1 }), 49, 0.2);
    expect(u.note).toMatch(/fc6, already has one weight copy per output pixel/);
  });

  it("crossbars that fill their RatioRram share (alexnet@150 W: 15 W of crossbars at ratio 0.1)", () => {
    const u = budgetUse(metrics(99.9, { name: "features.0" }, 15), 150, 0.1);
    expect(u.note).toMatch(/^33\.4 % of the budget unused: the crossbars use up their share \(RatioRram 10 %: Eq\. 3 caps their count\), and the busiest layer, features\.0/);
  });

  it("otherwise the objective chose fewer copies", () => {
    const u = budgetUse(metrics(20, {}), 49, 0.2);
    expect(u.note).toMatch(/^59\.2 % of the budget unused: the objective is efficiency \(GOPS\/W\), not throughput: .*hot \(bound by crossbar reads and ADC conversions\)/);
  });
});
