/**
 * The data the report templates render: every number already formatted with its unit, every chart an SVG string
 * wrapped as a SafeString (markup built by src/report/svg/, whose text is escaped there). Templates render in
 * strict mode, so every field used by a template is always present here (null when there is nothing to show).
 */
import Handlebars from "handlebars";
import type { RunData } from "./load-run.ts";
import type { SvgMarkup } from "./svg/svg.ts";
import { fmtNum } from "./format.ts";
import { table, type Item, type Table } from "./table.ts";
import { headlineItems } from "./sections/headline.ts";
import { componentTable, designItems, macroKindsTable } from "./sections/design.ts";
import { layerCharts, layerTable } from "./sections/layers.ts";
import { breakdownChart, breakdownTable } from "./sections/breakdown.ts";
import { floorplan, macroCrossbars } from "./sections/floorplan.ts";
import { timeline } from "./sections/timeline.ts";
import { exploreChart, searchTable } from "./sections/explore.ts";
import { eaChart, saCharts } from "./sections/convergence.ts";
import { optionsTable, presetView } from "./sections/assumptions.ts";
import { scheduleSection } from "./sections/schedule.ts";

export interface Chart {
  svg: Handlebars.SafeString;
  marks: number;
}

export function chart(m: SvgMarkup): Chart {
  return { svg: new Handlebars.SafeString(m.svg), marks: m.marks };
}

export interface ReportOptions {
  /** Draw the scatter as a 2-D histogram above this many points (default src/report/svg/scatter.ts). */
  binAbove?: number;
}

export function ablationTable(run: RunData): Table | null {
  if (!run.ablation) return null;
  return table(
    "ablation-table",
    "Ablation and baselines (ablation.json)",
    [
      { label: "variant" },
      { label: "efficiency", unit: "GOPS/W", num: true },
      { label: "throughput", unit: "TOPS", num: true },
      { label: "peak power", unit: "W", num: true },
      { label: "gain vs full flow", unit: "×", num: true },
    ],
    run.ablation.rows.map((r) => ({ cells: [r.name, fmtNum(r.gopsPerW), fmtNum(r.throughputTops), fmtNum(r.peakPowerW), fmtNum(r.gainVsFull, 3)] })),
  );
}

export function reportModel(run: RunData, opts: ReportOptions = {}) {
  const m = run.metrics;
  const sa = saCharts(run);
  const ea = eaChart(run);
  const explore = exploreChart(run, opts.binAbove);
  const tl = timeline(run);
  const sched = scheduleSection(run);
  return {
    title: `${m.inputs.model} at ${fmtNum(m.inputs.powerBudgetW)} W: ${fmtNum(m.summary.gopsPerW)} GOPS/W`,
    model: m.inputs.model,
    generator: `${m.tool.name} ${m.tool.version}`,
    headline: headlineItems(run),
    design: { items: designItems(run), components: componentTable(run), macroKinds: macroKindsTable(run) },
    layers: { table: layerTable(run), charts: layerCharts(run).map(chart), bottleneck: m.design.mapping.bottleneckLayer },
    breakdown: { chart: chart(breakdownChart(run)), table: breakdownTable(run) },
    floorplan: { chart: chart(floorplan(run)), scaled: macroCrossbars(run) !== null, mesh: `${run.arch.hardware.noc.meshRows} × ${run.arch.hardware.noc.meshCols}` },
    timeline: { chart: chart(tl.chart), source: tl.source, bottleneck: m.design.mapping.bottleneckLayer },
    schedule: sched ? { items: sched.items, chart: sched.chart ? chart(sched.chart) : null, notes: sched.notes, trace: sched.trace } : null,
    explore: { chart: explore ? chart(explore) : null, table: searchTable(run) },
    convergence: {
      sa: sa ? { energy: chart(sa.energy), accept: chart(sa.accept), summary: sa.summary } : null,
      saDropped: sa?.dropped ?? 0,
      ea: ea ? chart(ea.chart) : null,
      eaDropped: ea?.dropped ?? 0,
    },
    ablation: ablationTable(run),
    assumptions: { options: optionsTable(run), preset: presetView(run), notModelled: run.metrics.notModelled ?? [] },
  };
}

export type ReportModel = ReturnType<typeof reportModel>;
export type { Item, Table };
