/**
 * Design-space scatter: efficiency against throughput, one colour per group (outer points, SA candidates), the
 * Pareto front as black dots on the boundary of the region it dominates (a staircase from the y axis to the x
 * axis, so it reads even when the front has two points) and the chosen design as a large open diamond drawn
 * under the front's dots (the chosen design is usually on the front: both stay visible). Both axes are padded so
 * no marker touches the plot's edge. Above `binAbove` points the cloud is drawn as a 2-D histogram (cells shaded
 * by count, log scale) so the file stays small and the density stays visible.
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
/** Axis padding, a fraction of the data span each side: the chosen diamond (10 px) stays clear of the axes. */
const AXIS_PAD = 0.06;
/** Half-diagonal of the chosen design's diamond, px. */
const CHOSEN_R = 10;

export function scatterChart(spec: ScatterSpec): SvgMarkup {
  const width = spec.width ?? 900;
  const height = spec.height ?? 440;
  const area = { left: 62, top: 12, right: width - 16, bottom: height - 78 };
  const all = spec.groups.flatMap((g) => g.points);
  const extra = spec.chosen ? [spec.chosen] : [];
  const xs = [...all, ...extra].map((p) => p.x);
  const ys = [...all, ...extra].map((p) => p.y);
  const sx = autoScale(xs, [area.left, area.right], { pad: AXIS_PAD });
  const sy = autoScale(ys, [area.bottom, area.top], { pad: AXIS_PAD });
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
  // The chosen design first, so the front's dot at the same place is drawn on top of it.
  if (spec.chosen) {
    const cx = sx(spec.chosen.x);
    const cy = sy(spec.chosen.y);
    const r = CHOSEN_R;
    body += el(
      "path",
      {
        class: "chosen",
        d: `M${cx.toFixed(2)} ${(cy - r).toFixed(2)}l${r} ${r}l${-r} ${r}l${-r} ${-r}z`,
        fill: ACCENT,
        "fill-opacity": 0.18,
        stroke: ACCENT,
        "stroke-width": 2.5,
      },
      tooltip(`${spec.chosen.label}: ${spec.pointText(spec.chosen)}`),
    );
    // The label on the side with room: left of the marker in the right half, below it near the top.
    const right = cx > (area.left + area.right) / 2;
    const ty = cy - area.top < 30 ? cy + r + 14 : cy - r - 4;
    body += text(right ? cx - r - 4 : cx + r + 4, ty, spec.chosen.label, {
      class: "chosen-label",
      "text-anchor": right ? "end" : "start",
      fill: ACCENT,
      "font-weight": "600",
      // A white halo keeps the label legible over the cloud.
      stroke: "#fff",
      "stroke-width": 3,
      "paint-order": "stroke",
    });
    entries.push({ label: `${spec.chosen.label} (open diamond)`, color: ACCENT, shape: "diamond" });
  }
  if (spec.front.length) {
    const pts = spec.front.map((p) => ({ x: sx(p.x), y: sy(p.y) }));
    // Boundary of the dominated region: from the y axis at the best efficiency to the x axis at the best throughput.
    let d = `M${area.left.toFixed(2)} ${pts[0].y.toFixed(2)}H${pts[0].x.toFixed(2)}`;
    for (let i = 1; i < pts.length; i++) d += `V${pts[i].y.toFixed(2)}H${pts[i].x.toFixed(2)}`;
    d += `V${area.bottom.toFixed(2)}`;
    body += el("path", { class: "pareto-line", d, fill: "none", stroke: INK, "stroke-width": 2, "stroke-dasharray": "6 3" });
    for (const p of spec.front)
      body += el("circle", { class: "pareto", cx: sx(p.x), cy: sy(p.y), r: 3.5, fill: INK, stroke: "#fff", "stroke-width": 1 }, tooltip(`Pareto front: ${spec.pointText(p)}`));
    entries.push({ label: `Pareto front (${spec.front.length} designs) and the region it dominates`, color: INK, shape: "dashed" });
  }
  const l = legend(entries, area.left, area.bottom + 50, area.right - area.left);
  body += l.svg;
  return svgRoot({ id: spec.id, title: spec.title, desc: spec.desc, width, height: area.bottom + 50 + l.height + 2 }, body, marks);
}
