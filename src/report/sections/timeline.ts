/** Pipeline timeline: traces.json's per-layer timeline (metrics.json's layer rows when traces.json is absent). */
import type { RunData } from "../load-run.ts";
import { ganttChart } from "../svg/gantt.ts";
import { layerColor } from "../svg/palette.ts";
import type { SvgMarkup } from "../svg/svg.ts";
import { layerIndex } from "./layers.ts";

export function timeline(run: RunData): { chart: SvgMarkup; source: string } {
  const mp = run.metrics.design.mapping;
  const index = layerIndex(run);
  const rows = run.traces
    ? run.traces.timeline.map((t) => ({ label: t.layer, startNs: t.startNs, endNs: t.endNs, busyNs: t.busyNs, limitedBy: t.bottleneck }))
    : mp.layers.map((l) => ({ label: l.name, startNs: l.startNs, endNs: l.endNs, busyNs: l.busyNs, limitedBy: l.bottleneck }));
  const chart = ganttChart({
    id: "timeline",
    title: "Pipeline timeline of one inference",
    desc: `Start and end of each of ${rows.length} layers within one inference; the bottleneck layer ${mp.bottleneckLayer} is outlined.`,
    rows: rows.map((r, i) => ({ ...r, color: layerColor(index.get(r.label) ?? i), bottleneck: r.label === mp.bottleneckLayer })),
  });
  return { chart, source: run.traces ? "traces.json" : "metrics.json (this run has no traces.json)" };
}
