/** mapping.json and metrics.json content: per-layer mappings, totals (EDP = Σ latency × Σ energy), gains, agreement. */
import type { Stage } from "../../src/flow/stage.ts";
import type { DataflowContext } from "../../src/methods/miredo/context.ts";
import { buildDocuments, layerMapping } from "../../src/methods/miredo/result.ts";

export const summarise: Stage<DataflowContext, "request" | "network" | "hardware" | "nests" | "outcomes", "mapping" | "metrics"> = {
  name: "summarise",
  needs: ["request", "network", "hardware", "nests", "outcomes"],
  adds: ["mapping", "metrics"],
  run({ request, network, hardware, nests, outcomes }) {
    const layers = nests.map((n, i) => layerMapping(n.layer, outcomes[i], n.bounds));
    const o = request.options;
    const options = {
      objective: o.objective,
      milpTimeLimitS: o.milpTimeLimitS,
      mipRelGap: o.mipRelGap,
      maxLoops: o.maxLoops,
      maxSchemes: o.maxSchemes,
      edpSteps: o.edpSteps,
      fullOrderLoops: o.fullOrderLoops,
      orders: o.orders,
      fullOrderSearch: o.fullOrderSearch,
      ...(request.layers !== undefined ? { layers: request.layers } : {}),
    };
    return buildDocuments(network, hardware, options, layers);
  },
};
