/** Design-space exploration: the scatter of explored designs with the Pareto front, and the search's counts. */
import type { RunData } from "../load-run.ts";
import { fmtInt, fmtNum } from "../format.ts";
import { paretoFront, type XY } from "../pareto.ts";
import { scatterChart } from "../svg/scatter.ts";
import { MUTED, seriesColor } from "../svg/palette.ts";
import type { SvgMarkup } from "../svg/svg.ts";
import { table, type Table } from "../table.ts";

/**
 * The outer point the chosen design came from: the finalist whose re-scored efficiency is the design's (ties
 * impossible in practice; the closest if rounding differs), or null if the run lists no finalists.
 */
export function chosenPoint(run: RunData): number | null {
  const target = run.metrics.summary.gopsPerW;
  let best: { point: number; d: number } | null = null;
  for (const f of run.metrics.search.finalists) {
    const d = Math.abs(f.gopsPerW - target);
    if (!best || d < best.d) best = { point: f.point, d };
  }
  return best ? best.point : null;
}

const pointText = (p: XY) => `${fmtNum(p.x)} TOPS, ${fmtNum(p.y)} GOPS/W`;

export function exploreChart(run: RunData, binAbove?: number): SvgMarkup | null {
  const ex = run.explored;
  if (!ex) return null;
  const s = run.metrics.summary;
  const chosen = { x: s.throughputTops, y: s.gopsPerW, label: "chosen design" };
  const front = paretoFront([...ex.points, ...ex.candidates, chosen]);
  return scatterChart({
    id: "explore",
    title: "Explored designs: efficiency against throughput",
    desc: `${ex.points.length} outer design points and ${ex.candidates.length} SA candidates, the Pareto front and the chosen design.`,
    groups: [
      { name: "SA candidate × DAC", color: MUTED, radius: 2.5, points: ex.candidates },
      { name: "outer point (best design)", color: seriesColor(0), radius: 4, points: ex.points },
    ],
    front,
    chosen,
    xLabel: "throughput (TOPS)",
    yLabel: "efficiency (GOPS/W)",
    pointText,
    binAbove,
  });
}

export function searchTable(run: RunData): Table {
  const s = run.metrics.search;
  const ex = run.explored;
  const rows: [string, string, string][] = [
    ["outer design points", fmtInt(s.outerPoints), "crossbar size × cell bits × crossbar power share (DAC options searched inside each point)"],
    ["feasible / infeasible", `${fmtInt(s.feasiblePoints)} / ${fmtInt(s.infeasiblePoints)}`, "infeasible: one weight copy does not fit the crossbar share"],
    ["pruned", fmtInt(s.prunedPoints), "optimistic bound below the best design found so far"],
    ["evaluated", fmtInt(s.evaluatedPoints), "searched: SA filter of duplication vectors, then EA partitioning"],
    ["analytic evaluations", fmtInt(s.evaluations), "EA fitness calls (full cost model)"],
    ["SA evaluations", fmtInt(s.saEvaluations), "proxy-energy calls of the duplication filter"],
    [
      "minimum feasible power",
      s.minimumFeasiblePowerW === null ? "—" : `${fmtNum(s.minimumFeasiblePowerW)} W`,
      "smallest budget at which some point of the space fits",
    ],
  ];
  if (ex) {
    rows.push(["plotted outer points", fmtInt(ex.points.length), "explored.jsonl lines of kind point with a best design"]);
    rows.push(["plotted SA candidates", fmtInt(ex.candidates.length), `explored.jsonl candidate lines with a score (${fmtInt(ex.candidatesUnscored)} infeasible)`]);
  }
  return table(
    "search-table",
    "Search counts",
    [{ label: "quantity" }, { label: "value", num: true }, { label: "meaning" }],
    rows.map((r) => ({ cells: r })),
  );
}
