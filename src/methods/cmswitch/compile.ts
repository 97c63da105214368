/**
 * CMSwitch end to end on one network and chip: the dual-mode plan (operators split for dual mode, DP + MILP)
 * against the CIM-MLC-like baseline (every array in compute mode, weights duplicated into idle arrays,
 * pipelined segments; operators split to fill the chip), both scored by the same latency model. When the
 * baseline's own plan is faster, ours falls back to it (CMSwitch can always run all-compute).
 */
import type { Deha } from "../../hardware/deha.ts";
import type { Network } from "../../network/types.ts";
import { chipOf, operatorList, type OperatorList } from "./operators.ts";
import { placeArrays, type PlacedSegment } from "./coordinates.ts";
import { planSegments, type Plan } from "./plan.ts";
import { programText } from "./program.ts";

export interface DualModeResult {
  network: Network;
  hw: Deha;
  ours: { operators: OperatorList; plan: Plan };
  baseline: { operators: OperatorList; plan: Plan };
  /** Ours is the baseline's plan (it was faster than the dual-mode plan). */
  fellBack: boolean;
  metrics: DualModeMetrics;
  /** Our plan's segments with array coordinates. */
  placed: PlacedSegment[];
  /** program.dmo */
  program: string;
}

export interface DualModeMetrics {
  latencyCycles: number;
  baselineLatencyCycles: number;
  speedup: number;
  latencyUs: number;
  segments: number;
  operators: number;
  /** Memory-mode arrays over arrays in use, weighted by each segment's time. */
  memoryRatio: number;
  switchCycles: number;
  switchShare: number;
  reloadShare: number;
  writeBackShare: number;
  /** Arrays switched to memory / to compute over the run. */
  switchesToMemory: number;
  switchesToCompute: number;
}

export function segmentTotal(s: Plan["segments"][number]): number {
  return s.intraCycles + s.reloadCycles + s.switchCycles + s.writeBackCycles;
}

function metricsOf(plan: Plan, baseline: Plan, operators: number, hw: Deha): DualModeMetrics {
  const total = plan.totalCycles;
  let weighted = 0;
  let weight = 0;
  for (const s of plan.segments) {
    const used = s.allocation.compute.reduce((a, c) => a + c, 0) + s.memoryArrays;
    weighted += s.intraCycles * (s.memoryArrays / used);
    weight += s.intraCycles;
  }
  const sum = (f: (s: Plan["segments"][number]) => number) => plan.segments.reduce((a, s) => a + f(s), 0);
  const switchCycles = sum((s) => s.switchCycles);
  return {
    latencyCycles: total,
    baselineLatencyCycles: baseline.totalCycles,
    speedup: baseline.totalCycles / total,
    latencyUs: total / hw.clockMhz,
    segments: plan.segments.length,
    operators,
    memoryRatio: weight > 0 ? weighted / weight : 0,
    switchCycles,
    switchShare: switchCycles / total,
    reloadShare: sum((s) => s.reloadCycles) / total,
    writeBackShare: sum((s) => s.writeBackCycles) / total,
    switchesToMemory: sum((s) => s.toMemory),
    switchesToCompute: sum((s) => s.toCompute),
  };
}

type Side = { operators: OperatorList; plan: Plan };

/** Ours, or the baseline's plan when it is faster; with metrics, coordinates and the program. */
export function chooseResult(network: Network, hw: Deha, dual: Side, baseline: Side): DualModeResult {
  const fellBack = baseline.plan.totalCycles < dual.plan.totalCycles;
  const ours = fellBack ? baseline : dual;
  const placed = placeArrays(ours.plan, ours.operators.ops, hw.arrays);
  return {
    network,
    hw,
    ours,
    baseline,
    fellBack,
    metrics: metricsOf(ours.plan, baseline.plan, ours.operators.ops.length, hw),
    placed,
    program: programText(network.name, hw, placed, ours.operators.ops),
  };
}

/** The whole method without stages (sweeps, tests, benches). */
export async function compileNetwork(network: Network, hw: Deha): Promise<DualModeResult> {
  const chip = chipOf(hw);
  const baselineOps = operatorList(network, hw, "all-compute");
  const baselinePlan = await planSegments(baselineOps, chip, hw.arrayBytes, "all-compute");
  const dualOps = operatorList(network, hw, "dual-mode");
  const dualPlan = await planSegments(dualOps, chip, hw.arrayBytes, "dual");
  return chooseResult(network, hw, { operators: dualOps, plan: dualPlan }, { operators: baselineOps, plan: baselinePlan });
}
