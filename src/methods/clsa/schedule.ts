/**
 * CLSA-CIM end to end (Pelke et al., DATE 2024, reconstructed; docs/scheduling.md): pick the copies, cut
 * sets (stage 1), find their dependencies (stage 2), deal them to copies (stage 3) and list-schedule them
 * cross-layer and/or layer-by-layer (stage 4), then summarise makespans, busy times and utilisation.
 * Pure: (network, arch, preset, options) → result.
 */
import { designPointOf } from "../../cost/evaluate.ts";
import { hardwareTotals } from "../../cost/hardware.ts";
import { buildNetworkModel, type NetworkModel } from "../../mapping/layer-model.ts";
import type { ArchSpec } from "../../hardware/arch.ts";
import type { Preset } from "../../hardware/components.ts";
import type { Network } from "../../network/types.ts";
import { inFile, UserError } from "../../errors.ts";
import { schedulePolicy, type PolicyRun, type SchedulePlan } from "./asap.ts";
import { resolveCopies, type Copies } from "./copies.ts";
import { dependencyCount, layerDependencies } from "./deps.ts";
import { pixelsPerCopy } from "./intra.ts";
import { buildSets } from "./sets.ts";
import { designTiming, setTiming, type DesignTiming, type SetTiming } from "./timing.ts";
import {
  SCHEDULE_SCHEMA_VERSION,
  type Granularity,
  type LayerSchedule,
  type Policy,
  type RunSummary,
  type ScheduleOptions,
  type ScheduleResult,
} from "./types.ts";

/** Everything a run computed, including per-set times and the task log the trace is drawn from. */
export interface ScheduleRun {
  result: ScheduleResult;
  model: NetworkModel;
  plan: SchedulePlan;
  runs: PolicyRun[];
}

export interface RunOptions extends ScheduleOptions {
  /** Record up to this many tasks of the first policy run (cross-layer when it runs) for a trace. */
  traceTasks?: number;
}

function checkNonNegative(value: number | undefined, option: string): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0))
    throw new UserError(`expected a finite number of ns ≥ 0, found ${value}`, { pointer: option });
}

export function buildPlan(model: NetworkModel, copies: Copies, granularity: Granularity, timing: SetTiming, transferNs: number, design?: DesignTiming): SchedulePlan {
  const sets = buildSets(model, granularity, copies.dup, copies.blockPixels);
  const deps = model.layers.map((_, i) => layerDependencies(model, sets, i));
  return { model, copies: copies.dup.map((d, i) => (model.layers[i].role === "mvm" ? d : 1)), sets, deps, timing, design, transferNs };
}

/** Σ over crossbars of their busy time: each copy's pixels × t_MVM × its crossbars. */
function crossbarBusyNs(plan: SchedulePlan): number {
  let sum = 0;
  for (const i of plan.model.mvmLayers) sum += plan.sets[i].pixels * plan.timing.mvmRoundNs * plan.model.layers[i].set;
  return sum;
}

function summarise(run: PolicyRun, busyNs: number, chipCrossbars: number, usedCrossbars: number): RunSummary {
  const span = run.makespanNs;
  return {
    policy: run.policy,
    makespanNs: span,
    utilisation: span > 0 && chipCrossbars > 0 ? busyNs / (chipCrossbars * span) : 0,
    mappedUtilisation: span > 0 && usedCrossbars > 0 ? busyNs / (usedCrossbars * span) : 0,
  };
}

/** a / b with 0/0 = 1 (two empty schedules are equally fast). */
const ratio = (a: number, b: number): number => (b > 0 ? a / b : a > 0 ? Infinity : 1);

function layerRows(network: Network, plan: SchedulePlan, runs: PolicyRun[]): LayerSchedule[] {
  const { model, sets, timing } = plan;
  return model.layers.map((L, i) => {
    const S = sets[i];
    const d = plan.copies[i];
    const copyBusyNs = L.role === "mvm" ? pixelsPerCopy(S, d).map((px) => px * (plan.design ? plan.design.roundNs[i] : timing.mvmRoundNs)) : [gpeuBusy(plan, i)];
    const row: LayerSchedule = {
      name: L.name,
      kind: network.layers[i].kind,
      role: L.role,
      copies: d,
      crossbarsPerCopy: L.role === "mvm" ? L.set : 0,
      outPixels: S.pixels,
      sets: S.count,
      setPixels: S.setPixels,
      copyBusyNs,
    };
    for (const r of runs) {
      const times = { startNs: r.layerStartNs[i], endNs: r.layerEndNs[i] };
      if (r.policy === "cross-layer") row.crossLayer = times;
      else row.layerByLayer = times;
    }
    return row;
  });
}

function gpeuBusy(plan: SchedulePlan, i: number): number {
  const S = plan.sets[i];
  const t = plan.timing;
  if (plan.design) return (S.pixels / plan.design.blockPixels[i]) * plan.design.roundNs[i];
  if (t.gpeuNsPerSet !== undefined) return t.gpeuNsPerSet * S.count;
  return S.pixels * t.gpeuNsPerPixel[i];
}

/** CLSA-CIM stages 1–3 for one network on one architecture: copies, sets, dependencies, set timing. */
export interface PreparedSchedule {
  model: NetworkModel;
  copies: Copies;
  plan: SchedulePlan;
  chipCrossbars: number;
  policies: Policy[];
  granularity: Granularity;
}

export function prepareSchedule(network: Network, arch: ArchSpec, preset: Preset, options: RunOptions = {}): PreparedSchedule {
  const policy = options.policy ?? "both";
  const granularity = options.granularity ?? "row";
  const transferNs = options.transferNs ?? 0;
  checkNonNegative(transferNs, "--transfer-ns");
  checkNonNegative(options.gpeuNsPerSet, "--gpeu-ns");
  const hw = arch.hardware;
  const chipCrossbars = inFile(options.file, () => hardwareTotals(hw, preset).crossbars);
  const model = buildNetworkModel(network, designPointOf(hw));
  const copies = resolveCopies(model, network, arch, chipCrossbars, options.duplication, options.file);
  const timing = setTiming(model, preset, options.gpeuNsPerSet);
  // The design's own copies: time them with its own allocation (unless a fixed GPEU time is asked for).
  const design = copies.mode === "keep" && options.gpeuNsPerSet === undefined ? designTiming(arch, network, preset, options.file) : undefined;
  const plan = buildPlan(model, copies, granularity, timing, transferNs, design);
  const policies: Policy[] = policy === "both" ? ["cross-layer", "layer-by-layer"] : [policy];
  return { model, copies, plan, chipCrossbars, policies, granularity };
}

/** CLSA-CIM stage 4: list-schedule the sets under each policy (the first keeps a task log for the trace). */
export function schedulePolicies(p: PreparedSchedule, traceTasks = 0): PolicyRun[] {
  return p.policies.map((policy, k) => schedulePolicy(p.plan, policy, k === 0 ? traceTasks : 0));
}

/** Makespans, busy times, utilisation, speedups and the one-copy layer-by-layer baseline: schedule.json. */
export function summariseSchedule(network: Network, arch: ArchSpec, preset: Preset, p: PreparedSchedule, runs: PolicyRun[], options: ScheduleOptions = {}): ScheduleResult {
  const { plan, copies, chipCrossbars, granularity } = p;
  const hw = arch.hardware;
  const timing = plan.timing;
  const busyNs = crossbarBusyNs(plan);
  const summaries = runs.map((r) => summarise(r, busyNs, chipCrossbars, copies.crossbars));

  let sets = 0;
  let dependencies = 0;
  plan.sets.forEach((S, i) => {
    sets += S.count;
    dependencies += dependencyCount(plan.deps[i]);
  });
  const result: ScheduleResult = {
    schemaVersion: SCHEDULE_SCHEMA_VERSION,
    network: { name: network.name, hash: network.hash },
    arch: {
      name: arch.name,
      preset: preset.name,
      crossbars: chipCrossbars,
      crossbarSize: hw.crossbar.size,
      cellBits: hw.crossbar.cellBits,
      dacBits: hw.dacBits,
      weightBits: hw.weightBits,
      activationBits: hw.activationBits,
    },
    options: { policy: options.policy ?? "both", granularity, transferNs: plan.transferNs, duplication: copies.mode, timing: plan.design ? "design" : "t-mvm" },
    timing: { crossbarReadNs: timing.crossbarReadNs, bitIterations: timing.bitIterations, mvmRoundNs: timing.mvmRoundNs },
    mapping: { crossbarsUsed: copies.crossbars, minCrossbars: copies.minCrossbars, crossbarBusyNs: busyNs },
    sets,
    dependencies,
    runs: summaries,
    layers: layerRows(network, plan, runs),
  };
  if (options.gpeuNsPerSet !== undefined) result.options.gpeuNsPerSet = options.gpeuNsPerSet;
  if (summaries.length === 2) {
    const [cl, lbl] = summaries;
    result.speedup = ratio(lbl.makespanNs, cl.makespanNs);
    result.utilisationGain = ratio(cl.utilisation, lbl.utilisation);
  }
  if (options.baseline !== false) {
    const best = summaries.reduce((a, b) => (b.makespanNs < a.makespanNs ? b : a));
    const baseSummary = summarise(baselineRun(plan, copies, runs, granularity), busyNs, chipCrossbars, copies.minCrossbars);
    result.baseline = {
      makespanNs: baseSummary.makespanNs,
      utilisation: baseSummary.utilisation,
      mappedUtilisation: baseSummary.mappedUtilisation,
      crossbarsUsed: copies.minCrossbars,
      speedup: ratio(baseSummary.makespanNs, best.makespanNs),
      utilisationGain: ratio(best.utilisation, baseSummary.utilisation),
      mappedUtilisationGain: ratio(best.mappedUtilisation, baseSummary.mappedUtilisation),
    };
  }
  return result;
}

/** Schedule a network on an architecture and keep the per-set detail (all stages in one call, for the library). */
export function runSchedule(network: Network, arch: ArchSpec, preset: Preset, options: RunOptions = {}): ScheduleRun {
  const prepared = prepareSchedule(network, arch, preset, options);
  const runs = schedulePolicies(prepared, options.traceTasks ?? 0);
  return { result: summariseSchedule(network, arch, preset, prepared, runs, options), model: prepared.model, plan: prepared.plan, runs };
}

/** Layer-by-layer with one copy per layer; reuses this run's schedule when it is that already. */
function baselineRun(plan: SchedulePlan, copies: Copies, runs: PolicyRun[], granularity: Granularity): PolicyRun {
  const { model } = plan;
  const same = model.mvmLayers.every((i) => copies.dup[i] === 1) && copies.blockPixels.every((b) => b === 1);
  if (same) return runs.find((r) => r.policy === "layer-by-layer") ?? schedulePolicy(plan, "layer-by-layer");
  const ones = model.layers.map(() => 1);
  const none: Copies = { mode: "none", dup: ones, blockPixels: ones, crossbars: copies.minCrossbars, minCrossbars: copies.minCrossbars };
  return schedulePolicy(buildPlan(model, none, granularity, plan.timing, plan.transferNs), "layer-by-layer");
}

/** The library call: the schedule.json content of one network on one architecture. */
export function scheduleNetwork(network: Network, arch: ArchSpec, preset: Preset, options: ScheduleOptions = {}): ScheduleResult {
  return runSchedule(network, arch, preset, options).result;
}
