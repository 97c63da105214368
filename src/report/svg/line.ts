/**
 * Line chart for convergence traces: many thin series (one per SA run or EA candidate) and a few emphasised ones
 * (the chosen design's), so the spread of the search and the path of the winner are both visible. Optional tail
 * columns to the right of the x axis show steps that come after the traced loop (e.g. refinement and exact
 * allocation after the EA's last generation), so the chart ends where the headline figure does.
 */
import { bottomAxis, leftAxis, legend, type LegendEntry, type PlotArea } from "./axes.ts";
import { autoScale, extent, linearScale, type Scale } from "./scale.ts";
import { el, svgRoot, text, tooltip, type SvgMarkup } from "./svg.ts";
import { GRID, INK } from "./palette.ts";
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
  /** A fixed y domain (e.g. [0, 100] for a percentage); default: fitted to the values. */
  yDomain?: readonly [number, number];
  /** Steps after the last x: labelled columns right of the x axis, one value per column per series. */
  tail?: { labels: readonly string[]; series: readonly TailSeries[] };
  width?: number;
  height?: number;
}

export interface TailSeries {
  name: string;
  color: string;
  emphasis?: boolean;
  /** The point on the main plot the tail continues from (e.g. the last generation's best). */
  from?: XY;
  /** One value per tail column (NaN: none). */
  values: readonly number[];
  /** Text beside the last value (e.g. "588.9 GOPS/W, the headline"). */
  endLabel?: string;
}

const TAIL_COLUMN = 96;

export function lineChart(spec: LineChartSpec): SvgMarkup {
  const width = spec.width ?? 900;
  const height = spec.height ?? 320;
  const tailCols = spec.tail?.labels.length ?? 0;
  const plot = { left: 62, top: 12, right: width - 16, bottom: height - 70 };
  /** The main plot: the traced loop's x axis; tail columns sit right of it. */
  const area = { ...plot, right: plot.right - tailCols * TAIL_COLUMN };
  const pts = spec.series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const tailYs = (spec.tail?.series ?? []).flatMap((t) => t.values).filter(Number.isFinite);
  const [x0, x1] = extent(pts.map((p) => p.x));
  const sx = linearScale(Math.min(x0, 0), Math.max(x1, 1), [area.left, area.right], 8, spec.integerX ?? false);
  const sy = spec.yDomain
    ? linearScale(spec.yDomain[0], spec.yDomain[1], [area.bottom, area.top])
    : autoScale([...pts.map((p) => p.y), ...tailYs], [area.bottom, area.top], { pad: 0.1 });
  let body = bottomAxis(sx, area, spec.xLabel);
  body += leftAxis(sy, { ...area, right: plot.right }, spec.yLabel + (sy.log ? ", log scale" : ""));
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
  if (spec.tail) body += tailColumns(spec.tail, area, plot, sx, sy);
  const l = legend(spec.legend, area.left, area.bottom + 50, plot.right - area.left);
  body += l.svg;
  return svgRoot({ id: spec.id, title: spec.title, desc: spec.desc, width, height: area.bottom + 50 + l.height + 2 }, body, spec.series.length);
}

/** The tail: a separator, one labelled column per step, each series' values joined from its `from` point. */
function tailColumns(tail: NonNullable<LineChartSpec["tail"]>, area: PlotArea, plot: PlotArea, sx: Scale, sy: Scale): string {
  const colX = (k: number) => area.right + TAIL_COLUMN * (k + 0.5);
  let out = el("line", { x1: area.right, y1: plot.top, x2: area.right, y2: plot.bottom, stroke: INK, "stroke-dasharray": "2 3" });
  out += el("line", { class: "axis-x tail-axis", x1: area.right, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: INK });
  tail.labels.forEach((label, k) => {
    out += el("line", { x1: colX(k), y1: plot.top, x2: colX(k), y2: plot.bottom, stroke: GRID });
    out += text(colX(k), plot.bottom + 15, label, { class: "tail-label", "text-anchor": "middle", fill: INK, "font-weight": "600" });
  });
  const ordered = [...tail.series].sort((a, b) => Number(a.emphasis ?? false) - Number(b.emphasis ?? false));
  for (const t of ordered) {
    const pts = t.values.map((v, k) => ({ x: colX(k), y: v })).filter((p) => Number.isFinite(p.y));
    if (!pts.length) continue;
    const start = t.from && Number.isFinite(t.from.y) ? [{ x: sx(t.from.x), y: t.from.y }] : [];
    const d = [...start, ...pts].map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(2)} ${sy(p.y).toFixed(2)}`).join("");
    const w = t.emphasis ? 2.2 : 1.2;
    out += el("path", { class: "tail", d, fill: "none", stroke: t.color, "stroke-width": w, "stroke-dasharray": "4 3", "stroke-opacity": t.emphasis ? 1 : 0.7 }, tooltip(t.name));
    for (const p of pts)
      out += el("circle", { class: t.emphasis ? "tail-point emphasis" : "tail-point", cx: p.x, cy: sy(p.y), r: t.emphasis ? 4.5 : 3, fill: t.color }, tooltip(t.name));
    if (t.endLabel) {
      const last = pts[pts.length - 1];
      // Above the point, or below it when the point is near the top of the plot.
      const y = sy(last.y);
      out += text(last.x + 7, y - plot.top < 24 ? y + 18 : y - 8, t.endLabel, { class: "end-label", "text-anchor": "end", fill: t.color, "font-weight": "600" });
    }
  }
  return el("g", { class: "tail-steps" }, out);
}
