/** Everything a synthesis run depends on (recorded in metrics.json so a run can be reproduced). */
import type { DuplicationEnergy } from "./duplication.ts";
import type { MacroMode } from "./design.ts";
import { PAPER_SPACE, type SearchSpace } from "./space.ts";

export interface SynthOptions {
  /** Zoo name or network file (.json, reference .json, .onnx). */
  model: string;
  inputShape?: { c: number; h: number; w: number };
  powerW: number;
  /** Chip area budget (`--area`); undefined: not capped. */
  areaMm2?: number;
  preset: string;
  presetOverride?: string;
  seed: number;
  workers: number;
  space: SearchSpace;
  macroMode: MacroMode;
  sharing: boolean;
  /** Where duplication candidates come from: the SA filter, the WO·HO-proportional heuristic, or none (ablations). */
  duplication: "sa" | "proportional" | "none";
  /** SA filter: Eq. 4 ("paper", default) or the reference's max-steps energy. */
  saEnergy: DuplicationEnergy;
  saAlpha?: number;
  /** SA vectors kept per rung of the duplication ladder (ladder.ts; the paper keeps 30 per point). */
  candidates: number;
  saChains: number;
  saMovesPerLevel: number;
  /** EA settings (reference: population 40, elite 0.7). */
  eaPopulation: number;
  eaGenerations: number;
  eaEliteFraction: number;
  /** Most macros one layer may span (rule c, capped for tractability). */
  maxMacrosPerLayer: number;
  /** Stop a candidate's EA after this many generations without improvement. */
  eaPatience: number;
  /** (candidate, DAC) pairs per outer point that get the full EA after a one-generation screening. */
  eaFinalistsPerPoint: number;
  /** Designs re-scored by the simulator and exact (MILP) allocation at the end. */
  finalists: number;
  /** Exact cap on analytic evaluations (EA fitness calls) over the whole run. */
  maxEvaluations?: number;
  /** Wall-clock budget; the best design so far is returned, marked as such. */
  timeBudgetMs?: number;
  /** On SIGINT/SIGTERM, still write the run directory with the best design so far (marked as interrupted). */
  savePartial: boolean;
  /** Points evaluated between pruning decisions (fixed, so pruning does not depend on the worker count). */
  waveSize: number;
}

export const DEFAULT_OPTIONS: Omit<SynthOptions, "model" | "powerW"> = {
  preset: "pimsyn-date24",
  seed: 1,
  workers: 1,
  space: PAPER_SPACE,
  macroMode: "specified",
  sharing: true,
  duplication: "sa",
  saEnergy: "paper",
  candidates: 3,
  saChains: 4,
  saMovesPerLevel: 50,
  eaPopulation: 40,
  eaGenerations: 60,
  eaEliteFraction: 0.7,
  eaPatience: 20,
  maxMacrosPerLayer: 64,
  eaFinalistsPerPoint: 5,
  finalists: 5,
  waveSize: 8,
  savePartial: false,
};
