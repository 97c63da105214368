/**
 * One search per distinct loop nest (ResNet's repeated blocks share one; results are identical): spatial schemes,
 * roofline pruning, baselines as the incumbent, MILPs (src/methods/miredo/optimize.ts), then the event simulator's
 * replay of the choice. Distinct nests run on the worker pool when `workers` > 1 (independent searches: the
 * outcome does not depend on the worker count).
 */
import type { Stage } from "../../src/flow/stage.ts";
import { WorkerPool } from "../../src/flow/workers.ts";
import type { DataflowContext } from "../../src/methods/miredo/context.ts";
import type { LayerTask } from "../../src/methods/miredo/layer-task.ts";
import type { LayerOutcome } from "../../src/methods/miredo/result.ts";
import type { DataflowHardware } from "../../src/hardware/dataflow-hw.ts";
import { moduleUrl } from "../../src/paths.ts";

const TASK_MODULE = moduleUrl(import.meta.url, "../../src/methods/miredo/layer-task");

export const optimize: Stage<DataflowContext, "request" | "hardware" | "nests", "outcomes" | "timing"> = {
  name: "optimize",
  needs: ["request", "hardware", "nests"],
  adds: ["outcomes", "timing"],
  async run({ request, hardware, nests }) {
    const keyOf = nests.map((n) => JSON.stringify({ ...n, layer: "" }));
    const distinct: number[] = [];
    const first = new Map<string, number>();
    keyOf.forEach((k, i) => {
      if (!first.has(k)) {
        first.set(k, distinct.length);
        distinct.push(i);
      }
    });
    const tasks: LayerTask[] = distinct.map((i) => ({ nest: nests[i], options: request.options }));
    const pool = new WorkerPool<LayerTask, LayerOutcome, { hardware: DataflowHardware }>(TASK_MODULE, "optimizeLayerTask", Math.min(request.workers ?? 1, tasks.length), { hardware });
    const started = performance.now();
    const doneAt: number[] = new Array<number>(tasks.length).fill(0);
    let done = 0;
    let results: (LayerOutcome | undefined)[];
    try {
      results = await pool.run(tasks, (k) => {
        doneAt[k] = performance.now() - started;
        done++;
        request.onLayer?.(done, tasks.length, nests[distinct[k]].layer);
      });
    } finally {
      await pool.close();
    }
    const got = (d: number): LayerOutcome => {
      const r = results[d];
      if (!r) throw new Error(`internal: no result for layer "${nests[distinct[d]].layer}"`);
      return r;
    };
    const outcomes = keyOf.map((k) => got(first.get(k) as number));
    const timing: DataflowContext["timing"] = {
      layers: nests.map((n, i) => {
        const d = first.get(keyOf[i]) as number;
        const own = distinct[d] === i;
        return { name: n.layer, wallMs: own ? doneAt[d] : 0, milpMs: own ? got(d).result.milps.map((m) => m.solveMs) : [] };
      }),
    };
    return { outcomes, timing };
  },
};
