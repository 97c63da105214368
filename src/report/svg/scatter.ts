/**
 * Design-space scatter: efficiency against throughput, one colour per group (outer points, SA candidates), the
 * Pareto front as a staircase and the chosen design as a diamond. Above `binAbove` points the cloud is drawn as a
 * 2-D histogram (cells shaded by count, log scale) so the file stays small and the density stays visible.
 */
import { bottomAxis, leftAxis, legend, type LegendEntry } from "./axes.ts";
import { autoScale } from "./scale.ts";
import { el, svgRoot, text, tooltip, type SvgMarkup } from "./svg.ts";
import { ACCENT, densityColor, INK } from "./palette.ts";
import { bin2d, type XY } from "../pareto.ts";

export interface ScatterGroup {
  name: string;
  color: string;
  radius: number;
  points: readonly XY[];
}

export interface ScatterSpec {
  id: string;
  title: string;
  desc: string;
  groups: readonly ScatterGroup[];
  front: readonly XY[];
  chosen?: XY & { label: string };
  xLabel: string;
  yLabel: string;
  /** Tooltip text of a point, with units. */
  pointText: (p: XY) => string;
  binAbove?: number;
  width?: number;
  height?: number;
}

export const DEFAULT_BIN_ABOVE = 3000;
const BIN_COLS = 48;
const BIN_ROWS = 30;

export function scatterChart(spec: ScatterSpec): SvgMarkup {
  const width = spec.width ?? 900;
  const height = spec.height ?? 440;
  const area = { left: 62, top: 12, right: width - 16, bottom: height - 78 };
  const all = spec.groups.flatMap((g) => g.points);
  const extra = spec.chosen ? [spec.chosen] : [];
  const xs = [...all, ...extra].map((p) => p.x);
  const ys = [...all, ...extra].map((p) => p.y);
  const sx = autoScale(xs, [area.left, area.right]);
  const sy = autoScale(ys, [area.bottom, area.top]);
  let body = bottomAxis(sx, area, spec.xLabel + (sx.log ? ", log scale" : ""));
  body += leftAxis(sy, area, spec.yLabel + (sy.log ? ", log scale" : ""));
  const entries: LegendEntry[] = [];
  let marks = 0;
  if (all.length > (spec.binAbove ?? DEFAULT_BIN_ABOVE)) {
    const w = area.right - area.left;
    const h = area.bottom - area.top;
    const norm = all.map((p) => ({ x: (sx(p.x) - area.left) / w, y: (area.bottom - sy(p.y)) / h }));
    const bins = bin2d(norm, BIN_COLS, BIN_ROWS);
    const cw = w / BIN_COLS;
    const ch = h / BIN_ROWS;
    let cells = "";
    for (let r = 0; r < BIN_ROWS; r++)
      for (let c = 0; c < BIN_COLS; c++) {
        const n = bins.counts[r * BIN_COLS + c];
        if (n === 0) continue;
        marks++;
        const t = bins.max > 1 ? Math.log(n) / Math.log(bins.max) : 1;
        cells += el(
          "rect",
          { class: "mark bin", x: area.left + c * cw, y: area.bottom - (r + 1) * ch, width: cw, height: ch, fill: densityColor(0.15 + 0.85 * t) },
          tooltip(`${n} design${n === 1 ? "" : "s"}`),
        );
      }
    body += el("g", { class: "bins" }, cells);
    entries.push({ label: `designs per cell: 1 (light) to ${bins.max} (dark), log shading; ${all.length} designs`, color: densityColor(0.6) });
  } else {
    for (const g of spec.groups) {
      let dots = "";
      for (const p of g.points) {
        marks++;
        dots += el("circle", { class: "mark", cx: sx(p.x), cy: sy(p.y), r: g.radius, fill: g.color, "fill-opacity": 0.7 }, tooltip(`${g.name}: ${spec.pointText(p)}`));
      }
      body += el("g", { class: "points" }, dots);
      entries.push({ label: `${g.name} (${g.points.length})`, color: g.color, shape: "circle" });
    }
  }
  if (spec.front.length) {
    const pts = spec.front.map((p) => ({ x: sx(p.x), y: sy(p.y) }));
    let d = `M${pts[0].x.toFixed(2)} ${pts[0].y.toFixed(2)}`;
    for (let i = 1; i < pts.length; i++) d += `V${pts[i].y.toFixed(2)}H${pts[i].x.toFixed(2)}`;
    body += el("path", { class: "pareto-line", d, fill: "none", stroke: INK, "stroke-width": 1.5, "stroke-dasharray": "5 3" });
    for (const p of spec.front)
      body += el("circle", { class: "pareto", cx: sx(p.x), cy: sy(p.y), r: 4.5, fill: "none", stroke: INK, "stroke-width": 1.5 }, tooltip(`Pareto front: ${spec.pointText(p)}`));
    entries.push({ label: `Pareto front (${spec.front.length})`, color: INK, shape: "dashed" });
  }
  if (spec.chosen) {
    const cx = sx(spec.chosen.x);
    const cy = sy(spec.chosen.y);
    body += el(
      "path",
      { class: "chosen", d: `M${(cx).toFixed(2)} ${(cy - 8).toFixed(2)}l8 8l-8 8l-8 -8z`, fill: ACCENT, stroke: "#fff", "stroke-width": 1 },
      tooltip(`${spec.chosen.label}: ${spec.pointText(spec.chosen)}`),
    );
    body += text(cx - 10, cy - 10, spec.chosen.label, { "text-anchor": "end", fill: ACCENT, "font-weight": "600" });
    entries.push({ label: spec.chosen.label, color: ACCENT, shape: "diamond" });
  }
  const l = legend(entries, area.left, area.bottom + 50, area.right - area.left);
  body += l.svg;
  return svgRoot({ id: spec.id, title: spec.title, desc: spec.desc, width, height: area.bottom + 50 + l.height + 2 }, body, marks);
}
