/** Trend check (cim-scheduling-papers.md §3.13): the optimiser's EDP never exceeds either baseline's (trends-buffers.test.ts has the hardware trends). */
import { describe, expect, it } from "vitest";
import { loadDataflowHardware } from "../../../src/hardware/dataflow-hw.ts";
import { DEFAULT_LAYER_OPTIONS, optimizeLayer } from "../../../src/methods/miredo/optimize.ts";
import type { LoopNest } from "../../../src/methods/miredo/workload.ts";

const hw = loadDataflowHardware("miredo-8core-28nm");

const nest = (layer: string, b: Partial<LoopNest["bounds"]>, stride = 1): LoopNest => {
  const bounds = { R: 1, S: 1, P: 1, Q: 1, C: 1, K: 1, G: 1, ...b };
  return { layer, bounds, strideH: stride, strideW: stride, dilationH: 1, dilationW: 1, inH: (bounds.P - 1) * stride + bounds.R, inW: (bounds.Q - 1) * stride + bounds.S };
};

describe("trends", () => {
  it("EDP(optimised) ≤ EDP of both baselines on every layer", async () => {
    const layers = [
      nest("conv-small", { R: 3, S: 3, P: 8, Q: 8, C: 64, K: 32 }),
      nest("pointwise", { P: 14, Q: 14, C: 96, K: 32 }),
      nest("depthwise", { R: 3, S: 3, P: 8, Q: 8, G: 32 }),
    ];
    const opts = { ...DEFAULT_LAYER_OPTIONS, milpTimeLimitS: 20, maxSchemes: 1, maxLoops: 3 };
    for (const l of layers) {
      const r = await optimizeLayer(l, hw, opts);
      const edp = r.evaluation.latencyCycles * r.evaluation.energyPj;
      console.log(`${l.layer}: EDP gain ${(r.baselines.greedy.edp / edp).toFixed(2)}× vs greedy, ${(r.baselines.ws.edp / edp).toFixed(2)}× vs WS (${r.origin})`);
      expect(edp).toBeLessThanOrEqual(r.baselines.greedy.edp * (1 + 1e-12));
      expect(edp).toBeLessThanOrEqual(r.baselines.ws.edp * (1 + 1e-12));
    }
  }, 120_000);

});
