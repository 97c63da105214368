/**
 * A conv / FC / depthwise / grouped layer of the network IR as MIREDO's 7-D loop nest (R, S, P, Q, C, K, G) with
 * stride, dilation and the padded input size, the operand relevance and the input halo rule. Matrix layers map as
 * GEMMs with R = S = 1: a linear layer's rows are P (features C, outputs K); an activation matmul A·B stacks its
 * S products on G, A's rows on P, the shared dimension on C and B's columns on K (B is the operand written into
 * the macro).
 */
import type { Layer } from "../../network/types.ts";
import type { LoopDim, Operand } from "../../hardware/dataflow-hw.ts";

export interface LoopNest {
  layer: string;
  bounds: Record<LoopDim, number>;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  /** Input height and width including padding (the halo never exceeds them). */
  inH: number;
  inW: number;
}

/** Which loops index each operand (I ← R,S,P,Q,C,G; W ← R,S,C,K,G; O ← P,Q,K,G). */
export const RELEVANT: Record<Operand, ReadonlySet<LoopDim>> = {
  I: new Set(["R", "S", "P", "Q", "C", "G"]),
  W: new Set(["R", "S", "C", "K", "G"]),
  O: new Set(["P", "Q", "K", "G"]),
};

/** Loops the output is reduced over. */
export const REDUCTION: ReadonlySet<LoopDim> = new Set(["R", "S", "C"]);

/** Layers the dataflow optimiser maps (the others run on the SIMD unit and are not scheduled here). */
export function isMappable(layer: Layer): boolean {
  return layer.kind === "conv" || layer.kind === "fc" || layer.kind === "linear" || layer.kind === "matmul";
}

function gemm(layer: string, rows: number, inner: number, cols: number, stack: number): LoopNest {
  return {
    layer,
    bounds: { R: 1, S: 1, P: rows, Q: 1, C: inner, K: cols, G: stack },
    strideH: 1,
    strideW: 1,
    dilationH: 1,
    dilationW: 1,
    inH: rows,
    inW: 1,
  };
}

export function loopNest(layer: Layer): LoopNest {
  const spec = layer.spec;
  const x = layer.inShapes[0];
  if (spec.kind === "fc") {
    const features = x.c * x.h * x.w;
    return {
      layer: layer.name,
      bounds: { R: 1, S: 1, P: 1, Q: 1, C: features, K: layer.outShape.c, G: 1 },
      strideH: 1,
      strideW: 1,
      dilationH: 1,
      dilationW: 1,
      inH: 1,
      inW: 1,
    };
  }
  if (spec.kind === "linear") return gemm(layer.name, x.h * x.w, x.c, layer.outShape.c, 1);
  if (spec.kind === "matmul") return gemm(layer.name, x.h, x.c, layer.outShape.c, x.w);
  if (spec.kind !== "conv") throw new Error(`layer "${layer.name}" (${layer.kind}) is not a conv, FC or matrix layer`);
  const groups = spec.groups ?? 1;
  const [padT, padL, padB, padR] = spec.pad ?? [0, 0, 0, 0];
  return {
    layer: layer.name,
    bounds: {
      R: spec.kernel[0],
      S: spec.kernel[1],
      P: layer.outShape.h,
      Q: layer.outShape.w,
      C: x.c / groups,
      K: layer.outShape.c / groups,
      G: groups,
    },
    strideH: spec.stride?.[0] ?? 1,
    strideW: spec.stride?.[1] ?? 1,
    dilationH: spec.dilation?.[0] ?? 1,
    dilationW: spec.dilation?.[1] ?? 1,
    inH: x.h + padT + padB,
    inW: x.w + padL + padR,
  };
}

/**
 * Input rows a tile of r kernel rows × p output rows needs: the reference's h = min(r + (p − 1)·min(stride, r), H),
 * written so it also covers dilation: min(p·r, (p − 1)·stride + (r − 1)·dilation + 1, H).
 */
export function haloExtent(r: number, p: number, stride: number, dilation: number, size: number): number {
  return Math.min(p * r, (p - 1) * stride + (r - 1) * dilation + 1, size);
}

export function totalMacs(n: LoopNest): number {
  const b = n.bounds;
  return b.R * b.S * b.P * b.Q * b.C * b.K * b.G;
}
