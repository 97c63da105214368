/**
 * The baselines on the same preset: the ISAAC-like design filling the same power budget (the headline's "gain
 * over") and the ISAAC-like design holding the weights once (ablation table only, labelled with its power).
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { SynthContext } from "../../src/methods/pimsyn/context.ts";
import { isaacLikeSameBudget, isaacLikeWeightsOnce } from "../../src/methods/pimsyn/baselines.ts";

export const baseline: Stage<SynthContext, "network" | "preset" | "options", "baseline" | "weightsOnce"> = {
  name: "baseline",
  needs: ["network", "preset", "options"],
  adds: ["baseline", "weightsOnce"],
  run({ network, preset, options }) {
    return {
      baseline: isaacLikeSameBudget(network, preset, options.powerW),
      weightsOnce: isaacLikeWeightsOnce(network, preset, options.powerW),
    };
  },
};
