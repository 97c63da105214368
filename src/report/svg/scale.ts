/** Linear and logarithmic scales with "nice" ticks (1, 2, 5 × 10^k), and tick labels without float noise. */

export interface Scale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  readonly ticks: readonly number[];
  readonly log: boolean;
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/** A linear scale whose domain is widened to whole ticks. `lo === hi` is widened around the value. */
export function linearScale(lo: number, hi: number, range: readonly [number, number], tickCount = 5, integer = false): Scale {
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const step = integer ? Math.max(1, niceStep(hi - lo, tickCount)) : niceStep(hi - lo, tickCount);
  const d0 = Math.floor(lo / step + 1e-9) * step;
  const d1 = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let k = 0; d0 + k * step <= d1 + step * 1e-9; k++) ticks.push(roundTo(d0 + k * step, step));
  const [r0, r1] = range;
  const f = (v: number) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
  return Object.assign(f, { domain: [d0, d1] as const, range, ticks, log: false });
}

/**
 * A log10 scale padded beyond the values (by default 0.06 decade each side; `pad` as a fraction of the span in
 * decades when that is more), not widened to whole decades, which would leave most of the plot empty; ticks at
 * 1, 2, 5 × 10^k inside it (fewer multiples when the span is wide). Values must be > 0.
 */
export function logScale(lo: number, hi: number, range: readonly [number, number], pad = 0): Scale {
  const padDecades = Math.max(0.06, pad * (Math.log10(hi) - Math.log10(lo)));
  const l0 = Math.log10(lo) - padDecades;
  const l1 = Math.max(Math.log10(hi) + padDecades, l0 + 0.3);
  const decades = l1 - l0;
  const mult = decades <= 2.5 ? [1, 2, 5] : decades <= 5 ? [1, 3] : [1];
  const ticks: number[] = [];
  for (let e = Math.floor(l0); e <= Math.ceil(l1); e++)
    for (const m of mult) {
      const t = roundTo(m * 10 ** e, 10 ** (e - 3));
      const lt = Math.log10(t);
      if (lt >= l0 - 1e-9 && lt <= l1 + 1e-9) ticks.push(t);
    }
  const [r0, r1] = range;
  const f = (v: number) => r0 + ((Math.log10(v) - l0) / (l1 - l0)) * (r1 - r0);
  return Object.assign(f, { domain: [10 ** l0, 10 ** l1] as const, range, ticks, log: true });
}

/**
 * Log axes when the positive values span more than `ratio` (design-space clouds span decades), linear from zero
 * otherwise (`zero`), or a linear scale fitted to the values. `pad` (a fraction of the span, each side) keeps
 * the extreme values off the plot's edges, so a marker drawn there is not cut by the axis.
 */
export function autoScale(values: readonly number[], range: readonly [number, number], opts: { zero?: boolean; ratio?: number; pad?: number } = {}): Scale {
  const [lo, hi] = extent(values);
  if (!(hi >= lo)) return linearScale(0, 1, range);
  const pad = opts.pad ?? 0;
  if (lo > 0 && hi / lo > (opts.ratio ?? 30)) return logScale(lo, hi, range, pad);
  const span = hi - lo;
  const low = opts.zero ? Math.min(0, lo) : lo - pad * span;
  // A padded fit never crosses zero when the values do not (efficiencies, throughputs stay positive).
  return linearScale(lo > 0 && !opts.zero ? Math.max(0, low) : low, hi + pad * span, range);
}

/** [min, max] of the finite values ([Infinity, -Infinity] if none); a loop, since a design-space cloud can hold millions. */
export function extent(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

function roundTo(v: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(v.toFixed(Math.min(digits, 15)));
}

/** A tick label: compact (1k, 2.5M) for large values, no float noise for small ones. */
export function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return "0";
  if (a >= 1e9) return `${trim(v / 1e9)}G`;
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e4) return `${trim(v / 1e3)}k`;
  if (a < 1e-3) return v.toExponential(0);
  return trim(v);
}

function trim(v: number): string {
  return String(Number(v.toPrecision(4)));
}
