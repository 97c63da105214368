/**
 * Search convergence from traces.json. The SA filter is shown by what an architect can learn from it: how much
 * the annealing lowered each outer point's best proxy energy (relative to its first temperature level, so points
 * whose energies differ by decades share one linear axis) and how the share of accepted moves fell as it cooled.
 * The EA chart ends where the headline does: after the last generation, each finalist's refined design and its
 * value once exactly allocated, built and evaluated. The chosen design's outer point is drawn in the accent colour.
 */
import type { RunData } from "../load-run.ts";
import { fmtNum } from "../format.ts";
import { lineChart, type LineSeries, type TailSeries } from "../svg/line.ts";
import { ACCENT, INK, MUTED, seriesColor } from "../svg/palette.ts";
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

function median(values: readonly number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

const pct = (v: number) => `${fmtNum(v, 3)} %`;

/** The proxy energy's definition and unit, from the run's options (saEnergy). */
function energyName(run: RunData): string {
  return run.metrics.inputs.options.saEnergy === "reference" ? "largest block count (blocks)" : "σ of block counts + α·σ of access volumes (Eq. 4, in blocks)";
}

/** "each level: 10 chains × 100 proposed moves", when the options say. */
function levelText(run: RunData): string {
  const { saChains, saMovesPerLevel } = run.metrics.inputs.options;
  return typeof saChains === "number" && typeof saMovesPerLevel === "number" ? `; each level: ${saChains} chains × ${saMovesPerLevel} proposed moves` : "";
}

export interface SaView {
  energy: SvgMarkup;
  accept: SvgMarkup;
  dropped: number;
  /** What the charts show, in figures: the reduction and the acceptance's fall. */
  summary: string;
}

export function saCharts(run: RunData): SaView | null {
  const sa = run.traces?.sa.filter((s) => s.levels.length > 0);
  if (!sa || sa.length === 0) return null;
  const chosen = chosenPoint(run);
  const { kept, dropped } = sample(sa, (s) => s.point === chosen);
  const first = (s: (typeof sa)[number]) => s.levels[0].bestEnergy ?? NaN;
  /** Best energy as % of the first level's best (NaN where either is missing or the first is 0). */
  const relative = (s: (typeof sa)[number]) => s.levels.map((l, i) => ({ x: i + 1, y: first(s) > 0 && l.bestEnergy !== null ? (l.bestEnergy / first(s)) * 100 : NaN }));
  const energySeries: LineSeries[] = kept.map((s) => ({
    name: `outer point ${s.point}: best energy ${fmtNum(first(s))} → ${fmtNum(s.levels[s.levels.length - 1].bestEnergy ?? NaN)} blocks`,
    points: relative(s),
    color: s.point === chosen ? ACCENT : seriesColor(0),
    emphasis: s.point === chosen,
  }));
  const chosenLabel = `chosen design's point${chosen === null ? "" : ` (${chosen})`}`;
  const energy = lineChart({
    id: "sa-energy",
    title: "Simulated annealing: best proxy energy per outer point, relative to its first level",
    desc: `Best proxy energy so far at each temperature level as a percentage of the first level's, for ${kept.length} outer points; the chosen design's point in red.`,
    series: energySeries,
    xLabel: `temperature level (cooling →${levelText(run)})`,
    yLabel: "best energy (% of level 1)",
    integerX: true,
    height: 280,
    legend: [
      { label: "one line per outer point", color: seriesColor(0), shape: "line" },
      { label: chosenLabel, color: ACCENT, shape: "line" },
    ],
  });
  const levels = Math.max(...sa.map((s) => s.levels.length));
  const medianAccept = Array.from({ length: levels }, (_, i) => ({ x: i + 1, y: median(sa.map((s) => (s.levels[i] ? s.levels[i].acceptRate * 100 : NaN))) }));
  const acceptSeries: LineSeries[] = [
    ...kept.map((s) => ({
      name: `outer point ${s.point}: accepted moves`,
      points: s.levels.map((l, i) => ({ x: i + 1, y: l.acceptRate * 100 })),
      color: s.point === chosen ? ACCENT : MUTED,
      emphasis: s.point === chosen,
    })),
    { name: `median over ${sa.length} outer points`, points: medianAccept, color: INK, emphasis: true, dashed: true },
  ];
  const accept = lineChart({
    id: "sa-accept",
    title: "Simulated annealing: share of proposed moves accepted per temperature level",
    desc: `Accepted moves as a percentage of proposed moves at each temperature level, for ${kept.length} outer points and their median.`,
    series: acceptSeries,
    xLabel: `temperature level (cooling →${levelText(run)})`,
    yLabel: "accepted moves (%)",
    integerX: true,
    yDomain: [0, 100],
    height: 280,
    legend: [
      { label: "one line per outer point", color: MUTED, shape: "line" },
      { label: chosenLabel, color: ACCENT, shape: "line" },
      { label: "median over the outer points", color: INK, shape: "dashed" },
    ],
  });
  // Reduction of the best energy over the run, % of the first level's (points with no finite energy left out).
  const drops = sa.map((s) => 100 - relative(s).at(-1)!.y).filter(Number.isFinite);
  const mine = sa.find((s) => s.point === chosen);
  const mineLast = mine?.levels.at(-1)!.bestEnergy ?? null;
  const firstAccept = medianAccept[0].y;
  const lastAccept = medianAccept[medianAccept.length - 1].y;
  const summary =
    `Proxy energy: ${energyName(run)}.` +
    (drops.length
      ? ` Over ${drops.length} outer points the annealing lowered the best energy by a median ${pct(median(drops))} (from ${pct(Math.min(...drops))} to ${pct(Math.max(...drops))})`
      : " No outer point reached a finite proxy energy") +
    (mine && mineLast !== null && Number.isFinite(first(mine)) ? `; at the chosen design's point ${mine.point}, from ${fmtNum(first(mine))} to ${fmtNum(mineLast)} blocks` : "") +
    (lastAccept < firstAccept / 2
      ? `. Accepted moves fell from a median ${pct(firstAccept)} at the first level to ${pct(lastAccept)} at the last: the chains went from exploring to greedy descent.`
      : `. Accepted moves went from a median ${pct(firstAccept)} at the first level to ${pct(lastAccept)} at the last: the chains were still exploring when the schedule ended.`);
  return { energy, accept, dropped, summary };
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
  // Each finalist continues from its point's best last generation: refined (analytic), then exactly allocated.
  const lastBest = (point: number) => {
    let best: { x: number; y: number } | undefined;
    for (const e of ea)
      if (e.point === point) {
        const g = e.generations.at(-1);
        if (g && g.best !== null && (!best || g.best > best.y)) best = { x: g.generation, y: g.best };
      }
    return best;
  };
  const headline = run.metrics.summary.gopsPerW;
  const tail: TailSeries[] = run.metrics.search.finalists.map((f) => ({
    name:
      `finalist from outer point ${f.point}: refined ${fmtNum(f.analyticGopsPerW)} GOPS/W, ` +
      `after exact allocation${f.exactAllocation ? ` (${f.exactAllocation})` : ""} ${fmtNum(f.gopsPerW)} GOPS/W`,
    color: f.point === chosen ? ACCENT : INK,
    emphasis: f.point === chosen,
    from: lastBest(f.point),
    values: [f.analyticGopsPerW, f.gopsPerW],
    endLabel: f.point === chosen ? `${fmtNum(headline)} GOPS/W (headline)` : undefined,
  }));
  const chart = lineChart({
    id: "ea-convergence",
    title: "Evolutionary partitioning: best efficiency per generation, then refinement and exact allocation",
    desc: `Best analytic GOPS/W per generation for ${kept.length} evolved candidates, then each finalist after refinement and after exact allocation; the chosen design's point in red ends at the headline efficiency.`,
    series,
    xLabel: "generation",
    yLabel: "best efficiency (GOPS/W)",
    integerX: true,
    tail: tail.length ? { labels: ["refined", "exact alloc."], series: tail } : undefined,
    legend: [
      { label: "one line per evolved (SA candidate, DAC) pair", color: MUTED, shape: "line" },
      { label: `chosen design's point${chosen === null ? "" : ` (${chosen})`}`, color: ACCENT, shape: "line" },
      { label: "finalists: refined copies, then exact (MILP) allocation", color: INK, shape: "dashed" },
    ],
  });
  return { chart, dropped };
}
