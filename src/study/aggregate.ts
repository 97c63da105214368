/**
 * A study's aggregates from its index: study.csv (one row per job, units in the column names) and the Pareto
 * fronts of each network × preset over all budgets and seeds (maximise GOPS/W and TOPS, minimise area and
 * latency: a design is on the front when no other design is at least as good on all four and better on one).
 */
import type { IndexLine, JobMetrics } from "./layout.ts";
import type { StudyJob } from "./plan.ts";

export interface Objective {
  key: keyof Pick<JobMetrics, "gopsPerW" | "tops" | "areaMm2" | "latencyNs">;
  sense: "max" | "min";
}

export const FRONT_OBJECTIVES: readonly Objective[] = [
  { key: "gopsPerW", sense: "max" },
  { key: "tops", sense: "max" },
  { key: "areaMm2", sense: "min" },
  { key: "latencyNs", sense: "min" },
];

/** a dominates b: at least as good on every objective and better on one. */
export function dominates(a: JobMetrics, b: JobMetrics, objectives: readonly Objective[] = FRONT_OBJECTIVES): boolean {
  let better = false;
  for (const { key, sense } of objectives) {
    const d = sense === "max" ? a[key] - b[key] : b[key] - a[key];
    if (d < 0) return false;
    if (d > 0) better = true;
  }
  return better;
}

/** The non-dominated lines (O(n²): a study's group has hundreds of designs, not millions). Input order kept. */
export function paretoSet<L extends { metrics?: JobMetrics }>(lines: readonly L[], objectives: readonly Objective[] = FRONT_OBJECTIVES): L[] {
  const done = lines.filter((l): l is L & { metrics: JobMetrics } => l.metrics !== undefined && objectives.every((o) => Number.isFinite(l.metrics![o.key])));
  return done.filter((a) => !done.some((b) => b !== a && dominates(b.metrics, a.metrics, objectives)));
}

export interface Group {
  network: string;
  preset: string;
  lines: IndexLine[];
  front: IndexLine[];
}

/** Lines grouped by network × preset in job order, each with its four-objective front. */
export function groupFronts(lines: readonly IndexLine[]): Group[] {
  const groups = new Map<string, Group>();
  for (const l of lines) {
    const k = `${l.network}\u0000${l.preset}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { network: l.network, preset: l.preset, lines: [], front: [] }));
    g.lines.push(l);
  }
  for (const g of groups.values()) g.front = paretoSet(g.lines);
  return [...groups.values()];
}

/** Columns of study.csv: [header, value of a line]. Units are in the header names. */
const COLUMNS: [string, (l: IndexLine, job?: StudyJob) => string | number | undefined][] = [
  ["id", (l) => l.id],
  ["network", (l) => l.network],
  ["network_hash", (l) => l.networkHash],
  ["preset", (l) => l.preset],
  ["power_budget_w", (l) => l.powerW],
  ["seed", (l) => l.seed],
  ["status", (l) => l.status],
  ["efficiency_gops_per_w", (l) => l.metrics?.gopsPerW],
  ["throughput_tops", (l) => l.metrics?.tops],
  ["latency_ns", (l) => l.metrics?.latencyNs],
  ["power_used_w", (l) => l.metrics?.powerUsedW],
  ["area_mm2", (l) => l.metrics?.areaMm2],
  ["energy_bound_fraction", (l) => l.metrics?.fractionOfEnergyBound],
  ["gain_over_isaac_like_x", (l) => l.metrics?.gainOverIsaacLike],
  ["crossbar_size_rows", (l) => l.metrics?.crossbarSize],
  ["cell_bits", (l) => l.metrics?.cellBits],
  ["dac_bits", (l) => l.metrics?.dacBits],
  ["adc_bits", (l) => l.metrics?.adcBits],
  ["macros", (l) => l.metrics?.macros],
  ["crossbars", (l) => l.metrics?.crossbars],
  ["on_front", () => undefined],
  ["run_status", (l) => l.metrics?.status.split(":")[0]],
  ["result_dir", (l) => l.result],
  ["error", (l) => l.error],
];

/** One CSV field (RFC 4180 quoting; text that a spreadsheet would run as a formula gets a leading quote). */
export function csvField(v: string | number | undefined): string {
  if (v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function studyCsv(lines: readonly IndexLine[]): string {
  const onFront = new Set(groupFronts(lines).flatMap((g) => g.front.map((l) => l.id)));
  const header = COLUMNS.map(([h]) => h).join(",");
  const rows = lines.map((l) => COLUMNS.map(([h, f]) => csvField(h === "on_front" ? (l.status === "done" ? (onFront.has(l.id) ? 1 : 0) : undefined) : f(l))).join(","));
  return [header, ...rows].join("\n") + "\n";
}
