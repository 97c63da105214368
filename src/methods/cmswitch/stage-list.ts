/**
 * CMSwitch dual-mode compilation (Zhao et al., ASPLOS 2025, reconstructed; docs/dualmode.md), top to bottom.
 * Each stage declares what it needs and adds; src/flow/stage.ts checks the needs before running it.
 */
import type { AnyStage } from "../../flow/stage.ts";
import type { DualModeContext } from "./context.ts";
import { load } from "../../../stages/cmswitch/load.ts";
import { openRun } from "../../../stages/cmswitch/open-run.ts";
import { operators } from "../../../stages/cmswitch/operators.ts";
import { baseline } from "../../../stages/cmswitch/baseline.ts";
import { allocate } from "../../../stages/cmswitch/allocate.ts";
import { choose } from "../../../stages/cmswitch/choose.ts";
import { simulate } from "../../../stages/cmswitch/simulate.ts";
import { sweep } from "../../../stages/cmswitch/sweep.ts";
import { save } from "../../../stages/cmswitch/save.ts";
import { report } from "../../../stages/cmswitch/report.ts";
import { commit } from "../../../stages/cmswitch/commit.ts";

export const dualModeStages: readonly AnyStage<DualModeContext>[] = [
  load, //      network (transformers at --seq/--batch/--phase), DEHA chip
  openRun, //   run directory (temporary sibling)
  operators, // operator lists: matrix products, dependencies, greedy splits (dual mode and baseline)
  baseline, //  all-compute plan: duplication into idle arrays, segmentation DP
  allocate, //  dual-mode plan: segmentation DP over per-segment MILPs, all-compute fallback per segment
  choose, //    ours or the baseline's plan if faster; metrics, array coordinates, program.dmo
  simulate, //  event simulation of program.dmo (agreement with the analytic latency)
  sweep, //     further --seq values: speedup and memory ratio vs sequence length
  save, //      program.dmo, allocation.json, metrics.json, timing.json
  report, //    report.html, report.md
  commit, //    rename the run directory into place
];
