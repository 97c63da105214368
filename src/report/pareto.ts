/** Pareto front (maximising both coordinates) and 2-D histogram binning of a design-space cloud. */

export interface XY {
  x: number;
  y: number;
}

/**
 * Points no other point beats on both coordinates (ties on both keep one), sorted by x ascending (so y
 * descending). O(n log n).
 */
export function paretoFront<P extends XY>(points: readonly P[]): P[] {
  const sorted = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => b.x - a.x || b.y - a.y);
  const front: P[] = [];
  let bestY = -Infinity;
  for (const p of sorted) {
    if (p.y > bestY) {
      front.push(p);
      bestY = p.y;
    }
  }
  return front.reverse();
}

export interface Bins {
  cols: number;
  rows: number;
  /** counts[row * cols + col]; row 0 is the bottom (smallest y). */
  counts: Uint32Array;
  max: number;
}

/** Count points per cell of a cols × rows grid over [0, 1]² (coordinates already normalised by the caller). */
export function bin2d(points: Iterable<XY>, cols: number, rows: number): Bins {
  const counts = new Uint32Array(cols * rows);
  let max = 0;
  for (const p of points) {
    if (!(p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1)) continue;
    const c = Math.min(cols - 1, Math.floor(p.x * cols));
    const r = Math.min(rows - 1, Math.floor(p.y * rows));
    const k = r * cols + c;
    counts[k]++;
    if (counts[k] > max) max = counts[k];
  }
  return { cols, rows, counts, max };
}
