/** The ISAAC-like baseline on the same preset, for the "gain over ISAAC" figure. */
import type { Stage } from "../src/synth/stage.ts";
import type { SynthContext } from "../src/synth/context.ts";
import { isaacLikeBaseline } from "../src/synth/baselines.ts";

export const baseline: Stage<SynthContext, "network" | "preset", "baseline"> = {
  name: "baseline",
  needs: ["network", "preset"],
  adds: ["baseline"],
  run({ network, preset }) {
    const { metrics: _metrics, ...b } = isaacLikeBaseline(network, preset);
    return { baseline: b };
  },
};
