/** The context the MIREDO stages read and extend (src/methods/miredo/stage-list.ts). */
import type { DataflowHardware } from "../../hardware/dataflow-hw.ts";
import type { Network, Shape } from "../../network/types.ts";
import type { LayerOptions } from "./optimize.ts";
import type { DataflowMapping, DataflowMetrics, LayerOutcome } from "./result.ts";
import type { LoopNest } from "./workload.ts";

export interface DataflowRequest {
  /** Zoo name or network file; or a resolved network (library callers). */
  model: string | Network;
  /** Built-in hardware name or file (default miredo-8core-28nm); or a description (library callers). */
  hardware: string | DataflowHardware;
  options: LayerOptions;
  /** Layer names or index ranges over the conv/FC layers ("0-3,fc"); all when absent. */
  layers?: string;
  inputShape?: Shape;
  /** Parent of the run directory; no run directory when absent. */
  outDir?: string;
  /** Worker threads for the distinct layers' searches (1: in this thread). */
  workers?: number;
  /** Called as each distinct layer finishes (progress). */
  onLayer?: (done: number, total: number, name: string) => void;
}

export interface DataflowContext {
  request: DataflowRequest;
  /** Renders report.html / report.md into a run directory (supplied by the face). */
  renderReports: (runDir: string) => { html: string; md: string };
  network: Network;
  warnings: string[];
  hardware: DataflowHardware;
  /** The selected conv/FC layers as loop nests, in network order. */
  nests: LoopNest[];
  outcomes: LayerOutcome[];
  mapping: DataflowMapping;
  metrics: DataflowMetrics;
  /** Wall times (timing.json). */
  timing: { layers: { name: string; wallMs: number; milpMs: number[] }[] };
  runDir: string;
  written: string[];
}
