/**
 * Stage 3 of CLSA-CIM: intra-layer scheduling. Sets are taken in row-major order, and the layer's pixels are
 * dealt round-robin over its copies: pixel q runs on copy q mod d. A set of n pixels is thus one task on each
 * of min(n, d) consecutive copies (wrapping), the j-th of them computing ceil((n − j) / d) pixels. A set of
 * one pixel goes to one copy (the paper's round-robin of sets), a block of d pixels is one MVM round of every
 * copy, and a whole layer spreads evenly: ceil(P / d) rounds, the layer-by-layer figure.
 */
import type { LayerSets } from "./sets.ts";

/** Tasks (copies used) of a set of n pixels on d copies. */
export function tasksOf(n: number, d: number): number {
  return n < d ? n : d;
}

/** Copy of the j-th task of a set starting at pixel q0. */
export function taskCopy(q0: number, j: number, d: number): number {
  return (q0 + j) % d;
}

/** Pixels of the j-th task of a set of n pixels on d copies. */
export function taskPixels(n: number, j: number, d: number): number {
  return Math.ceil((n - j) / d);
}

/** Output pixels each copy computes over the whole layer (the same under every policy and granularity). */
export function pixelsPerCopy(sets: LayerSets, d: number): number[] {
  const base = Math.floor(sets.pixels / d);
  const extra = sets.pixels - base * d;
  return Array.from({ length: d }, (_, c) => base + (c < extra ? 1 : 0));
}
