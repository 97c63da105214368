/** Segmentation DP with a dual-mode MILP per segment (cached by signature), each segment free to fall back to all-compute. */
import type { Stage } from "../../src/flow/stage.ts";
import type { DualModeContext } from "../../src/methods/cmswitch/context.ts";
import { chipOf } from "../../src/methods/cmswitch/operators.ts";
import { planSegments } from "../../src/methods/cmswitch/plan.ts";

export const allocate: Stage<DualModeContext, "dualOperators" | "hw", "dualPlan"> = {
  name: "allocate",
  needs: ["dualOperators", "hw"],
  adds: ["dualPlan"],
  async run({ dualOperators, hw }) {
    return { dualPlan: await planSegments(dualOperators, chipOf(hw), hw.arrayBytes, "dual") };
  },
};
