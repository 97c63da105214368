/**
 * One layer at a time: spatial schemes, roofline pruning, baselines as the incumbent, MILPs (src/methods/miredo/
 * optimize.ts). Layers with the same loop nest share one search (ResNet's repeated blocks); results are identical.
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { DataflowContext } from "../../src/methods/miredo/context.ts";
import { optimizeLayer, type LayerResult } from "../../src/methods/miredo/optimize.ts";
import type { LayerOutcome } from "../../src/methods/miredo/result.ts";
import { simulate } from "../../src/methods/miredo/simulate.ts";

export const optimize: Stage<DataflowContext, "request" | "hardware" | "nests", "outcomes" | "timing"> = {
  name: "optimize",
  needs: ["request", "hardware", "nests"],
  adds: ["outcomes", "timing"],
  async run({ request, hardware, nests }) {
    const cache = new Map<string, LayerOutcome>();
    const outcomes: LayerOutcome[] = [];
    const timing: DataflowContext["timing"] = { layers: [] };
    for (const [i, nest] of nests.entries()) {
      const key = JSON.stringify({ ...nest, layer: "" });
      const t0 = performance.now();
      let o = cache.get(key);
      let milpMs: number[] = [];
      if (!o) {
        const result: LayerResult = await optimizeLayer(nest, hardware, request.options);
        // The event simulator re-evaluates the chosen mapping (stall classes, agreement).
        o = { result, simulation: simulate(result.problem, result.mapping) };
        cache.set(key, o);
        milpMs = result.milps.map((m) => m.solveMs);
      }
      outcomes.push(o);
      timing.layers.push({ name: nest.layer, wallMs: performance.now() - t0, milpMs });
      request.onLayer?.(i + 1, nests.length, nest.layer);
    }
    return { outcomes, timing };
  },
};
