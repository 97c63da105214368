/** Loads the network and the hardware description and turns the selected conv/FC layers into loop nests. */
import type { Stage } from "../../src/flow/stage.ts";
import type { DataflowContext } from "../../src/methods/miredo/context.ts";
import { loadDataflowHardware } from "../../src/hardware/dataflow-hw.ts";
import { loadNetwork } from "../../src/network/load.ts";
import { UserError } from "../../src/errors.ts";
import { selectLayers } from "../../src/methods/miredo/layers.ts";
import { isMappable, loopNest } from "../../src/methods/miredo/workload.ts";

export const load: Stage<DataflowContext, "request", "network" | "warnings" | "hardware" | "nests"> = {
  name: "load",
  needs: ["request"],
  adds: ["network", "warnings", "hardware", "nests"],
  async run({ request }) {
    const loaded = typeof request.model === "string" ? await loadNetwork(request.model, { inputShape: request.inputShape }) : { network: request.model, warnings: [] };
    const hardware = typeof request.hardware === "string" ? loadDataflowHardware(request.hardware) : request.hardware;
    const mappable = loaded.network.layers.filter(isMappable);
    if (mappable.length === 0) throw new UserError(`network "${loaded.network.name}" has no conv or FC layer to map`, { pointer: "/layers" });
    const nests = selectLayers(mappable, request.layers).map(loopNest);
    return { network: loaded.network, warnings: loaded.warnings, hardware, nests };
  },
};
