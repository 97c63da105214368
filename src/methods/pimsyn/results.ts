/**
 * The files of a run directory, built from the final context. metrics.json holds only what the inputs and
 * seed determine (byte-identical across runs and worker counts); wall times go to timing.json.
 */
import { NOT_MODELLED } from "./not-modelled.ts";
import type { ScratchpadFit } from "./fit-scratchpad.ts";
import { gopsPerW, inferenceEnergyPj } from "../../cost/objective.ts";
import type { SynthContext } from "./context.ts";
import type { SynthOptions } from "./options.ts";
import { canonicalJson, shortHash } from "../../flow/run-dir.ts";
import { TOOL_VERSION } from "../../version.ts";
import { gainOver, type Baseline } from "./baselines.ts";
import { budgetUse } from "./budget-note.ts";

export const RUN_SCHEMA_VERSION = 1;

/** The options that determine the result (not the worker count or output folder). */
export function resultOptions(o: SynthOptions) {
  const { workers: _w, model: _m, ...rest } = o;
  return rest;
}

export function presetHash(preset: object): string {
  return shortHash(preset);
}

/** The context fields each file is built from (the save stage declares their union). */
export const METRICS_FIELDS = [
  "options", "network", "preset", "best", "baseline", "weightsOnce", "outerPoints", "pointResults", "pruned", "interrupted",
  "timeBudgetHit", "evaluations", "saEvaluations", "minimumFeasiblePowerW", "finalists", "spaceBound",
] as const;
export const TRACES_FIELDS = ["pointResults", "best"] as const;
export const TIMING_FIELDS = ["timings", "workerStats", "evaluations", "finalists"] as const;

/** One sentence on the scratchpad against the simulated occupancy (undefined when it fits as the search sized it). */
export function scratchpadNote(fit: ScratchpadFit | undefined): string | undefined {
  if (!fit) return undefined;
  if (fit.shortfallKb !== undefined)
    return `the simulated schedule buffers ${fit.simulatedKbNeeded} KB per macro where the scratchpad holds ${fit.allocatedKb} KB (${fit.shortfallReason}): the producers of the fullest layer would stall, which the latency does not include`;
  if (fit.allocatedKb !== fit.analyticKb)
    return `re-sized from ${fit.analyticKb} KB (analytic estimate) to ${fit.allocatedKb} KB per macro to hold the simulated occupancy (${fit.simulatedKbNeeded} KB); ADCs and ALUs re-allocated for the power left`;
  return undefined;
}

export function buildMetrics(ctx: Pick<SynthContext, (typeof METRICS_FIELDS)[number]>) {
  const { options, network, preset, best, baseline, weightsOnce, outerPoints, pointResults, pruned } = ctx;
  const m = best.metrics.mapping!;
  const hw = best.metrics.hardware;
  const d = best.design;
  const withinBudget = hw.peakPowerW <= options.powerW * (1 + 1e-9);
  const gain = gainOver(m.gopsPerW, withinBudget, baseline);
  const budget = budgetUse(best.metrics, options.powerW, d.ratio);
  const simulatedGopsPerW =
    best.simulatedLatencyNs === undefined ? undefined : gopsPerW(m.ops, inferenceEnergyPj(m.dynamicEnergyPj, hw.staticPowerW, best.simulatedLatencyNs));
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    tool: { name: "pimsyn", version: TOOL_VERSION },
    inputs: {
      model: options.model,
      network: { name: network.name, hash: network.hash, layers: network.layers.length, macs: network.totals.macs, ops: network.totals.ops },
      preset: { name: preset.name, hash: presetHash(preset) },
      powerBudgetW: options.powerW,
      areaBudgetMm2: options.areaMm2,
      seed: options.seed,
      options: resultOptions(options),
    },
    status: ctx.interrupted
      ? "interrupted: best design found before the run was stopped"
      : ctx.timeBudgetHit
        ? "time-budget: best design found before the wall-clock budget ran out"
        : "complete",
    summary: {
      gopsPerW: m.gopsPerW,
      simulatedGopsPerW,
      throughputTops: m.throughputTops,
      latencyTops: m.latencyTops,
      latencyNs: m.latencyNs,
      simulatedLatencyNs: best.simulatedLatencyNs,
      periodNs: m.periodNs,
      powerUsedW: hw.peakPowerW,
      powerBudgetW: options.powerW,
      /** Why part of the budget is unused (absent when the design uses ≥ 95 % of it). */
      budgetNote: budget.note,
      /** Crossbars' peak power ÷ budget (RatioRram, `crossbarPowerRatio`, is the share Eq. 3 allots them). */
      crossbarPowerShare: (hw.byKind.crossbar?.peakPowerW ?? 0) / options.powerW,
      areaMm2: hw.areaMm2,
      areaBudgetMm2: options.areaMm2,
      /** Best GOPS/W any design of (network, preset, design space) could reach (src/methods/pimsyn/space.ts). */
      spaceBoundGopsPerW: ctx.spaceBound.gopsPerW,
      fractionOfSpaceBound: m.gopsPerW / ctx.spaceBound.gopsPerW,
      /** This design's GOPS/W without static energy, and its dynamic share of the energy (design-relative). */
      noStaticGopsPerW: m.noStaticGopsPerW,
      dynamicEnergyShare: m.dynamicEnergyShare,
      /** Efficiency ÷ the same-budget ISAAC-like design's; absent unless both are finite and within the budget. */
      gainOverBaseline: gain,
      /** Why there is no gain figure, when there is none. */
      gainNote: gain !== undefined ? undefined : noGainReason(withinBudget, baseline),
      crossbarSize: d.point.crossbarSize,
      cellBits: d.point.cellBits,
      dacBits: d.point.dacBits,
      adcBits: d.point.adcBits,
      crossbarPowerRatio: d.ratio,
      macroMode: d.macroMode,
      macros: best.arch.hardware.chip.children.reduce((s, c) => s + c.count, 0),
      mesh: `${best.arch.hardware.noc.meshRows}x${best.arch.hardware.noc.meshCols}`,
      scratchpadKb: d.scratchpadKb,
      /** Scratchpad per macro the block-level simulation's buffer occupancy asks for (no back-pressure modelled). */
      simulatedScratchpadKbNeeded: best.simulation?.scratchpadKbNeeded,
      /** What the search's analytic estimate chose; scratchpadKb differs when the design was re-sized to fit the simulation. */
      analyticScratchpadKb: best.scratchpad?.analyticKb,
      /** Simulated occupancy − scratchpad (KB per macro) when the design could not be re-sized: producers would stall. */
      scratchpadShortfallKb: best.scratchpad?.shortfallKb,
      /** Why the scratchpad was re-sized, or why a shortfall remains. */
      scratchpadNote: scratchpadNote(best.scratchpad),
      crossbars: hw.crossbars,
    },
    design: best.metrics,
    /** Effects no figure of this run includes (src/methods/pimsyn/not-modelled.ts). */
    notModelled: [...NOT_MODELLED],
    baseline: baselineFigures(baseline),
    baselineWeightsOnce: baselineFigures(weightsOnce),
    search: {
      outerPoints: outerPoints.length,
      feasiblePoints: outerPoints.filter((p) => p.feasible).length,
      infeasiblePoints: outerPoints.filter((p) => !p.feasible).length,
      prunedPoints: pruned.length,
      evaluatedPoints: pointResults.length,
      evaluations: ctx.evaluations,
      saEvaluations: ctx.saEvaluations,
      minimumFeasiblePowerW: ctx.minimumFeasiblePowerW,
      finalists: ctx.finalists.map((f) => ({
        point: f.point,
        analyticGopsPerW: f.analytic.gopsPerW,
        gopsPerW: f.metrics.mapping!.gopsPerW,
        simulatedLatencyNs: f.simulatedLatencyNs,
        exactAllocation: f.exact?.status,
        scratchpadKb: f.design.scratchpadKb,
        simulatedScratchpadKbNeeded: f.scratchpad?.simulatedKbNeeded,
        scratchpadShortfallKb: f.scratchpad?.shortfallKb,
      })),
    },
  };
}

function baselineFigures(b: Baseline) {
  const { arch: _arch, ...figures } = b;
  return figures;
}

function noGainReason(designWithinBudget: boolean, b: Baseline): string {
  if (!designWithinBudget) return "the design exceeds the budget";
  if (!b.withinBudget) return b.note ?? `the ${b.name} design exceeds the budget`;
  return `the ${b.name} design's efficiency is not a finite positive number`;
}

export function buildTraces(ctx: Pick<SynthContext, (typeof TRACES_FIELDS)[number]>) {
  return {
    sa: ctx.pointResults.map((r) => ({ point: r.index, levels: r.saTrace })),
    ea: ctx.pointResults.flatMap((r) =>
      r.candidates.filter((c) => c.eaTrace).map((c) => ({ point: r.index, candidate: c.candidate, dacBits: c.dacBits, generations: c.eaTrace })),
    ),
    // Per layer: the block-level simulator's start/end (when it ran) and the analytic model's figures.
    timeline: ctx.best.metrics.mapping!.layers.map((l) => {
      const sim = ctx.best.simulation?.timeline.find((t) => t.name === l.name);
      return {
        layer: l.name,
        startNs: sim?.startNs ?? l.startNs,
        endNs: sim?.endNs ?? l.endNs,
        source: sim ? "simulator" : "analytic",
        analyticStartNs: l.startNs,
        analyticEndNs: l.endNs,
        busyNs: l.busyNs,
        bottleneck: l.bottleneck,
      };
    }),
  };
}

export function buildTiming(ctx: Pick<SynthContext, (typeof TIMING_FIELDS)[number]>, wallMs: number) {
  return {
    wallMs,
    stages: ctx.timings,
    workers: ctx.workerStats,
    evaluations: ctx.evaluations,
    evaluationsPerS: ctx.evaluations / (wallMs / 1e3),
    exactAllocation: ctx.finalists.map((f) => ({ point: f.point, solveMs: f.exact?.solveMs })),
  };
}

/** Run directory name: <model>-<power>-<short hash of everything that determines the result>. */
export function runHash(options: SynthOptions, networkHash: string, preset: object): string {
  return shortHash(canonicalJson({ network: networkHash, preset: presetHash(preset), options: resultOptions(options) }));
}
