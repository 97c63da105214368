/**
 * `pimsyn compare`: one HTML page with several runs side by side: headline metrics, design choices, peak power by
 * component kind, and efficiency/throughput bars. Reads each run's metrics.json and arch.json only.
 */
import { basename, resolve } from "node:path";
import { UserError } from "../errors.ts";
import { renderTemplate } from "./engine.ts";
import { loadRun, type RunData } from "./load-run.ts";
import { duration, fmtInt, fmtNum, fmtPct, joinQ, timeNs } from "./format.ts";
import { barChart } from "./svg/bar.ts";
import { kindColor, seriesColor } from "./svg/palette.ts";
import { stackedBarChart } from "./svg/stacked-bar.ts";
import { table, type Table } from "./table.ts";
import { chart } from "./view-model.ts";

/** Column labels: the folder name, made unique with a #n prefix when two runs share one. */
export function runLabels(dirs: readonly string[]): string[] {
  const names = dirs.map((d) => basename(resolve(d)));
  return names.map((n, i) => (names.filter((m) => m === n).length > 1 ? `#${i + 1} ${n}` : n));
}

function byRun(id: string, caption: string, labels: string[], rows: [string, string, (r: RunData) => string][], runs: RunData[]): Table {
  return table(
    id,
    caption,
    [{ label: "metric" }, { label: "unit" }, ...labels.map((l) => ({ label: l, num: true }))],
    rows.map(([name, unit, f]) => ({ cells: [name, unit, ...runs.map(f)] })),
  );
}

export function compareModel(dirs: readonly string[]) {
  if (dirs.length < 2) throw new UserError(`got ${dirs.length} run directory; expected two or more to compare`, { pointer: "<run-dir>" });
  const runs = dirs.map((d) => loadRun(d, { explored: false, traces: false, schedule: false }));
  const labels = runLabels(dirs);
  const s = (r: RunData) => r.metrics.summary;
  const headline = byRun(
    "compare-headline",
    "Headline metrics",
    labels,
    [
      ["model", "", (r) => r.metrics.inputs.model],
      ["preset", "", (r) => r.metrics.inputs.preset.name],
      ["power budget", "W", (r) => fmtNum(s(r).powerBudgetW)],
      ["power used (peak)", "W", (r) => fmtNum(s(r).powerUsedW)],
      ["efficiency", "GOPS/W", (r) => fmtNum(s(r).gopsPerW)],
      ["throughput (per period)", "TOPS", (r) => fmtNum(s(r).throughputTops)],
      ["latency", "", (r) => joinQ(timeNs(s(r).latencyNs))],
      ["fraction of the design space's energy bound", "%", (r) => (s(r).fractionOfSpaceBound === undefined ? "not recorded" : fmtPct(s(r).fractionOfSpaceBound!).replace(" %", ""))],
      ["gain over the same-budget ISAAC-like design", "×", (r) => (s(r).gainOverBaseline === undefined ? "none fits" : fmtNum(s(r).gainOverBaseline!, 3))],
      ["area", "mm²", (r) => fmtNum(s(r).areaMm2)],
      ["seed", "", (r) => String(r.metrics.inputs.seed)],
      ["tool", "", (r) => `${r.metrics.tool.name} ${r.metrics.tool.version}`],
      ["run time", "", (r) => (r.timing ? duration(r.timing.wallMs) : "not recorded")],
      ["status", "", (r) => r.metrics.status],
    ],
    runs,
  );
  const design = byRun(
    "compare-design",
    "Design choices",
    labels,
    [
      ["crossbar size", "rows", (r) => String(s(r).crossbarSize)],
      ["cell resolution", "bits", (r) => String(s(r).cellBits)],
      ["DAC resolution", "bits", (r) => String(s(r).dacBits)],
      ["ADC resolution", "bits", (r) => String(s(r).adcBits)],
      ["crossbar power share", "%", (r) => fmtNum(s(r).crossbarPowerRatio * 100, 3)],
      ["macro mode", "", (r) => s(r).macroMode],
      ["macros", "", (r) => fmtInt(s(r).macros)],
      ["mesh", "rows × cols", (r) => s(r).mesh.replace("x", " × ")],
      ["scratchpad", "KB per macro", (r) => fmtNum(s(r).scratchpadKb)],
      ["crossbars", "", (r) => fmtInt(s(r).crossbars)],
    ],
    runs,
  );
  const kinds = [...new Set(runs.flatMap((r) => Object.entries(r.metrics.design.hardware.byKind).filter(([, v]) => v.units > 0).map(([k]) => k)))];
  const power = byRun(
    "compare-power",
    "Peak power by component kind",
    labels,
    [
      ...kinds.map((k): [string, string, (r: RunData) => string] => [k, "W", (r) => fmtNum(r.metrics.design.hardware.byKind[k]?.peakPowerW ?? 0)]),
      ["total", "W", (r) => fmtNum(r.metrics.design.hardware.peakPowerW)],
    ],
    runs,
  );
  const w = (v: number) => `${fmtNum(v)} W`;
  const powerChart = stackedBarChart({
    id: "compare-power-chart",
    title: "Peak power by component kind, per run",
    desc: `Peak power of each of ${runs.length} runs split by component kind.`,
    keys: kinds.map((k, i) => ({ key: k, label: k, color: kindColor(k, i) })),
    absoluteAxis: "peak power (W)",
    bars: runs.map((r, i) => ({
      label: labels[i],
      totalText: w(r.metrics.design.hardware.peakPowerW),
      values: Object.fromEntries(kinds.map((k) => [k, r.metrics.design.hardware.byKind[k]?.peakPowerW ?? 0])),
      valueText: w,
    })),
  });
  const efficiency = barChart({
    id: "compare-efficiency",
    title: "Efficiency per run",
    desc: `GOPS/W of each of ${runs.length} runs.`,
    bars: runs.map((r, i) => ({ label: labels[i], value: s(r).gopsPerW, color: seriesColor(i) })),
    axisLabel: "efficiency (GOPS/W)",
    valueText: (v) => `${fmtNum(v)} GOPS/W`,
  });
  const throughput = barChart({
    id: "compare-throughput",
    title: "Throughput per run",
    desc: `TOPS of each of ${runs.length} runs.`,
    bars: runs.map((r, i) => ({ label: labels[i], value: s(r).throughputTops, color: seriesColor(i) })),
    axisLabel: "throughput (TOPS)",
    valueText: (v) => `${fmtNum(v)} TOPS`,
  });
  return {
    title: `Comparison of ${runs.length} pimsyn runs`,
    generator: `${runs[0].metrics.tool.name} ${runs[0].metrics.tool.version}`,
    runs: runs.map((r, i) => ({ label: labels[i], dir: r.dir, model: r.metrics.inputs.model, color: seriesColor(i) })),
    headline,
    design,
    power: { table: power, chart: chart(powerChart) },
    efficiency: chart(efficiency),
    throughput: chart(throughput),
  };
}

export function renderCompare(dirs: readonly string[]): string {
  return renderTemplate("compare.html", compareModel(dirs));
}
