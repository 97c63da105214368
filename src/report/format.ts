/**
 * Number formatting for the report: a fixed number of significant digits, thousands separators, and the unit
 * chosen for the magnitude (µs or ms, µJ or mJ). Output is the same on every machine (no locale dependence).
 */

function groupThousands(intText: string): string {
  return intText.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `sig` significant digits, trailing zeros dropped; integers of more than `sig` digits keep all, grouped. */
export function fmtNum(v: number, sig = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const neg = v < 0;
  const a = Math.abs(v);
  let s: string;
  if (a >= 10 ** sig) s = groupThousands(Math.round(a).toString());
  else if (a < 1e-4) s = a.toExponential(sig - 1).replace(/\.?0+e/, "e");
  else {
    s = Number(a.toPrecision(sig)).toString();
    const [i, f] = s.split(".");
    s = groupThousands(i) + (f ? `.${f}` : "");
  }
  return neg ? `-${s}` : s;
}

export function fmtInt(v: number): string {
  return Number.isFinite(v) ? (v < 0 ? "-" : "") + groupThousands(Math.round(Math.abs(v)).toString()) : String(v);
}

/** A fraction as a percentage with one decimal. */
export function fmtPct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}

export interface Quantity {
  value: string;
  unit: string;
}

/** A time in ns shown in ns, µs, ms or s. */
export function timeNs(ns: number): Quantity {
  const a = Math.abs(ns);
  if (a >= 1e9) return { value: fmtNum(ns / 1e9), unit: "s" };
  if (a >= 1e6) return { value: fmtNum(ns / 1e6), unit: "ms" };
  if (a >= 1e3) return { value: fmtNum(ns / 1e3), unit: "µs" };
  return { value: fmtNum(ns), unit: "ns" };
}

/** An energy in pJ shown in pJ, nJ, µJ or mJ. */
export function energyPj(pj: number): Quantity {
  const a = Math.abs(pj);
  if (a >= 1e9) return { value: fmtNum(pj / 1e9), unit: "mJ" };
  if (a >= 1e6) return { value: fmtNum(pj / 1e6), unit: "µJ" };
  if (a >= 1e3) return { value: fmtNum(pj / 1e3), unit: "nJ" };
  return { value: fmtNum(pj), unit: "pJ" };
}

/** A wall-clock duration in ms: "850 ms", "92.2 s", "14 min 5 s", "2 h 3 min". */
export function duration(ms: number): string {
  if (ms < 1e3) return `${fmtNum(ms, 3)} ms`;
  const s = ms / 1e3;
  if (s < 60) return `${fmtNum(s, 3)} s`;
  const totalS = Math.round(s);
  if (totalS < 3600) return `${Math.floor(totalS / 60)} min ${totalS % 60} s`;
  return `${Math.floor(totalS / 3600)} h ${Math.floor((totalS % 3600) / 60)} min`;
}

export function joinQ(q: Quantity): string {
  return `${q.value} ${q.unit}`;
}

/** A file size in bytes shown in B, KB, MB or GB (powers of 1024, as file managers show them). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${fmtInt(bytes)} B`;
  if (bytes < 1024 ** 2) return `${fmtNum(bytes / 1024, 3)} KB`;
  if (bytes < 1024 ** 3) return `${fmtNum(bytes / 1024 ** 2, 3)} MB`;
  return `${fmtNum(bytes / 1024 ** 3, 3)} GB`;
}
