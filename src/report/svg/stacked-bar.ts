/**
 * 100 % stacked bars: one bar per quantity (peak power, area, energy per inference) or per run, each split by
 * component kind. Quantities with different units share one axis as shares of their own total; the total, with
 * its unit, is printed at the bar's end. Segments too thin to carry a label (alu, router, dac are often under 1 %)
 * are still readable: the legend is a small table, one row per key, with its value in every bar.
 */
import { bottomAxis } from "./axes.ts";
import { linearScale } from "./scale.ts";
import { clip, el, svgRoot, text, tooltip, type SvgMarkup } from "./svg.ts";
import { INK, MUTED } from "./palette.ts";

export interface StackKey {
  key: string;
  label: string;
  color: string;
}

export interface StackedBar {
  label: string;
  /** Total with its unit, e.g. "49.0 W". */
  totalText: string;
  /** key → value; keys absent or zero are not drawn. */
  values: Record<string, number>;
  /** value → text with unit, for tooltips. */
  valueText: (v: number) => string;
}

export interface StackedBarSpec {
  id: string;
  title: string;
  desc: string;
  keys: readonly StackKey[];
  bars: readonly StackedBar[];
  /**
   * Absent: each bar is split as shares of its own total (quantities with different units side by side). Given:
   * one absolute axis with this label and unit (bars of the same quantity, e.g. runs' peak power in W).
   */
  absoluteAxis?: string;
  width?: number;
}

const ROW = 26;

export function stackedBarChart(spec: StackedBarSpec): SvgMarkup {
  const width = spec.width ?? 900;
  const labelChars = Math.min(26, Math.max(6, ...spec.bars.map((b) => b.label.length)));
  const left = 12 + labelChars * 6.6;
  const top = 10;
  const area = { left, top, right: width - 90, bottom: top + Math.max(1, spec.bars.length) * ROW };
  const sum = (b: StackedBar) => spec.keys.reduce((s, k) => s + Math.max(0, b.values[k.key] ?? 0), 0);
  const absolute = spec.absoluteAxis !== undefined;
  const scale = linearScale(0, absolute ? Math.max(0, ...spec.bars.map(sum)) : 100, [area.left, area.right]);
  let body = bottomAxis(scale, area, spec.absoluteAxis ?? "share of the total (%)");
  let marks = 0;
  spec.bars.forEach((b, i) => {
    const y = top + i * ROW;
    body += text(left - 6, y + ROW * 0.62, clip(b.label, labelChars), { "text-anchor": "end", fill: INK });
    const total = sum(b);
    // Position along the axis: a share of this bar's total, or the absolute value.
    const at = (v: number) => scale(absolute ? v : (v / total) * 100);
    let acc = 0;
    for (const k of spec.keys) {
      const v = Math.max(0, b.values[k.key] ?? 0);
      if (!(v > 0) || !(total > 0)) continue;
      const x0 = at(acc);
      const x1 = at(acc + v);
      acc += v;
      marks++;
      const pct = (v / total) * 100;
      body += el(
        "rect",
        { class: "mark", "data-key": k.key, "data-bar": i, x: x0, y: y + 4, width: Math.max(0.5, x1 - x0), height: ROW - 8, fill: k.color, stroke: "#fff", "stroke-width": 0.5 },
        tooltip(`${b.label}, ${k.label}: ${b.valueText(v)} (${pct.toFixed(1)} %)`),
      );
      if (x1 - x0 > 34) body += text((x0 + x1) / 2, y + ROW * 0.62, `${pct.toFixed(0)}%`, { "text-anchor": "middle", fill: "#fff", "font-size": 10 });
    }
    body += text((absolute ? at(total) : area.right) + 6, y + ROW * 0.62, b.totalText, { fill: INK, "font-size": 10 });
  });
  const l = legendTable(spec, left, area.bottom + 46, width);
  body += l.svg;
  return svgRoot({ id: spec.id, title: spec.title, desc: spec.desc, width, height: area.bottom + 46 + l.height + 4 }, body, marks);
}

const LEGEND_ROW = 15;

/**
 * The legend as a table: a header with each bar's label, then per key its swatch, its name and its value in each
 * bar (a share of that bar's total, or the absolute value), "—" where the bar has none.
 */
function legendTable(spec: StackedBarSpec, x: number, y: number, width: number): { svg: string; height: number } {
  const absolute = spec.absoluteAxis !== undefined;
  const nameW = 24 + Math.min(30, Math.max(...spec.keys.map((k) => k.label.length))) * 6.2;
  const colW = Math.max(60, Math.min(130, (width - x - nameW - 10) / Math.max(1, spec.bars.length)));
  const headerChars = Math.floor((colW - 12) / 6.5);
  let out = "";
  spec.bars.forEach((b, j) => {
    out += text(x + nameW + (j + 1) * colW - 6, y, clip(b.label, headerChars), { "text-anchor": "end", fill: MUTED, "font-size": 10 });
  });
  spec.keys.forEach((k, i) => {
    const cy = y + (i + 1) * LEGEND_ROW;
    out += el("rect", { x, y: cy - 9, width: 11, height: 11, fill: k.color });
    out += text(x + 16, cy, clip(k.label, 30), { fill: INK });
    spec.bars.forEach((b, j) => {
      const total = spec.keys.reduce((s, kk) => s + Math.max(0, b.values[kk.key] ?? 0), 0);
      const v = Math.max(0, b.values[k.key] ?? 0);
      const shown = !(v > 0) ? "—" : absolute ? b.valueText(v) : `${shareText((v / total) * 100)} %`;
      out += text(x + nameW + (j + 1) * colW - 6, cy, shown, { class: "legend-value", "data-key": k.key, "data-bar": j, "text-anchor": "end", fill: INK, "font-variant-numeric": "tabular-nums" });
    });
  });
  return { svg: el("g", { class: "legend legend-table" }, out), height: (spec.keys.length + 1) * LEGEND_ROW };
}

/** A share in %: one decimal, or two significant digits below 0.1 % so a thin segment never reads "0.0". */
export function shareText(pct: number): string {
  if (pct >= 0.1) return pct.toFixed(1);
  return Number(pct.toPrecision(2)).toString();
}
