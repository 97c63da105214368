/**
 * A plan is the mapping in numeric form, struct-of-arrays indexed like NetworkModel.layers, so the hot
 * scoring loop touches only typed arrays. Synthesis stages fill one directly; `evaluate` builds one from an
 * arch.json mapping. The component figures a plan is costed with are in src/cost/point-costs.ts.
 */

export interface Plan {
  /** Weight copies (mvm) or output pixels per block (vector layers); 1 for route layers. */
  dup: Int32Array;
  /** Macros the layer spans (vector layers: 1, on a producer's merge macro). */
  macros: Int32Array;
  /** Units available to the layer: ADCs, shift-and-adds, adders, its activation unit, its vector op unit. */
  adc: Float64Array;
  shiftAdd: Float64Array;
  add: Float64Array;
  act: Float64Array;
  vec: Float64Array;
  /** NoC hops from the producers' merge macros to this layer's farthest macro, and to gather at its merge macro. */
  hopsIn: Float64Array;
  hopsMerge: Float64Array;
  /** Index of the earlier layer whose ADC bank this layer shares, or −1. */
  sharesWith: Int32Array;
}

export function emptyPlan(layerCount: number): Plan {
  return {
    dup: new Int32Array(layerCount).fill(1),
    macros: new Int32Array(layerCount).fill(1),
    adc: new Float64Array(layerCount),
    shiftAdd: new Float64Array(layerCount),
    add: new Float64Array(layerCount),
    act: new Float64Array(layerCount),
    vec: new Float64Array(layerCount),
    hopsIn: new Float64Array(layerCount),
    hopsMerge: new Float64Array(layerCount),
    sharesWith: new Int32Array(layerCount).fill(-1),
  };
}

export function clonePlan(p: Plan): Plan {
  return {
    dup: p.dup.slice(),
    macros: p.macros.slice(),
    adc: p.adc.slice(),
    shiftAdd: p.shiftAdd.slice(),
    add: p.add.slice(),
    act: p.act.slice(),
    vec: p.vec.slice(),
    hopsIn: p.hopsIn.slice(),
    hopsMerge: p.hopsMerge.slice(),
    sharesWith: p.sharesWith.slice(),
  };
}

/** Overwrite `dst` with `src` (same layer count) without allocating: the EA's fitness calls reuse one plan. */
export function copyPlanInto(dst: Plan, src: Plan): Plan {
  dst.dup.set(src.dup);
  dst.macros.set(src.macros);
  dst.adc.set(src.adc);
  dst.shiftAdd.set(src.shiftAdd);
  dst.add.set(src.add);
  dst.act.set(src.act);
  dst.vec.set(src.vec);
  dst.hopsIn.set(src.hopsIn);
  dst.hopsMerge.set(src.hopsMerge);
  dst.sharesWith.set(src.sharesWith);
  return dst;
}
