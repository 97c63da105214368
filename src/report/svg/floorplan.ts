/**
 * Macro floorplan on the NoC mesh: one square per mesh position (row-major), filled in the colour of the layer
 * whose weights it holds, hatched when a later layer shares it (inter-layer ADC reuse), dashed when empty.
 */
import { legend } from "./axes.ts";
import { el, svgRoot, text, tooltip, type SvgMarkup } from "./svg.ts";
import { INK, MUTED } from "./palette.ts";

export interface FloorplanCell {
  /** Row-major mesh index. */
  index: number;
  color: string;
  /** Short label drawn in the cell (layer number). */
  label: string;
  tooltip: string;
  shared: boolean;
}

export interface FloorplanSpec {
  id: string;
  title: string;
  desc: string;
  meshRows: number;
  meshCols: number;
  cells: readonly FloorplanCell[];
  width?: number;
}

export function floorplanChart(spec: FloorplanSpec): SvgMarkup {
  const width = spec.width ?? 720;
  const left = 34;
  const top = 22;
  const size = Math.max(10, Math.min(46, Math.floor((width - left - 10) / spec.meshCols)));
  const gridW = size * spec.meshCols;
  const gridH = size * spec.meshRows;
  const hatchId = `${spec.id}-hatch`;
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
    const inner =
      tooltip(cell.tooltip) +
      el("rect", { x: x + 1, y: y + 1, width: size - 2, height: size - 2, fill: cell.color, stroke: cell.shared ? INK : "#fff", "stroke-width": cell.shared ? 2 : 1 }) +
      (cell.shared ? el("rect", { x: x + 1, y: y + 1, width: size - 2, height: size - 2, fill: `url(#${hatchId})` }) : "") +
      (size >= 18
        ? text(x + size / 2, y + size / 2 + 3.5, cell.label, {
            "text-anchor": "middle",
            fill: "#fff",
            "font-size": Math.min(11, size / 3, (size * 1.5) / Math.max(1, cell.label.length)),
            "font-weight": "600",
            // A dark halo behind white text keeps it legible on light layer colours and over the hatching.
            stroke: "#000",
            "stroke-opacity": 0.55,
            "stroke-width": 2.2,
            "paint-order": "stroke",
          })
        : "");
    cells += el("g", { class: cell.shared ? "mark shared" : "mark" }, inner);
  }
  body += cells;
  const l = legend(
    [
      { label: "macro, coloured by its layer (number = layer # in the table)", color: "#888" },
      { label: "shared by a later layer (ADC reuse), labelled owner+sharer", color: INK, shape: "hatch", patternId: hatchId },
      { label: "empty mesh position", color: MUTED, shape: "dashed" },
    ],
    left,
    top + gridH + 18,
    Math.max(gridW, 420),
  );
  body += l.svg;
  const w = Math.max(left + gridW + 10, left + 440);
  return svgRoot({ id: spec.id, title: spec.title, desc: spec.desc, width: w, height: top + gridH + 18 + l.height }, body, spec.cells.length);
}
