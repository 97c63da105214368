/**
 * Spatial schemes (enumerated outside the MILP, as in the reference code): how the core axis, the macro rows and
 * the macro columns unroll the loops each may unroll. Unroll factors are divisors of the bound or the axis-capped
 * bound itself (the remainder runs as ceil(bound / unroll) temporal iterations). Schemes are scored by
 * utilisation (used lanes / lanes over the three axes) and sorted best first, ties broken by a stable key.
 */
import { axisOf, type DataflowHardware, type LoopDim, type SpatialAxis } from "../../hardware/dataflow-hw.ts";
import type { SpatialScheme, Unroll } from "./problem.ts";
import type { LoopNest } from "./workload.ts";

function candidates(bound: number, size: number): number[] {
  const out = new Set<number>();
  for (let f = 1; f <= Math.min(bound, size); f++) if (bound % f === 0) out.add(f);
  out.add(Math.min(bound, size));
  return [...out].sort((a, b) => a - b);
}

/** Every assignment of unroll factors to the axis's loops whose product fits the axis; maximal ones only. */
function axisOptions(axis: SpatialAxis, bounds: Record<LoopDim, number>, taken: Unroll): Unroll[] {
  const out: Unroll[] = [];
  const loops = axis.loops;
  const rec = (j: number, prod: number, acc: Unroll): void => {
    if (j === loops.length) {
      out.push({ ...acc });
      return;
    }
    const d = loops[j];
    const left = Math.ceil(bounds[d] / (taken[d] ?? 1));
    for (const f of candidates(left, Math.floor(axis.size / prod))) {
      if (f > 1) acc[d] = f;
      else delete acc[d];
      rec(j + 1, prod * f, acc);
    }
    delete acc[d];
  };
  rec(0, 1, {});
  const prod = (u: Unroll) => Object.values(u).reduce<number>((a, b) => a * (b ?? 1), 1);
  // Keep an option only if no other option unrolls every loop at least as much (a dominated option wastes lanes).
  return out.filter((u) => !out.some((v) => v !== u && prod(v) > prod(u) && loops.every((d) => (v[d] ?? 1) >= (u[d] ?? 1))));
}

export function key(s: SpatialScheme): string {
  const f = (u: Unroll) => Object.entries(u).sort().map(([d, v]) => `${d}${v}`).join("") || "-";
  return `cores:${f(s.cores)} rows:${f(s.rows)} cols:${f(s.cols)}`;
}

export function utilisation(hw: DataflowHardware, s: SpatialScheme): number {
  const prod = (u: Unroll) => Object.values(u).reduce<number>((a, b) => a * (b ?? 1), 1);
  return (prod(s.cores) / axisOf(hw, "cores").size) * (prod(s.rows) / axisOf(hw, "macroRows").size) * (prod(s.cols) / axisOf(hw, "macroColumns").size);
}

export function spatialSchemes(nest: LoopNest, hw: DataflowHardware): SpatialScheme[] {
  const out: SpatialScheme[] = [];
  for (const rows of axisOptions(axisOf(hw, "macroRows"), nest.bounds, {})) {
    for (const cols of axisOptions(axisOf(hw, "macroColumns"), nest.bounds, rows)) {
      const taken: Unroll = { ...rows };
      for (const [d, v] of Object.entries(cols) as [LoopDim, number][]) taken[d] = (taken[d] ?? 1) * v;
      for (const cores of axisOptions(axisOf(hw, "cores"), nest.bounds, taken)) out.push({ cores, rows, cols });
    }
  }
  return out.sort((a, b) => utilisation(hw, b) - utilisation(hw, a) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Temporal bound of each loop under a scheme: ceil(bound / spatial unroll). */
export function temporalBounds(nest: LoopNest, s: SpatialScheme): Record<LoopDim, number> {
  const t = { ...nest.bounds };
  for (const d of Object.keys(t) as LoopDim[]) t[d] = Math.ceil(t[d] / ((s.cores[d] ?? 1) * (s.rows[d] ?? 1) * (s.cols[d] ?? 1)));
  return t;
}
