/**
 * Gantt charts over the time of one inference. `ganttChart`: the pipeline timeline, one row per layer, a bar from
 * the layer's first to its last activity; the bottleneck layer (the busiest, which sets the streaming period) is
 * outlined and labelled. `laneGanttChart`: one row per layer split into lanes, one bar per lane (e.g. the same
 * layer under two scheduling policies), with each lane's makespan drawn as a dashed line.
 */
import { bottomAxis, legend } from "./axes.ts";
import { linearScale, type Scale } from "./scale.ts";
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

/** The layer-name column: as wide as the longest label, clipped at 28 characters. */
function labelColumn(labels: readonly string[]): { labelChars: number; left: number } {
  const labelChars = Math.min(28, Math.max(6, ...labels.map((l) => l.length)));
  return { labelChars, left: 12 + labelChars * 6.6 };
}

/** The time axis from 0 to the latest end: scale in the chosen unit and a formatter for tooltips. */
function timeAxis(maxEndNs: number, range: [number, number]): { scale: Scale; div: number; unit: string; fmt: (ns: number) => string } {
  const maxNs = Math.max(1, maxEndNs);
  const { div, unit } = timeUnit(maxNs);
  return { scale: linearScale(0, maxNs / div, range, 8), div, unit, fmt: (ns: number) => `${(ns / div).toPrecision(4)} ${unit}` };
}

export function ganttChart(spec: GanttSpec): SvgMarkup {
  const width = spec.width ?? 900;
  const { labelChars, left } = labelColumn(spec.rows.map((r) => r.label));
  const top = 10;
  const area = { left, top, right: width - 90, bottom: top + Math.max(1, spec.rows.length) * ROW };
  const { scale, div, unit, fmt } = timeAxis(Math.max(...spec.rows.map((r) => r.endNs)), [area.left, area.right]);
  let body = bottomAxis(scale, area, `time within one inference (${unit})`);
  spec.rows.forEach((r, i) => {
    const y = top + i * ROW;
    const x0 = scale(r.startNs / div);
    const x1 = scale(r.endNs / div);
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

export interface GanttLane {
  /** Shown in the legend and tooltips (e.g. "cross-layer"). */
  name: string;
  color: string;
  /** The lane's end of the whole schedule, drawn as a dashed line labelled with it; null draws none. */
  makespanNs: number | null;
}

export interface LaneSpan {
  startNs: number;
  endNs: number;
  /** Extra tooltip text (copies, sets). */
  note: string;
}

export interface LaneGanttRow {
  label: string;
  /** One entry per lane of the chart; null where the row has no bar in that lane. */
  spans: readonly (LaneSpan | null)[];
}

export interface LaneGanttSpec {
  id: string;
  title: string;
  desc: string;
  lanes: readonly GanttLane[];
  rows: readonly LaneGanttRow[];
  width?: number;
}

const LANE = 8;
const ROW_GAP = 5;
const MARKER_LINE = 12;

/** Rows split into one thin bar per lane; every bar is a mark of class "mark lane-<k>". */
export function laneGanttChart(spec: LaneGanttSpec): SvgMarkup {
  const width = spec.width ?? 900;
  const lanes = Math.max(1, spec.lanes.length);
  const rowH = lanes * LANE + ROW_GAP;
  const { labelChars, left } = labelColumn(spec.rows.map((r) => r.label));
  const markers = spec.lanes.map((l, k) => ({ ...l, k })).filter((l) => l.makespanNs !== null);
  // Makespan labels sit on their own lines above the rows, so two close makespans never overlap.
  const top = 8 + markers.length * MARKER_LINE;
  const area = { left, top, right: width - 30, bottom: top + Math.max(1, spec.rows.length) * rowH };
  const ends = spec.rows.flatMap((r) => r.spans.map((s) => s?.endNs ?? 0));
  const { scale, div, unit, fmt } = timeAxis(Math.max(0, ...ends, ...markers.map((m) => m.makespanNs!)), [area.left, area.right]);
  let body = bottomAxis(scale, area, `time within one inference (${unit})`);
  let marks = 0;
  spec.rows.forEach((r, i) => {
    const y = top + i * rowH;
    body += text(left - 6, y + ROW_GAP / 2 + (lanes * LANE) / 2 + 3.5, clip(r.label, labelChars), { "text-anchor": "end", fill: INK });
    r.spans.forEach((s, k) => {
      if (!s || k >= spec.lanes.length) return;
      const lane = spec.lanes[k];
      const x0 = scale(s.startNs / div);
      const x1 = scale(s.endNs / div);
      marks++;
      body += el(
        "rect",
        { class: `mark lane-${k}`, x: x0, y: y + ROW_GAP / 2 + k * LANE, width: Math.max(1, x1 - x0), height: LANE - 1, fill: lane.color },
        tooltip(`${r.label}, ${lane.name}: ${fmt(s.startNs)} to ${fmt(s.endNs)} (${fmt(s.endNs - s.startNs)})${s.note ? `; ${s.note}` : ""}`),
      );
    });
  });
  markers.forEach((m, j) => {
    const x = scale(m.makespanNs! / div);
    const labelY = 8 + j * MARKER_LINE + 8;
    body += el("line", { class: "makespan", x1: x, y1: labelY + 2, x2: x, y2: area.bottom, stroke: m.color, "stroke-width": 1.5, "stroke-dasharray": "4 3" });
    // Right-aligned at the line when it sits in the right half, so the label stays inside the chart.
    const right = x > (area.left + area.right) / 2;
    body += text(right ? x - 3 : x + 3, labelY, `${m.name} makespan ${fmt(m.makespanNs!)}`, { "text-anchor": right ? "end" : "start", fill: m.color, "font-weight": "600" });
  });
  const l = legend(
    [
      ...spec.lanes.map((lane) => ({ label: lane.name, color: lane.color })),
      ...(markers.length ? [{ label: "makespan (dashed)", color: INK, shape: "dashed" as const }] : []),
    ],
    left,
    area.bottom + 50,
    width - left - 10,
  );
  body += l.svg;
  return svgRoot({ id: spec.id, title: spec.title, desc: spec.desc, width, height: area.bottom + 50 + l.height }, body, marks);
}
