/**
 * The whole synthesis, top to bottom (style.md §1). Each stage declares what it needs from the context and
 * what it adds; src/flow/stage.ts checks the needs before running it.
 */
import type { AnyStage } from "../../flow/stage.ts";
import type { PointContext, SynthContext } from "./context.ts";
import { load } from "../../../stages/pimsyn/load.ts";
import { openRun } from "../../../stages/pimsyn/open-run.ts";
import { explore } from "../../../stages/pimsyn/explore.ts";
import { search } from "../../../stages/pimsyn/search.ts";
import { buildModels } from "../../../stages/pimsyn/build-models.ts";
import { duplicate } from "../../../stages/pimsyn/duplicate.ts";
import { compile } from "../../../stages/pimsyn/compile.ts";
import { partition } from "../../../stages/pimsyn/partition.ts";
import { allocate } from "../../../stages/pimsyn/allocate.ts";
import { exactAllocate } from "../../../stages/pimsyn/exact-allocate.ts";
import { evaluateFinalists } from "../../../stages/pimsyn/evaluate-finalists.ts";
import { simulate } from "../../../stages/pimsyn/simulate.ts";
import { choose } from "../../../stages/pimsyn/choose.ts";
import { baseline } from "../../../stages/pimsyn/baseline.ts";
import { save } from "../../../stages/pimsyn/save.ts";
import { report } from "../../../stages/pimsyn/report.ts";
import { commit } from "../../../stages/pimsyn/commit.ts";

/** Per outer design point (RatioRram, cell bits, crossbar size), on a worker thread: Alg. 1's inner loops. */
export const pointStages: readonly AnyStage<PointContext>[] = [
  buildModels,       // network + layer model per DAC option
  duplicate,         // SA filter: K duplication candidates (Eq. 2–4)
  compile,           // dataflow per (candidate, DAC bits): blocks, bit iterations, IR latencies
  partition,         // EA over macro counts and sharing, closed-form allocation inside
  allocate,          // the point's best design
];

/** The main thread. */
export const synthesisStages: readonly AnyStage<SynthContext>[] = [
  load,              // network + preset (with overrides)
  openRun,           // temporary run directory, explored.jsonl stream
  explore,           // outer points, feasibility, optimistic bounds
  search,            // pointStages on worker threads, in waves, pruning by bound
  exactAllocate,     // the best designs over all points: integer-exact (MILP) allocation of ADCs and ALUs
  evaluateFinalists, // each built as arch.json and evaluated (exact allocation kept if within budget)
  simulate,          // block-level simulator re-scores each finalist
  choose,            // the best by efficiency at its simulated latency
  baseline,          // ISAAC-like designs on the same preset: filling the same budget, and weights once
  save,              // arch.json, metrics.json, traces.json, timing.json (into the temporary run directory)
  report,            // report.html and report.md from those files
  commit,            // rename the run directory into place
];
