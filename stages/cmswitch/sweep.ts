/** With several --seq values: the whole compilation at each further sequence length (speedup and memory ratio vs seq). */
import type { Stage } from "../../src/flow/stage.ts";
import type { DualModeContext, SweepPoint } from "../../src/methods/cmswitch/context.ts";
import { compileNetwork } from "../../src/methods/cmswitch/compile.ts";
import { loadNetwork } from "../../src/network/load.ts";

export const sweep: Stage<DualModeContext, "request" | "hw" | "result", "sweep"> = {
  name: "sweep",
  needs: ["request", "hw", "result"],
  adds: ["sweep"],
  async run({ request, hw, result }) {
    const seqs = request.seq ?? [];
    if (seqs.length < 2) return { sweep: [] };
    const point = (seq: number, r: typeof result): SweepPoint => ({
      seq,
      latencyCycles: r.metrics.latencyCycles,
      baselineLatencyCycles: r.metrics.baselineLatencyCycles,
      speedup: r.metrics.speedup,
      memoryRatio: r.metrics.memoryRatio,
    });
    const points = [point(seqs[0], result)];
    for (const seq of seqs.slice(1)) {
      const { network } = await loadNetwork(request.model, { transformer: { seq, batch: request.batch, phase: request.phase } });
      points.push(point(seq, await compileNetwork(network, hw)));
    }
    return { sweep: points };
  },
};
