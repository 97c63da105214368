/**
 * Scheduling: schedule.json (written by `pimsyn schedule <model> --arch <run>/arch.json`, CLSA-CIM reconstructed,
 * docs/scheduling.md): the cross-layer makespan against layer-by-layer on the same mapping and the one-copy
 * baseline, utilisation, the run's settings, and a per-layer Gantt of both policies. Only schedule.json is read;
 * trace.json beside it is only pointed at (it can hold hundreds of thousands of events).
 */
import type { Policy, ScheduleResult } from "../../methods/clsa/types.ts";
import { SCHEDULE_TRACE_FILE, type RunData } from "../load-run.ts";
import { fileSize, fmtInt, fmtNum, timeNs } from "../format.ts";
import { laneGanttChart, type GanttLane } from "../svg/gantt.ts";
import { seriesColor } from "../svg/palette.ts";
import type { SvgMarkup } from "../svg/svg.ts";
import type { Item } from "../table.ts";

export interface ScheduleView {
  items: Item[];
  /** Null when schedule.json holds no policy run (nothing to draw). */
  chart: SvgMarkup | null;
  /** Things the reader must know before trusting the figures (another network or chip than the run's). */
  notes: string[];
  /** Where trace.json is and how to open it, or that there is none. */
  trace: string;
}

/** Fixed policy order and colours, so both policies look the same in every report. */
const POLICIES: readonly { policy: Policy; key: "crossLayer" | "layerByLayer"; color: string }[] = [
  { policy: "cross-layer", key: "crossLayer", color: seriesColor(0) },
  { policy: "layer-by-layer", key: "layerByLayer", color: seriesColor(1) },
];

const GRANULARITY: Record<ScheduleResult["options"]["granularity"], string> = {
  row: "one output-feature-map row per set",
  block: "one MVM step of all of a layer's copies per set",
  layer: "the whole layer per set (cross-layer then equals layer-by-layer)",
};

function duplicationHow(s: ScheduleResult): string {
  const m = s.mapping;
  const used = `${fmtInt(m.crossbarsUsed)} of the chip's ${fmtInt(s.arch.crossbars)} crossbars hold weights (one copy of every layer: ${fmtInt(m.minCrossbars)})`;
  switch (s.options.duplication) {
    case "keep":
      return `the weight copies of the run's mapping (arch.json); ${used}`;
    case "none":
      return `one weight copy per layer; ${used}`;
    case "greedy":
      return `CLSA-CIM's greedy pass: one more copy to the slowest crossbar layer while it fits the chip; ${used}`;
    case "explicit":
      return `a duplication vector passed from code; ${used}`;
  }
}

/** Crossbar busy time summed over crossbars: a crossbar-time product, e.g. "2.098 crossbar·s". */
const crossbarTime = (ns: number) => {
  const t = timeNs(ns);
  return `${t.value} crossbar·${t.unit}`;
};
/**
 * A utilisation as a percentage with 3 significant digits: one-copy baselines use well under 0.05 % of a large
 * chip's crossbar-time, which a fixed one-decimal format would print as "0.0".
 */
export const utilPct = (f: number) => fmtNum(f * 100, 3);

export function scheduleItems(s: ScheduleResult): Item[] {
  const items: Item[] = [];
  const run = (p: Policy) => s.runs.find((r) => r.policy === p);
  const cl = run("cross-layer");
  const lbl = run("layer-by-layer");
  const b = s.baseline;
  if (cl) {
    const t = timeNs(cl.makespanNs);
    items.push({
      id: "sched-cross-layer",
      label: "Cross-layer makespan",
      ...t,
      how: "end of the last set of one inference in the ASAP list schedule of the set graph: a set starts when the producer sets it reads are done (+ transfer) and its copy is free",
    });
  }
  if (lbl) {
    const t = timeNs(lbl.makespanNs);
    items.push({
      id: "sched-layer-by-layer",
      label: "Layer-by-layer makespan",
      ...t,
      how: "the same sets and weight copies, but a layer starts only after every set of every producer layer has finished",
    });
  }
  if (b) {
    const t = timeNs(b.makespanNs);
    items.push({
      id: "sched-baseline",
      label: "No-duplication baseline",
      ...t,
      how:
        `layer-by-layer with one weight copy per layer (${fmtInt(b.crossbarsUsed)} crossbars), CLSA-CIM's state-of-the-art baseline; ` +
        `crossbar utilisation ${utilPct(b.mappedUtilisation)} % of the ${fmtInt(b.crossbarsUsed)} crossbars it uses, ${utilPct(b.utilisation)} % of the chip's ${fmtInt(s.arch.crossbars)} ` +
        "(Σ crossbar busy time ÷ (crossbars × makespan), as below)",
    });
  }
  if (s.speedup !== undefined)
    items.push({
      id: "sched-speedup",
      label: "Cross-layer speedup",
      value: `× ${fmtNum(s.speedup, 3)}`,
      unit: "",
      how: "layer-by-layer makespan ÷ cross-layer makespan, on the same chip, sets and weight copies",
    });
  if (b) {
    const best = s.runs.length ? s.runs.reduce((x, y) => (y.makespanNs < x.makespanNs ? y : x)).policy : "this run";
    items.push({
      id: "sched-baseline-speedup",
      label: "Speedup over the baseline",
      value: `× ${fmtNum(b.speedup, 3)}`,
      unit: "",
      how: `baseline makespan ÷ the faster policy's (${best}): duplication and scheduling together; utilisation × ${fmtNum(b.utilisationGain, 3)} (× ${fmtNum(b.mappedUtilisationGain, 3)} over the crossbars each mapping uses)`,
    });
  }
  const ran = POLICIES.map((p) => run(p.policy)).filter((r) => r !== undefined);
  if (ran.length)
    items.push({
      id: "sched-utilisation",
      label: "Crossbar utilisation",
      value: ran.map((r) => utilPct(r.utilisation)).join(" / "),
      unit: `% (${ran.map((r) => r.policy).join(" / ")})`,
      how:
        `Σ crossbar busy time (output pixels × t_MVM × crossbars per copy: ${crossbarTime(s.mapping.crossbarBusyNs)}) ÷ (${fmtInt(s.arch.crossbars)} crossbars on the chip × makespan); ` +
        `over the ${fmtInt(s.mapping.crossbarsUsed)} crossbars holding weights: ${ran.map((r) => `${utilPct(r.mappedUtilisation)} %`).join(" / ")}`,
    });
  items.push({
    id: "sched-granularity",
    label: "Set granularity",
    value: s.options.granularity,
    unit: "",
    how: `${GRANULARITY[s.options.granularity]}: ${fmtInt(s.sets)} sets with ${fmtInt(s.dependencies)} dependencies (producer sets each set waits for)`,
  });
  items.push({
    id: "sched-transfer",
    label: "Transfer latency",
    value: fmtNum(s.options.transferNs),
    unit: "ns per edge",
    how: "added to every dependency edge into a computing layer (route layers forward in place); CLSA-CIM uses 0",
  });
  items.push({ id: "sched-duplication", label: "Duplication source", value: s.options.duplication, unit: "", how: duplicationHow(s) });
  const t = timeNs(s.timing.mvmRoundNs);
  items.push({
    id: "sched-mvm",
    label: "MVM round (t_MVM)",
    ...t,
    how:
      `one output pixel on one copy: ${s.timing.bitIterations} input-bit iterations (activation bits ÷ DAC bits) × ${fmtNum(s.timing.crossbarReadNs)} ns crossbar read` +
      (s.options.gpeuNsPerSet === undefined ? "" : `; non-MVM sets take a fixed ${fmtNum(s.options.gpeuNsPerSet)} ns each (--gpeu-ns)`),
  });
  return items;
}

/** One row per computing layer (route layers forward in place), one lane per policy that ran. */
export function scheduleGantt(s: ScheduleResult): SvgMarkup | null {
  const present = POLICIES.filter((p) => s.runs.some((r) => r.policy === p.policy));
  if (present.length === 0) return null;
  const lanes: GanttLane[] = present.map((p) => ({ name: p.policy, color: p.color, makespanNs: s.runs.find((r) => r.policy === p.policy)!.makespanNs }));
  const layers = s.layers.filter((l) => l.role !== "route");
  const rows = layers.map((l) => {
    const note = l.role === "mvm" ? `${fmtInt(l.copies)} cop${l.copies === 1 ? "y" : "ies"}, ${fmtInt(l.sets)} sets` : `GPEU, ${fmtInt(l.sets)} sets`;
    return { label: l.name, spans: present.map((p) => (l[p.key] ? { ...l[p.key]!, note } : null)) };
  });
  return laneGanttChart({
    id: "schedule-gantt",
    title: "Per-layer schedule: cross-layer against layer-by-layer",
    desc: `Start and end of each of ${layers.length} computing layers within one inference under ${present.map((p) => p.policy).join(" and ")} scheduling, with each policy's makespan.`,
    lanes,
    rows,
  });
}

export function scheduleNotes(run: RunData, s: ScheduleResult): string[] {
  const notes: string[] = [];
  const net = run.metrics.inputs.network;
  if (s.network.hash !== net.hash)
    notes.push(
      `schedule.json schedules the network ${s.network.name} (hash ${s.network.hash.slice(0, 10)}), not this run's ${net.name} (hash ${net.hash.slice(0, 10)}): its figures describe that network on this chip.`,
    );
  if (s.arch.name !== run.arch.name)
    notes.push(`schedule.json was computed on the architecture "${s.arch.name}", not this run's "${run.arch.name}".`);
  if (s.arch.preset !== run.metrics.inputs.preset.name)
    notes.push(`schedule.json used the preset "${s.arch.preset}", not this run's "${run.metrics.inputs.preset.name}".`);
  return notes;
}

export function scheduleTraceText(run: RunData, s: ScheduleResult): string {
  if (run.scheduleTraceBytes === undefined)
    return `No ${SCHEDULE_TRACE_FILE} beside schedule.json (pimsyn schedule writes one with it unless it only printed --json).`;
  const drawn = s.runs[0]?.policy ?? "scheduled";
  return (
    `${SCHEDULE_TRACE_FILE} (${fileSize(run.scheduleTraceBytes)}) beside schedule.json holds the per-set tasks of the ${drawn} schedule (at most --trace-limit), one track per weight copy: ` +
    "open it in ui.perfetto.dev (Open trace file; the trace is read inside the browser) or chrome://tracing."
  );
}

export function scheduleSection(run: RunData): ScheduleView | null {
  const s = run.schedule;
  if (!s) return null;
  return { items: scheduleItems(s), chart: scheduleGantt(s), notes: scheduleNotes(run, s), trace: scheduleTraceText(run, s) };
}
