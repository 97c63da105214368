/**
 * The whole synthesis, top to bottom (style.md §1). Each stage declares what it needs from the context and
 * what it adds; src/synth/stage.ts checks the needs before running it.
 */
import type { AnyStage } from "./synth/stage.ts";
import type { PointContext, SynthContext } from "./synth/context.ts";
import { load } from "../stages/load.ts";
import { openRun } from "../stages/open-run.ts";
import { explore } from "../stages/explore.ts";
import { search } from "../stages/search.ts";
import { duplicate } from "../stages/duplicate.ts";
import { compile } from "../stages/compile.ts";
import { partition } from "../stages/partition.ts";
import { allocate } from "../stages/allocate.ts";
import { finalize } from "../stages/finalize.ts";
import { baseline } from "../stages/baseline.ts";
import { save } from "../stages/save.ts";
import { report } from "../stages/report.ts";
import { commit } from "../stages/commit.ts";

/** Per outer design point (RatioRram, cell bits, crossbar size), on a worker thread: Alg. 1's inner loops. */
export const pointStages: readonly AnyStage<PointContext>[] = [
  duplicate, //  SA filter: K duplication candidates (Eq. 2–4)
  compile, //    dataflow per (candidate, DAC bits): blocks, bit iterations, IR latencies
  partition, //  EA over macro counts and sharing, closed-form allocation inside
  allocate, //   the point's best design
];

/** The main thread. */
export const synthesisStages: readonly AnyStage<SynthContext>[] = [
  load, //       network + preset (with overrides)
  openRun, //    temporary run directory, explored.jsonl stream
  explore, //    outer points, feasibility, optimistic bounds
  search, //     pointStages on worker threads, in waves, pruning by bound
  finalize, //   exact (MILP) allocation + simulator re-scoring of the finalists; best design
  baseline, //   ISAAC-like design on the same preset
  save, //       arch.json, metrics.json, traces.json, timing.json (into the temporary run directory)
  report, //     report.html and report.md from those files
  commit, //     rename the run directory into place
];
