/** SA and EA convergence charts from traces.json; the chosen design's outer point is drawn in the accent colour. */
import type { RunData } from "../load-run.ts";
import { lineChart, type LineSeries } from "../svg/line.ts";
import { ACCENT, MUTED, seriesColor } from "../svg/palette.ts";
import type { SvgMarkup } from "../svg/svg.ts";
import { chosenPoint } from "./explore.ts";

/** At most this many thin series per chart (evenly sampled, deterministic); emphasised ones are always kept. */
export const MAX_SERIES = 150;

function sample<T>(items: readonly T[], keep: (t: T) => boolean): { kept: T[]; dropped: number } {
  const plainCount = items.filter((t) => !keep(t)).length;
  const step = Math.max(1, Math.ceil(plainCount / MAX_SERIES));
  let k = 0;
  const kept = items.filter((t) => keep(t) || k++ % step === 0);
  return { kept, dropped: items.length - kept.length };
}

export function saChart(run: RunData): { chart: SvgMarkup; dropped: number } | null {
  const sa = run.traces?.sa;
  if (!sa || sa.length === 0) return null;
  const chosen = chosenPoint(run);
  const { kept, dropped } = sample(sa, (s) => s.point === chosen);
  const series: LineSeries[] = [];
  for (const s of kept) {
    const mine = s.point === chosen;
    series.push({
      name: `outer point ${s.point}: best energy`,
      points: s.levels.map((l, i) => ({ x: i, y: l.bestEnergy ?? NaN })),
      color: mine ? ACCENT : seriesColor(0),
      emphasis: mine,
    });
    if (mine)
      series.push({
        name: `outer point ${s.point}: mean energy of the chains`,
        points: s.levels.map((l, i) => ({ x: i, y: l.meanEnergy ?? NaN })),
        color: ACCENT,
        emphasis: true,
        dashed: true,
      });
  }
  const chart = lineChart({
    id: "sa-convergence",
    title: "Simulated annealing: duplication filter",
    desc: `Best proxy energy per temperature level for ${kept.length} outer points; the chosen design's point in red.`,
    series,
    xLabel: "temperature level (cooling →)",
    yLabel: "proxy energy (lower is better)",
    integerX: true,
    legend: [
      { label: "best energy so far, one line per outer point", color: seriesColor(0), shape: "line" },
      { label: `chosen design's point${chosen === null ? "" : ` (${chosen})`}: best`, color: ACCENT, shape: "line" },
      { label: "its chains' mean energy", color: ACCENT, shape: "dashed" },
    ],
  });
  return { chart, dropped };
}

export function eaChart(run: RunData): { chart: SvgMarkup; dropped: number } | null {
  const ea = run.traces?.ea;
  if (!ea || ea.length === 0) return null;
  const chosen = chosenPoint(run);
  const { kept, dropped } = sample(ea, (e) => e.point === chosen);
  const series: LineSeries[] = kept.map((e) => ({
    name: `outer point ${e.point}, SA candidate ${e.candidate}, ${e.dacBits}-bit DAC: best`,
    points: e.generations.map((g) => ({ x: g.generation, y: g.best ?? NaN })),
    color: e.point === chosen ? ACCENT : MUTED,
    emphasis: e.point === chosen,
  }));
  const chart = lineChart({
    id: "ea-convergence",
    title: "Evolutionary partitioning: best efficiency per generation",
    desc: `Best analytic GOPS/W per generation for ${kept.length} evolved candidates; the chosen design's point in red.`,
    series,
    xLabel: "generation",
    yLabel: "best efficiency (GOPS/W)",
    integerX: true,
    legend: [
      { label: "one line per evolved (SA candidate, DAC) pair", color: MUTED, shape: "line" },
      { label: `chosen design's point${chosen === null ? "" : ` (${chosen})`}`, color: ACCENT, shape: "line" },
    ],
  });
  return { chart, dropped };
}
