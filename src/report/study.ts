/**
 * The study report (`pimsyn sweep`, `pimsyn study <dir>`): per network × preset, the designs of every budget and
 * seed in the GOPS/W–TOPS plane with their front, the four-objective Pareto front (GOPS/W, TOPS, area, latency) as a
 * table whose rows link to each design's own run report, and efficiency against the budget. Reads study.json and
 * study.jsonl only (the index already holds each job's headline metrics).
 */
import { groupFronts } from "../study/aggregate.ts";
import type { IndexLine, StudyFile } from "../study/layout.ts";
import { renderTemplate } from "./engine.ts";
import { fmtInt, fmtNum, fmtPct, joinQ, timeNs } from "./format.ts";
import { paretoFront } from "./pareto.ts";
import { lineChart } from "./svg/line.ts";
import { seriesColor } from "./svg/palette.ts";
import { scatterChart } from "./svg/scatter.ts";
import { table } from "./table.ts";
import { chart } from "./view-model.ts";

function mean(v: readonly number[]): number {
  return v.reduce((s, x) => s + x, 0) / v.length;
}

export function studyModel(study: StudyFile, lines: readonly IndexLine[], generator: string) {
  const done = lines.filter((l) => l.status === "done");
  const failed = lines.filter((l) => l.status === "failed");
  const budgets = [...new Set(study.jobs.map((j) => j.powerW))].sort((a, b) => a - b);
  const groups = groupFronts(lines).map((g, gi) => {
    const pts = g.lines.filter((l) => l.metrics).map((l) => ({ x: l.metrics!.tops, y: l.metrics!.gopsPerW, line: l }));
    const front2d = paretoFront(pts);
    const slug = `g${gi}`;
    const scatter = scatterChart({
      id: `${slug}-scatter`,
      title: `${g.network} (${g.preset}): efficiency against throughput`,
      desc: `${pts.length} designs of ${g.network} over ${budgets.length} budgets; ${front2d.length} on the GOPS/W–TOPS front.`,
      groups: [{ name: "designs (every budget and seed)", color: seriesColor(gi), radius: 3.5, points: pts }],
      front: front2d,
      xLabel: "throughput (TOPS)",
      yLabel: "efficiency (GOPS/W)",
      pointText: (p) => {
        const l = (p as (typeof pts)[number]).line;
        return `${fmtNum(p.y)} GOPS/W, ${fmtNum(p.x)} TOPS at ${fmtNum(l.powerW)} W, seed ${l.seed}`;
      },
    });
    const front = g.front
      .slice()
      .sort((a, b) => a.metrics!.tops - b.metrics!.tops || a.powerW - b.powerW || a.seed - b.seed)
      .map((l) => {
        const m = l.metrics!;
        return {
          budget: fmtNum(l.powerW),
          seed: String(l.seed),
          gopsPerW: fmtNum(m.gopsPerW),
          tops: fmtNum(m.tops),
          areaMm2: fmtNum(m.areaMm2),
          latency: joinQ(timeNs(m.latencyNs)),
          powerUsed: fmtNum(m.powerUsedW),
          design: `${m.crossbarSize}×${m.crossbarSize}, ${m.cellBits}-bit cells, ${m.dacBits}-bit DAC, ${fmtInt(m.macros)} macros`,
          href: `${l.result}/report.html`,
          mdHref: `${l.result}/report.md`,
          id: l.id,
        };
      });
    return { network: g.network, preset: g.preset, designs: pts.length, failed: g.lines.length - pts.length, scatter: chart(scatter), front };
  });

  // Efficiency against budget: one line per network × preset, the mean over seeds (every seed is a dot's tooltip).
  const series = groupFronts(done).map((g, i) => {
    const byBudget = new Map<number, number[]>();
    for (const l of g.lines) byBudget.set(l.powerW, [...(byBudget.get(l.powerW) ?? []), l.metrics!.gopsPerW]);
    return {
      name: `${g.network} (${g.preset})`,
      color: seriesColor(i),
      emphasis: true,
      points: [...byBudget.entries()].sort((a, b) => a[0] - b[0]).map(([x, ys]) => ({ x, y: mean(ys) })),
    };
  });
  const efficiency = series.length
    ? chart(
        lineChart({
          id: "efficiency-vs-budget",
          title: "Efficiency against the power budget",
          desc: `Mean GOPS/W over seeds at each of ${budgets.length} budgets, one line per network and preset.`,
          series,
          xLabel: "power budget (W)",
          yLabel: "efficiency (GOPS/W, mean over seeds)",
          legend: series.map((s) => ({ label: s.name, color: s.color, shape: "line" as const })),
        }),
      )
    : null;

  const failures = failed.length
    ? table(
        "failures",
        "Failed jobs",
        [{ label: "network" }, { label: "preset" }, { label: "budget", unit: "W", num: true }, { label: "seed", num: true }, { label: "kind" }, { label: "error" }],
        failed.map((l) => ({ cells: [l.network, l.preset, fmtNum(l.powerW), String(l.seed), l.errorKind ?? "internal", l.error ?? ""] })),
      )
    : null;

  const spec = study.spec;
  return {
    title: `Study ${study.name}`,
    generator,
    counts: {
      jobs: fmtInt(study.jobs.length),
      done: fmtInt(done.length),
      failed: fmtInt(failed.length),
      pending: fmtInt(study.jobs.length - done.length - failed.length),
      completePct: fmtPct(study.jobs.length ? done.length / study.jobs.length : 0),
    },
    axes: {
      networks: spec.networks.join(", "),
      presets: (spec.presets ?? ["pimsyn-date24"]).join(", "),
      budgets: budgets.map((b) => fmtNum(b)).join(", "),
      seeds: (spec.seeds ?? [1]).join(", "),
      options: JSON.stringify(spec.options ?? {}),
    },
    groups,
    efficiency,
    failures,
  };
}

export function renderStudyReport(study: StudyFile, lines: readonly IndexLine[], generator: string): { html: string; md: string } {
  const model = studyModel(study, lines, generator);
  return { html: renderTemplate("study.html", model), md: renderTemplate("study.md", model) };
}
