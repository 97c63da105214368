/**
 * Macro placement on the NoC mesh (the reference's rule, §2.3): N macros on ceil(√N) rows × ceil(N/rows)
 * columns, assigned layer by layer in network order along a serpentine (left→right, then right→left). A layer
 * that shares macros with an earlier layer uses that layer's macros; vector layers run on the merge macro
 * (last macro) of their first producer. Hops are Manhattan distances (dimension-ordered routing).
 */
import type { NetworkModel } from "./layer-model.ts";
import type { Plan } from "./plan.ts";

export interface Layout {
  meshRows: number;
  meshCols: number;
  /** Total macros on the chip. */
  macroCount: number;
  /** Per layer: mesh indices (row-major) of the macros it runs on. */
  macrosOf: number[][];
}

/** Serpentine order position k → row-major mesh index. */
function serpentine(k: number, cols: number): number {
  const r = Math.floor(k / cols);
  const c = k % cols;
  return r * cols + (r % 2 === 0 ? c : cols - 1 - c);
}

export function meshShape(n: number): { meshRows: number; meshCols: number } {
  const meshRows = Math.max(1, Math.ceil(Math.sqrt(n)));
  return { meshRows, meshCols: Math.max(1, Math.ceil(n / meshRows)) };
}

export function hopDistance(a: number, b: number, cols: number): number {
  return Math.abs(Math.floor(a / cols) - Math.floor(b / cols)) + Math.abs((a % cols) - (b % cols));
}

/** Place the macros of a plan and fill plan.hopsIn / plan.hopsMerge. */
export function layoutPlan(model: NetworkModel, plan: Plan): Layout {
  const layers = model.layers;
  let total = 0;
  for (const i of model.mvmLayers) if (plan.sharesWith[i] < 0) total += plan.macros[i];
  const { meshRows, meshCols } = meshShape(total);
  const macrosOf: number[][] = layers.map(() => []);
  let next = 0;
  for (let i = 0; i < layers.length; i++) {
    const L = layers[i];
    if (L.role === "mvm") {
      const s = plan.sharesWith[i];
      if (s >= 0) macrosOf[i] = macrosOf[s];
      else {
        const list: number[] = [];
        for (let k = 0; k < plan.macros[i]; k++) list.push(serpentine(next++, meshCols));
        macrosOf[i] = list;
      }
    } else {
      // Vector and route layers sit on their first producer's merge macro (the network input: macro 0).
      let p = L.producers[0];
      while (p >= 0 && macrosOf[p].length === 0) p = layers[p].producers[0];
      const host = p >= 0 ? macrosOf[p][macrosOf[p].length - 1] : 0;
      macrosOf[i] = L.role === "vector" ? [host] : [];
      if (L.role === "route" && p >= 0) macrosOf[i] = [host];
    }
  }
  fillHops(model, plan, macrosOf, meshCols);
  return { meshRows, meshCols, macroCount: total, macrosOf };
}

export function fillHops(model: NetworkModel, plan: Plan, macrosOf: number[][], meshCols: number): void {
  const layers = model.layers;
  const mergeOf = (i: number): number => (macrosOf[i].length ? macrosOf[i][macrosOf[i].length - 1] : -1);
  for (let i = 0; i < layers.length; i++) {
    const own = macrosOf[i];
    let hopsIn = 0;
    for (const p of layers[i].producers) {
      if (p < 0) continue;
      const src = mergeOf(p);
      if (src < 0) continue;
      for (const dst of own) {
        const h = hopDistance(src, dst, meshCols);
        if (h > hopsIn) hopsIn = h;
      }
    }
    let hopsMerge = 0;
    const m = mergeOf(i);
    for (const mac of own) {
      const h = hopDistance(mac, m, meshCols);
      if (h > hopsMerge) hopsMerge = h;
    }
    plan.hopsIn[i] = hopsIn;
    plan.hopsMerge[i] = hopsMerge;
  }
}
