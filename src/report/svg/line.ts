/**
 * Line chart for convergence traces: many thin series (one per SA run or EA candidate) and a few emphasised ones
 * (the chosen design's), so the spread of the search and the path of the winner are both visible.
 */
import { bottomAxis, leftAxis, legend, type LegendEntry } from "./axes.ts";
import { autoScale, extent, linearScale } from "./scale.ts";
import { el, svgRoot, tooltip, type SvgMarkup } from "./svg.ts";
import type { XY } from "../pareto.ts";

export interface LineSeries {
  name: string;
  points: readonly XY[];
  color: string;
  emphasis?: boolean;
  dashed?: boolean;
}

export interface LineChartSpec {
  id: string;
  title: string;
  desc: string;
  series: readonly LineSeries[];
  xLabel: string;
  yLabel: string;
  legend: readonly LegendEntry[];
  /** Whole-number x ticks (generations, levels). */
  integerX?: boolean;
  width?: number;
  height?: number;
}

export function lineChart(spec: LineChartSpec): SvgMarkup {
  const width = spec.width ?? 900;
  const height = spec.height ?? 320;
  const area = { left: 62, top: 12, right: width - 16, bottom: height - 70 };
  const pts = spec.series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const [x0, x1] = extent(pts.map((p) => p.x));
  const sx = linearScale(Math.min(x0, 0), Math.max(x1, 1), [area.left, area.right], 8, spec.integerX ?? false);
  const sy = autoScale(
    pts.map((p) => p.y),
    [area.bottom, area.top],
  );
  let body = bottomAxis(sx, area, spec.xLabel);
  body += leftAxis(sy, area, spec.yLabel + (sy.log ? ", log scale" : ""));
  // Thin series first, emphasised ones on top.
  const ordered = [...spec.series].sort((a, b) => Number(a.emphasis ?? false) - Number(b.emphasis ?? false));
  let lines = "";
  for (const s of ordered) {
    const finite = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!sy.log || p.y > 0));
    if (finite.length === 0) continue;
    const d = finite.map((p, i) => `${i ? "L" : "M"}${sx(p.x).toFixed(2)} ${sy(p.y).toFixed(2)}`).join("");
    lines += el(
      "path",
      {
        class: "mark",
        d,
        fill: "none",
        stroke: s.color,
        "stroke-width": s.emphasis ? 2.2 : 1,
        "stroke-opacity": s.emphasis ? 1 : 0.45,
        "stroke-dasharray": s.dashed ? "5 3" : undefined,
      },
      tooltip(s.name),
    );
  }
  body += el("g", { class: "series" }, lines);
  const l = legend(spec.legend, area.left, area.bottom + 50, area.right - area.left);
  body += l.svg;
  return svgRoot({ id: spec.id, title: spec.title, desc: spec.desc, width, height: area.bottom + 50 + l.height + 2 }, body, spec.series.length);
}
