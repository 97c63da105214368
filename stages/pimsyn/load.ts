/** Load the network and the component preset (with the user's overrides). */
import type { Stage } from "../../src/flow/stage.ts";
import type { SynthContext } from "../../src/methods/pimsyn/context.ts";
import { loadNetwork } from "../../src/network/load.ts";
import { requireCnn } from "../../src/network/workload.ts";
import { loadPresetWithOverrides } from "../../src/hardware/preset.ts";

export const load: Stage<SynthContext, "options", "network" | "preset" | "warnings"> = {
  name: "load",
  needs: ["options"],
  adds: ["network", "preset", "warnings"],
  async run({ options }) {
    const { network, warnings } = await loadNetwork(options.model, { inputShape: options.inputShape });
    requireCnn(network, "pimsyn synth");
    const preset = loadPresetWithOverrides(options.preset, options.presetOverride);
    return { network, preset, warnings };
  },
};
