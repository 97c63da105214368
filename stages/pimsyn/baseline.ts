/** The ISAAC-like baseline on the same preset, for the "gain over ISAAC" figure. */
import type { Stage } from "../../src/flow/stage.ts";
import type { SynthContext } from "../../src/methods/pimsyn/context.ts";
import { isaacLikeBaseline } from "../../src/methods/pimsyn/baselines.ts";

export const baseline: Stage<SynthContext, "network" | "preset", "baseline"> = {
  name: "baseline",
  needs: ["network", "preset"],
  adds: ["baseline"],
  run({ network, preset }) {
    const { metrics: _metrics, ...b } = isaacLikeBaseline(network, preset);
    return { baseline: b };
  },
};
