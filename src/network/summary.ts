/** The JSON view of a resolved network that `pimsyn models --json` (and `pimsyn import --json`) print. */
import type { LayerKind, Network, NetworkTotals, Shape } from "./types.ts";

export interface NetworkSummary {
  name: string;
  hash: string;
  inputShape: Shape;
  layers: { name: string; kind: LayerKind; outShape: Shape; weights: number; macs: number }[];
  totals: NetworkTotals;
}

export function networkSummary(network: Network): NetworkSummary {
  return {
    name: network.name,
    hash: network.hash,
    inputShape: { ...network.inputShape },
    layers: network.layers.map((l) => ({ name: l.name, kind: l.kind, outShape: { ...l.outShape }, weights: l.weights, macs: l.macs })),
    totals: { ...network.totals },
  };
}
