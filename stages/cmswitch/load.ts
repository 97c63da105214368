/** Load the network (transformer zoo models at the requested sequence length, batch and phase) and the DEHA chip. */
import type { Stage } from "../../src/flow/stage.ts";
import type { DualModeContext } from "../../src/methods/cmswitch/context.ts";
import { loadDeha } from "../../src/hardware/deha.ts";
import { loadNetwork } from "../../src/network/load.ts";

export const load: Stage<DualModeContext, "request", "network" | "hw" | "warnings"> = {
  name: "load",
  needs: ["request"],
  adds: ["network", "hw", "warnings"],
  async run({ request }) {
    const hw = loadDeha(request.hw);
    const transformer = { seq: request.seq?.[0], batch: request.batch, phase: request.phase };
    const { network, warnings } = await loadNetwork(request.model, { transformer });
    return { network, hw, warnings };
  },
};
