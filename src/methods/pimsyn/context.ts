/**
 * The contexts the stages read and extend. `SynthContext` flows through the whole synthesis on the main thread;
 * `PointContext` flows through the per-outer-point stages (run on worker threads).
 */
import type { ScratchpadFit } from "./fit-scratchpad.ts";
import type { Preset } from "../../hardware/components.ts";
import type { Network } from "../../network/types.ts";
import type { DesignPoint, NetworkModel } from "../../mapping/layer-model.ts";
import type { Plan } from "../../mapping/plan.ts";
import type { PointCosts } from "../../cost/point-costs.ts";
import type { AnnealLevel } from "../../search/anneal.ts";
import type { GenerationStats } from "../../search/evolve.ts";
import type { ArchSpec } from "../../hardware/arch.ts";
import type { Metrics } from "../../cost/evaluate.ts";
import type { Design } from "./design.ts";
import type { PoolStats } from "../../flow/workers.ts";
import type { SynthOptions } from "./options.ts";
import type { OuterPoint } from "./space.ts";
import type { Scored } from "./partition.ts";
import type { LadderCandidate } from "./ladder.ts";
import type { StageTiming } from "../../flow/stage.ts";
import type { RunDir } from "../../flow/run-dir.ts";
import type { DesignSimulation } from "./simulate-design.ts";
import type { Baseline } from "./baselines.ts";

/** What every point search shares: sent to each worker thread once (structured clone), already validated. */
export interface PointShared {
  network: Network;
  preset: Preset;
}

/** What a worker needs to search one outer point, beyond PointShared (structured-clone friendly). */
export interface PointTask {
  options: SynthOptions;
  point: OuterPoint;
  /** This point's share of --max-evaluations (exact). */
  maxEvaluations?: number;
  /** Absolute wall-clock deadline (ms since epoch) from --time-budget. */
  deadlineAt?: number;
}

/** One (SA candidate, DAC) pair after partitioning. */
export interface CandidateOutcome {
  candidate: number;
  dacBits: number;
  saEnergy: number;
  dup: number[];
  /** Screening (one generation) or full EA result; undefined if infeasible. */
  scored?: Scored;
  evolved: boolean;
  /** The copies were adjusted by the local refinement (src/methods/pimsyn/refine.ts). */
  refined?: boolean;
  eaTrace?: GenerationStats[];
  generation0Best?: number;
}

export interface PointResult {
  index: number;
  feasible: boolean;
  reason?: string;
  candidates: CandidateOutcome[];
  best?: { design: Design; scored: Scored; candidate: number };
  saTrace: AnnealLevel[];
  /** SA evaluations of the rungs this point used (shared rungs counted here each time). */
  saEvaluations: number;
  /** The ladder rungs this point used: the run counts each distinct key's evaluations once. */
  saRungs: { key: string; evaluations: number }[];
  evaluations: number;
  timeBudgetHit: boolean;
}

export interface PointContext {
  task: PointTask;
  network: Network;
  preset: Preset;
  /** Model at the point's first DAC option (crossbar geometry does not depend on the DAC). */
  model: NetworkModel;
  models: Map<number, NetworkModel>;
  /** `rungs`: the ladder rungs used (key, SA evaluations), so the main thread counts each distinct rung once. */
  duplicates: { candidates: LadderCandidate[]; trace: AnnealLevel[]; evaluations: number; rungs: { key: string; evaluations: number }[] };
  /** `rung`/`rank`: the candidate's identity on the ladder, from which its partition streams are forked. */
  compiled: { candidate: number; rung: number; rank: number; dacBits: number; model: NetworkModel; plan: Plan; saEnergy: number }[];
  outcomes: CandidateOutcome[];
  partitions: { outcome: CandidateOutcome; plan: Plan; scored: Scored }[];
  evaluations: { used: number; budget?: number; deadlineHit: boolean };
  result: PointResult;
}

/** A finalist design after the exact (MILP) allocation, before it is built and evaluated. */
export interface AllocatedFinalist {
  point: number;
  /** The point's design as the search left it (closed-form allocation). */
  design: Design;
  analytic: Scored;
  model: NetworkModel;
  costs: PointCosts;
  /** The design's plan re-allocated by the MILP (when it found a solution). */
  exactPlan?: Plan;
  exact: { feasible: boolean; objective: number; status: string; solveMs: number };
}

/** A finalist built as arch.json and evaluated: exact allocation kept when it stays within the budget. */
export interface EvaluatedFinalist {
  point: number;
  design: Design;
  analytic: Scored;
  exact: { objective: number; status: string; solveMs: number };
  arch: ArchSpec;
  metrics: Metrics;
  model: NetworkModel;
  costs: PointCosts;
}

/** A finalist after exact allocation and simulation. */
export interface Finalist {
  point: number;
  design: Design;
  analytic: Scored;
  exact?: { objective: number; status: string; solveMs: number };
  simulatedLatencyNs?: number;
  /** Block-level simulation of the final allocation (absent when interrupted). */
  simulation?: { periodNs: number; nodeCount: number; scratchpadKbNeeded: number; timeline: DesignSimulation["timeline"] };
  /** Scratchpad against the simulated occupancy (re-sized to fit, or the shortfall); absent when not simulated. */
  scratchpad?: ScratchpadFit;
  arch: ArchSpec;
  metrics: Metrics;
}

/** Where stages stream results while the run is going (explored.jsonl) and report progress. */
export interface RunSink {
  explored(line: object): void;
  progress?(done: number, total: number, label: string, bestGopsPerW?: number): void;
  signal?: AbortSignal;
}

export interface SynthContext {
  options: SynthOptions;
  /** Parent folder of run directories (default out/). */
  outDir: string;
  /** Progress and cancellation from the caller. */
  hooks: { progress?(done: number, total: number, label: string, bestGopsPerW?: number): void; signal?: AbortSignal };
  /** Renders the report files into a run directory (supplied by the caller: methods never import the report). */
  renderReports: (runDir: string) => void;
  run: RunDir;
  sink: RunSink;
  startedAt: number;
  network: Network;
  preset: Preset;
  warnings: string[];
  outerPoints: OuterPoint[];
  minimumFeasiblePowerW: number;
  /** The design-space energy bound (spaceEnergyBound) and the point that reaches it. */
  spaceBound: { gopsPerW: number; point?: DesignPoint };
  pointResults: PointResult[];
  pruned: number[];
  /** True when --time-budget cut the search (the result is the best so far). */
  timeBudgetHit: boolean;
  /** True when the caller's signal stopped the search (the result is the best so far). */
  interrupted: boolean;
  evaluations: number;
  saEvaluations: number;
  workerStats: PoolStats;
  allocated: AllocatedFinalist[];
  evaluated: EvaluatedFinalist[];
  finalists: Finalist[];
  best: Finalist;
  /** ISAAC-like design filling the same budget (the headline's comparison). */
  baseline: Baseline;
  /** ISAAC-like design holding the weights once, power not capped (the ablation table's, labelled with its power). */
  weightsOnce: Baseline;
  timings: StageTiming[];
  /** False when an interrupted run was discarded. */
  saved: boolean;
  /** The committed run directory ("" when nothing was saved). */
  runDir: string;
}
