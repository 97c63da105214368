/** Axes with ticks, grid lines, tick labels and a unit-bearing axis label. */
import type { Scale } from "./scale.ts";
import { tickLabel } from "./scale.ts";
import { el, text } from "./svg.ts";
import { GRID, INK } from "./palette.ts";

export interface PlotArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Horizontal axis along the bottom of the plot area, with vertical grid lines. */
export function bottomAxis(scale: Scale, area: PlotArea, label: string): string {
  let out = el("line", { class: "axis-x", x1: area.left, y1: area.bottom, x2: area.right, y2: area.bottom, stroke: INK });
  for (const t of scale.ticks) {
    const x = scale(t);
    out += el("line", { x1: x, y1: area.top, x2: x, y2: area.bottom, stroke: GRID });
    out += el("line", { x1: x, y1: area.bottom, x2: x, y2: area.bottom + 4, stroke: INK });
    out += text(x, area.bottom + 15, tickLabel(t), { "text-anchor": "middle", fill: INK });
  }
  out += text((area.left + area.right) / 2, area.bottom + 32, label, { "text-anchor": "middle", fill: INK, "font-weight": "600" });
  return out;
}

/** Vertical axis along the left of the plot area, with horizontal grid lines and a rotated label. */
export function leftAxis(scale: Scale, area: PlotArea, label: string): string {
  let out = el("line", { class: "axis-y", x1: area.left, y1: area.top, x2: area.left, y2: area.bottom, stroke: INK });
  for (const t of scale.ticks) {
    const y = scale(t);
    out += el("line", { x1: area.left, y1: y, x2: area.right, y2: y, stroke: GRID });
    out += el("line", { x1: area.left - 4, y1: y, x2: area.left, y2: y, stroke: INK });
    out += text(area.left - 7, y + 4, tickLabel(t), { "text-anchor": "end", fill: INK });
  }
  const cy = (area.top + area.bottom) / 2;
  out += text(14, cy, label, { "text-anchor": "middle", fill: INK, "font-weight": "600", transform: `rotate(-90 14 ${cy.toFixed(2)})` });
  return out;
}

export interface LegendEntry {
  label: string;
  color: string;
  /** swatch shape */
  shape?: "rect" | "circle" | "line" | "dashed" | "hatch" | "diamond";
  /** For "hatch": the id of the chart's own pattern element (ids must be unique on the page). */
  patternId?: string;
}

/** A one-row (wrapping) legend starting at (x, y); returns markup and the height used. */
export function legend(entries: readonly LegendEntry[], x: number, y: number, maxWidth: number): { svg: string; height: number } {
  let cx = x;
  let cy = y;
  let out = "";
  for (const e of entries) {
    const w = 22 + e.label.length * 6.2;
    if (cx + w > x + maxWidth && cx > x) {
      cx = x;
      cy += 16;
    }
    out += swatch(e, cx, cy);
    out += text(cx + 16, cy + 4, e.label, { fill: INK });
    cx += w + 10;
  }
  return { svg: el("g", { class: "legend" }, out), height: cy - y + 16 };
}

function swatch(e: LegendEntry, x: number, y: number): string {
  switch (e.shape ?? "rect") {
    case "circle":
      return el("circle", { cx: x + 5, cy: y, r: 4, fill: e.color });
    case "line":
      return el("line", { x1: x, y1: y, x2: x + 12, y2: y, stroke: e.color, "stroke-width": 2.5 });
    case "dashed":
      return el("line", { x1: x, y1: y, x2: x + 12, y2: y, stroke: e.color, "stroke-width": 2, "stroke-dasharray": "3 2" });
    case "hatch":
      return el("rect", { x, y: y - 5, width: 11, height: 11, fill: `url(#${e.patternId ?? "hatch"})`, stroke: e.color, "stroke-width": 1.5 });
    case "diamond":
      return el("path", { d: `M${x + 5} ${y - 6}L${x + 11} ${y}L${x + 5} ${y + 6}L${x - 1} ${y}Z`, fill: e.color });
    default:
      return el("rect", { x, y: y - 5, width: 11, height: 11, fill: e.color });
  }
}
