/** The context the CMSwitch stages read and extend (src/methods/cmswitch/stage-list.ts). */
import type { Deha } from "../../hardware/deha.ts";
import type { RunDir } from "../../flow/run-dir.ts";
import type { StageTiming } from "../../flow/stage.ts";
import type { Network } from "../../network/types.ts";
import type { TransformerParams } from "../../network/zoo/transformer.ts";
import type { SimulationResult } from "../../schedule/dualmode-sim.ts";
import type { DualModeResult } from "./compile.ts";
import type { OperatorList } from "./operators.ts";
import type { Plan } from "./plan.ts";

/** What the caller asks for, as given. */
export interface DualModeRequest {
  /** Zoo name or network file (.json, .onnx). */
  model: string;
  /** DEHA preset name or file. */
  hw: string;
  /** Transformer zoo models: sequence lengths (the first is the main run; more make a sweep), batch, phase. */
  seq?: number[];
  batch?: number;
  phase?: TransformerParams["phase"];
  /** Parent of the run directory; undefined: nothing is written. */
  outDir?: string;
}

/** One point of a sequence-length sweep. */
export interface SweepPoint {
  seq: number;
  latencyCycles: number;
  baselineLatencyCycles: number;
  speedup: number;
  memoryRatio: number;
}

export interface DualModeContext {
  request: DualModeRequest;
  /** Renders report.html/report.md into a run directory (supplied by the face: methods never import the report). */
  renderReports: (runDir: string) => { html: string; md: string };
  network: Network;
  hw: Deha;
  warnings: string[];
  baselineOperators: OperatorList;
  dualOperators: OperatorList;
  baselinePlan: Plan;
  dualPlan: Plan;
  result: DualModeResult;
  simulation: SimulationResult;
  sweep: SweepPoint[];
  /** The run directory being written (a temporary sibling until commit); false when nothing is written. */
  run: RunDir | false;
  /** Stage wall times so far (appended by the stage runner; only timing.json reads them). */
  stageTimings: StageTiming[];
  /** Files written into the run directory. */
  saved: string[];
  /** The committed run directory ("" when nothing is written). */
  runDir: string;
}
