/**
 * Optimal segmentation of a sequence 0..m−1 into consecutive segments when the cost of a segment depends on
 * the segment before it (CMSwitch's DP, §4.3.1). The state is (end, start of the last segment), so the DP is
 * exact for any transition cost: O(m·L) states and O(m·L²) transitions for segments of at most L items.
 * A segment may come in V variants (e.g. two allocations of it); the variant is part of the state.
 * Generic: the caller supplies feasibility and costs; this module knows no hardware.
 */

export interface SegmentDpProblem {
  length: number;
  /** The earliest start of a feasible segment ending at `end` (every start from it to `end` is feasible), or −1 for none. */
  firstStart(end: number): number;
  /** Variants of every segment (default 1). */
  variants?: number;
  /**
   * Cost of segment [start, end] in variant v when it follows [prevStart, prevEnd] in variant pv (prevStart = −1:
   * it is the first segment). Infinity: not allowed.
   */
  cost(prevStart: number, prevEnd: number, pv: number, start: number, end: number, v: number): number;
}

export interface SegmentDpResult {
  /** Segments as [start, end] (inclusive), in order. */
  segments: [number, number][];
  /** The chosen variant of each segment. */
  variants: number[];
  cost: number;
  /** States the DP visited: (end, start) pairs. */
  states: number;
}

export function segmentDp(p: SegmentDpProblem): SegmentDpResult {
  const m = p.length;
  const V = p.variants ?? 1;
  if (m === 0) return { segments: [], variants: [], cost: 0, states: 0 };
  // For each end: states (start, v) at index (start − first[end])·V + v, with their cost and predecessor state.
  const first: number[] = [];
  const best: Float64Array[] = [];
  const backStart: Int32Array[] = [];
  const backVariant: Int32Array[] = [];
  let states = 0;
  for (let end = 0; end < m; end++) {
    const lo = p.firstStart(end);
    if (lo < 0 || lo > end) throw new Error(`segmentDp: no feasible segment ends at ${end}`);
    first.push(lo);
    const size = (end - lo + 1) * V;
    const costs = new Float64Array(size).fill(Infinity);
    const prevStart = new Int32Array(size).fill(-2);
    const prevVariant = new Int32Array(size).fill(-1);
    for (let start = lo; start <= end; start++) {
      for (let v = 0; v < V; v++) {
        states++;
        const at = (start - lo) * V + v;
        if (start === 0) {
          costs[at] = p.cost(-1, -1, -1, 0, end, v);
          prevStart[at] = -1;
          continue;
        }
        const pe = start - 1;
        for (let ps = first[pe]; ps <= pe; ps++) {
          for (let pv = 0; pv < V; pv++) {
            const before = best[pe][(ps - first[pe]) * V + pv];
            if (before === Infinity) continue;
            const c = before + p.cost(ps, pe, pv, start, end, v);
            if (c < costs[at]) {
              costs[at] = c;
              prevStart[at] = ps;
              prevVariant[at] = pv;
            }
          }
        }
      }
    }
    best.push(costs);
    backStart.push(prevStart);
    backVariant.push(prevVariant);
  }
  let start = -1;
  let variant = -1;
  let cost = Infinity;
  for (let s = first[m - 1]; s <= m - 1; s++) {
    for (let v = 0; v < V; v++) {
      const c = best[m - 1][(s - first[m - 1]) * V + v];
      if (c < cost) {
        cost = c;
        start = s;
        variant = v;
      }
    }
  }
  if (start < 0) throw new Error("segmentDp: no segmentation");
  const segments: [number, number][] = [];
  const variants: number[] = [];
  let end = m - 1;
  while (end >= 0) {
    segments.push([start, end]);
    variants.push(variant);
    const at = (start - first[end]) * V + variant;
    const ps = backStart[end][at];
    const pv = backVariant[end][at];
    end = start - 1;
    start = ps;
    variant = pv;
  }
  segments.reverse();
  variants.reverse();
  return { segments, variants, cost, states };
}
