/**
 * A schedule as a Chrome / Perfetto trace (the JSON "Trace Event Format"): one complete event (ph "X") per
 * task, ts and dur in µs, pid = 1 + layer index (one process per layer, named after it; some viewers treat
 * pid 0 specially), tid = copy (one thread per crossbar copy, or the layer's GPEU lane). Opens in
 * ui.perfetto.dev and chrome://tracing.
 */
import type { NetworkModel } from "../../mapping/layer-model.ts";
import type { PolicyRun } from "./asap.ts";

export interface TraceEvent {
  name: string;
  ph: "X" | "M";
  pid: number;
  tid?: number;
  ts?: number;
  dur?: number;
  cat?: string;
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: "ns";
  otherData: { network: string; policy: string; makespanNs: number; tasks: number; droppedTasks: number };
}

export function chromeTrace(model: NetworkModel, networkName: string, run: PolicyRun, copies: readonly number[]): ChromeTrace {
  const events: TraceEvent[] = [];
  const log = run.tasks;
  const seen = model.layers.map(() => new Set<number>());
  if (log) for (let k = 0; k < log.count; k++) seen[log.layer[k]].add(log.copy[k]);
  model.layers.forEach((L, i) => {
    if (seen[i].size === 0) return;
    const pid = i + 1;
    const what = L.role === "mvm" ? `${copies[i]} cop${copies[i] === 1 ? "y" : "ies"}` : "GPEU";
    events.push({ name: "process_name", ph: "M", pid, args: { name: `${i} ${L.name} (${what})` } });
    events.push({ name: "process_sort_index", ph: "M", pid, args: { sort_index: i } });
    for (const c of [...seen[i]].sort((a, b) => a - b))
      events.push({ name: "thread_name", ph: "M", pid, tid: c, args: { name: L.role === "mvm" ? `copy ${c}` : "GPEU" } });
  });
  if (log) {
    for (let k = 0; k < log.count; k++) {
      const i = log.layer[k];
      events.push({
        name: `set ${log.set[k]}`,
        cat: model.layers[i].role,
        ph: "X",
        pid: i + 1,
        tid: log.copy[k],
        ts: log.startNs[k] / 1e3,
        dur: log.durNs[k] / 1e3,
      });
    }
  }
  return {
    traceEvents: events,
    displayTimeUnit: "ns",
    otherData: {
      network: networkName,
      policy: run.policy,
      makespanNs: run.makespanNs,
      tasks: log?.count ?? 0,
      droppedTasks: log?.dropped ?? 0,
    },
  };
}

/** The trace as JSON text, one event per line (compact: traces run to hundreds of thousands of events). */
export function traceText(trace: ChromeTrace): string {
  const lines = trace.traceEvents.map((e) => JSON.stringify(e));
  return `{"displayTimeUnit":"ns","otherData":${JSON.stringify(trace.otherData)},"traceEvents":[\n${lines.join(",\n")}\n]}\n`;
}
