/**
 * Analytic scratchpad demand of a layer: the input window a block needs (the producer rows its receptive field
 * spans, × producer channels) plus its output block double-buffered. Used inside the search to size the
 * per-macro scratchpad; the block-level simulator measures the real occupancy for finalists. A global pool keeps
 * one running sum per channel and one incoming row; a channel scaling (squeeze-and-excite) holds its whole data
 * input until the scale arrives.
 */
import type { NetworkModel } from "./layer-model.ts";
import type { Plan } from "./plan.ts";

export function layerBufferBytes(model: NetworkModel, plan: Plan, i: number): number {
  const L = model.layers[i];
  if (L.role === "route") return 0;
  const bytes = model.point.activationBits / 8;
  const d = Math.min(plan.dup[i], L.outPixels);
  const outRows = Math.ceil(d / Math.max(1, L.outW));
  let inElems = 0;
  L.producers.forEach((p, k) => {
    const map = L.producerMaps[k];
    const channels = p < 0 ? L.loadElemsPerPixel / Math.max(1, L.rf.kh * L.rf.kw) : model.layers[p].outChannels;
    const scaled = L.aluOp === "mul" && L.producerMaps.some((o) => o.h * o.w === 1) && map.h * map.w > 1;
    const window = Math.min(map.h, Math.ceil((outRows - 1) * L.rf.sh + (L.rf.kh - 1) * L.rf.dh + 1));
    const rows = L.runningSum ? 1 : L.rf.all || scaled ? map.h : window;
    inElems += rows * map.w * channels + (L.runningSum ? channels : 0);
  });
  return Math.ceil((inElems + 2 * d * L.outChannels) * bytes);
}

/** Largest per-macro demand over layers (a layer's buffer is spread over its macros). */
export function scratchpadBytesPerMacro(model: NetworkModel, plan: Plan): number {
  let worst = 0;
  for (let i = 0; i < model.layers.length; i++) {
    const L = model.layers[i];
    if (L.role === "route") continue;
    const perMacro = layerBufferBytes(model, plan, i) / Math.max(1, L.role === "mvm" ? plan.macros[i] : 1);
    if (perMacro > worst) worst = perMacro;
  }
  return worst;
}
