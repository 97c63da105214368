/**
 * Maximum of a fixed array over inclusive index ranges in O(1) per query (a sparse table), for "the latest
 * finish among the producer sets a set waits for". Arrays that never decrease skip the table: the maximum
 * is the last element of the range.
 */
export class RangeMax {
  private readonly levels: Float64Array[];
  private readonly monotone: boolean;

  constructor(private readonly values: Float64Array) {
    let monotone = true;
    for (let i = 1; i < values.length && monotone; i++) monotone = values[i] >= values[i - 1];
    this.monotone = monotone;
    this.levels = [values];
    if (monotone) return;
    for (let span = 2; span <= values.length; span *= 2) {
      const prev = this.levels[this.levels.length - 1];
      const half = span / 2;
      const next = new Float64Array(values.length - span + 1);
      for (let i = 0; i < next.length; i++) next[i] = prev[i] > prev[i + half] ? prev[i] : prev[i + half];
      this.levels.push(next);
    }
  }

  /** max(values[a..b]), a ≤ b. */
  max(a: number, b: number): number {
    if (this.monotone || a === b) return this.values[b];
    const k = 31 - Math.clz32(b - a + 1);
    const row = this.levels[k];
    const x = row[a];
    const y = row[b - (1 << k) + 1];
    return x > y ? x : y;
  }
}
