/**
 * MIREDO per-layer dataflow optimisation (He et al., ASP-DAC 2026; docs/dataflow.md), top to bottom.
 * Each stage declares what it needs and adds; src/flow/stage.ts checks the needs before running it.
 */
import type { AnyStage } from "../../flow/stage.ts";
import type { DataflowContext } from "./context.ts";
import { load } from "../../../stages/miredo/load.ts";
import { optimize } from "../../../stages/miredo/optimize.ts";
import { summarise } from "../../../stages/miredo/summarise.ts";
import { save } from "../../../stages/miredo/save.ts";
import { report } from "../../../stages/miredo/report.ts";

export const dataflowStages: readonly AnyStage<DataflowContext>[] = [
  load, //      network, hardware description, the selected conv/FC layers as loop nests
  optimize, //  per layer: schemes, bounds, baselines, MILPs; the event simulator replays the choice
  summarise, // mapping.json and metrics.json content
  save, //      run directory (temporary sibling, renamed when complete)
  report, //    report.html / report.md
];
