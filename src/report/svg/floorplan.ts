/**
 * Macro floorplan on the NoC mesh: one slot per mesh position (row-major). When every macro's crossbar count is
 * known, each macro is a square centred in its slot whose area is to scale (the largest macro fills its slot);
 * otherwise every macro fills its slot and the chart says it is a mesh map, not to scale. Macros are filled in
 * their group's colour (the layer holding their weights, or a shared pair: hatched, with a colour of its own so
 * two shared pairs never look alike), empty positions are dashed. A legend lists every group with its values.
 */
import { el, svgRoot, text, tooltip, type SvgMarkup } from "./svg.ts";
import { INK, MUTED } from "./palette.ts";
import { fmtInt } from "../format.ts";

export interface FloorplanCell {
  /** Row-major mesh index. */
  index: number;
  /** Index into `groups`. */
  group: number;
  /** Crossbars in this macro; null if unknown (then no cell is drawn to scale). */
  crossbars: number | null;
  tooltip: string;
}

export interface FloorplanGroup {
  color: string;
  /** Short label drawn in the cells that have room (layer numbers, e.g. "7+21"). */
  label: string;
  /** Legend text with the group's values. */
  legend: string;
  /** Shared by a later layer (inter-layer ADC reuse): hatched. */
  shared: boolean;
}

export interface FloorplanSpec {
  id: string;
  title: string;
  desc: string;
  meshRows: number;
  meshCols: number;
  groups: readonly FloorplanGroup[];
  cells: readonly FloorplanCell[];
  width?: number;
}

const LEGEND_ROW = 16;

export function floorplanChart(spec: FloorplanSpec): SvgMarkup {
  const width = spec.width ?? 900;
  const left = 34;
  const top = 22;
  const size = Math.max(10, Math.min(52, Math.floor((width - left - 10) / spec.meshCols)));
  const gridW = size * spec.meshCols;
  const gridH = size * spec.meshRows;
  const hatchId = `${spec.id}-hatch`;
  const known = spec.cells.map((c) => c.crossbars);
  const scaled = spec.cells.length > 0 && known.every((n) => n !== null && n > 0);
  const maxCrossbars = scaled ? Math.max(...(known as number[])) : 0;
  /** Side of a macro's square: area ∝ crossbars, the largest filling its slot (less a 3 px gap). */
  const side = (crossbars: number | null) => (scaled ? Math.max(3, (size - 3) * Math.sqrt((crossbars ?? 0) / maxCrossbars)) : size - 3);
  const hatchRect = (x: number, y: number, s: number) => el("rect", { x, y, width: s, height: s, fill: `url(#${hatchId})` });
  let body = el(
    "defs",
    {},
    el(
      "pattern",
      { id: hatchId, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
      el("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#000", "stroke-width": 2, "stroke-opacity": 0.45 }),
    ),
  );
  for (let c = 0; c < spec.meshCols; c++) body += text(left + c * size + size / 2, top - 6, String(c), { "text-anchor": "middle", fill: MUTED, "font-size": 9 });
  for (let r = 0; r < spec.meshRows; r++) body += text(left - 6, top + r * size + size / 2 + 3, String(r), { "text-anchor": "end", fill: MUTED, "font-size": 9 });
  const byIndex = new Map(spec.cells.map((c) => [c.index, c]));
  let cells = "";
  for (let i = 0; i < spec.meshRows * spec.meshCols; i++) {
    const r = Math.floor(i / spec.meshCols);
    const c = i % spec.meshCols;
    const x = left + c * size;
    const y = top + r * size;
    const cell = byIndex.get(i);
    if (!cell) {
      cells += el("rect", { class: "empty", x: x + 1.5, y: y + 1.5, width: size - 3, height: size - 3, fill: "none", stroke: MUTED, "stroke-dasharray": "3 2" }, tooltip(`mesh position ${i} (row ${r}, column ${c}): no macro`));
      continue;
    }
    const g = spec.groups[cell.group];
    const s = side(cell.crossbars);
    const sx = x + (size - s) / 2;
    const sy = y + (size - s) / 2;
    // A label only where it fits inside the square; the legend names every group.
    const fontSize = Math.min(11, s / 2.2, (s * 1.6) / Math.max(1, g.label.length));
    const inner =
      tooltip(cell.tooltip) +
      el("rect", { x: sx, y: sy, width: s, height: s, fill: g.color, stroke: g.shared ? INK : "#fff", "stroke-width": g.shared ? 1.5 : 1 }) +
      (g.shared ? hatchRect(sx, sy, s) : "") +
      (fontSize >= 7.5
        ? text(sx + s / 2, sy + s / 2 + fontSize / 3, g.label, {
            "text-anchor": "middle",
            fill: "#fff",
            "font-size": fontSize,
            "font-weight": "600",
            // A dark halo behind white text keeps it legible on light colours and over the hatching.
            stroke: "#000",
            "stroke-opacity": 0.55,
            "stroke-width": 2.2,
            "paint-order": "stroke",
          })
        : "");
    cells += el("g", { class: g.shared ? "mark shared" : "mark", "data-group": cell.group }, inner);
  }
  body += cells;
  let y = top + gridH + 20;
  // What the size and the fill mean.
  let key = "";
  if (scaled) {
    const refs = [1, 1 / 4, 1 / 16].map((f) => Math.max(1, Math.round(maxCrossbars * f)));
    const bottom = y + side(maxCrossbars);
    let kx = left;
    key += text(kx, bottom - 2, "square area ∝ crossbars in the macro:", { fill: INK, "font-weight": "600" });
    kx += 250;
    for (const n of refs) {
      const s = side(n);
      key += el("rect", { class: "size-key", x: kx, y: bottom - s, width: s, height: s, fill: "#bbb", stroke: INK, "stroke-width": 0.5 });
      key += text(kx + s + 4, bottom - 2, `${fmtInt(n)} crossbars`, { fill: INK });
      kx += s + 18 + (fmtInt(n).length + 10) * 6.2;
    }
    y = bottom + 12;
  } else {
    key += text(left, y + 4, "mesh map, not to scale: macros' crossbar counts are not in arch.json's hardware tree", { fill: INK, "font-weight": "600" });
    y += 16;
  }
  key += el("rect", { x: left, y: y, width: 11, height: 11, fill: "#bbb", stroke: INK, "stroke-width": 1.5 }) + hatchRect(left, y, 11);
  key += text(left + 16, y + 9, "hatched, dark outline: ADCs shared with a later layer (labelled owner+sharer, layer # as in the per-layer table)", { fill: INK });
  key += el("rect", { x: left + 640, y: y, width: 11, height: 11, fill: "none", stroke: MUTED, "stroke-dasharray": "3 2" });
  key += text(left + 656, y + 9, "empty position", { fill: INK });
  y += 24;
  body += el("g", { class: "legend floorplan-key" }, key);
  // One entry per group, in two columns.
  const cols = 2;
  const colW = (width - left - 10) / cols;
  const rows = Math.ceil(spec.groups.length / cols);
  let entries = "";
  spec.groups.forEach((g, k) => {
    const ex = left + Math.floor(k / rows) * colW;
    const ey = y + (k % rows) * LEGEND_ROW;
    entries += el("rect", { x: ex, y: ey, width: 11, height: 11, fill: g.color, stroke: g.shared ? INK : "none", "stroke-width": 1.5 });
    if (g.shared) entries += hatchRect(ex, ey, 11);
    entries += text(ex + 16, ey + 9.5, g.legend, { class: "group-label", fill: INK, "font-size": 10.5 });
  });
  body += el("g", { class: "legend floorplan-groups" }, entries);
  const height = y + rows * LEGEND_ROW + 4;
  return svgRoot({ id: spec.id, title: spec.title, desc: spec.desc, width: Math.max(left + gridW + 10, width), height }, body, spec.cells.length);
}
