/**
 * Pipeline timeline: one row per layer, a bar from the layer's first to its last activity within one inference.
 * The bottleneck layer (the busiest, which sets the streaming period) is outlined and labelled.
 */
import { bottomAxis, legend } from "./axes.ts";
import { linearScale } from "./scale.ts";
import { clip, el, svgRoot, text, tooltip, type SvgMarkup } from "./svg.ts";
import { ACCENT, INK } from "./palette.ts";

export interface GanttRow {
  label: string;
  startNs: number;
  endNs: number;
  busyNs: number;
  color: string;
  /** What limits the layer (e.g. "mvm/adc", "transfer"). */
  limitedBy: string;
  bottleneck: boolean;
}

export interface GanttSpec {
  id: string;
  title: string;
  desc: string;
  rows: readonly GanttRow[];
  width?: number;
}

const ROW = 15;

/** Time unit for the axis: µs up to 10 ms, ms beyond. */
function timeUnit(maxNs: number): { div: number; unit: string } {
  return maxNs > 1e7 ? { div: 1e6, unit: "ms" } : { div: 1e3, unit: "µs" };
}

export function ganttChart(spec: GanttSpec): SvgMarkup {
  const width = spec.width ?? 900;
  const labelChars = Math.min(28, Math.max(6, ...spec.rows.map((r) => r.label.length)));
  const left = 12 + labelChars * 6.6;
  const top = 10;
  const area = { left, top, right: width - 90, bottom: top + Math.max(1, spec.rows.length) * ROW };
  const maxNs = Math.max(1, ...spec.rows.map((r) => r.endNs));
  const { div, unit } = timeUnit(maxNs);
  const scale = linearScale(0, maxNs / div, [area.left, area.right], 8);
  let body = bottomAxis(scale, area, `time within one inference (${unit})`);
  spec.rows.forEach((r, i) => {
    const y = top + i * ROW;
    const x0 = scale(r.startNs / div);
    const x1 = scale(r.endNs / div);
    const fmt = (ns: number) => `${(ns / div).toPrecision(4)} ${unit}`;
    body += text(left - 6, y + ROW * 0.7, clip(r.label, labelChars), { "text-anchor": "end", fill: r.bottleneck ? ACCENT : INK, "font-weight": r.bottleneck ? "700" : undefined });
    body += el(
      "rect",
      {
        class: r.bottleneck ? "mark bottleneck" : "mark",
        x: x0,
        y: y + 2,
        width: Math.max(1, x1 - x0),
        height: ROW - 4,
        fill: r.color,
        stroke: r.bottleneck ? ACCENT : undefined,
        "stroke-width": r.bottleneck ? 2 : undefined,
      },
      tooltip(`${r.label}: ${fmt(r.startNs)} to ${fmt(r.endNs)}, busy ${fmt(r.busyNs)}, limited by ${r.limitedBy}${r.bottleneck ? "; bottleneck (sets the period)" : ""}`),
    );
    body += text(Math.min(x1, area.right) + 4, y + ROW * 0.7, r.bottleneck ? `${r.limitedBy} ◀ bottleneck` : r.limitedBy, {
      fill: r.bottleneck ? ACCENT : "#666",
      "font-size": 9,
    });
  });
  const l = legend([{ label: "bottleneck layer (busiest; sets the streaming period)", color: ACCENT, shape: "line" }], left, area.bottom + 50, width - left - 10);
  body += l.svg;
  return svgRoot({ id: spec.id, title: spec.title, desc: spec.desc, width, height: area.bottom + 50 + l.height }, body, spec.rows.length);
}
