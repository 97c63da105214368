/** The CIM-MLC-like baseline: every array in compute mode, weights duplicated into idle arrays, segments pipelined. */
import type { Stage } from "../../src/flow/stage.ts";
import type { DualModeContext } from "../../src/methods/cmswitch/context.ts";
import { chipOf } from "../../src/methods/cmswitch/operators.ts";
import { planSegments } from "../../src/methods/cmswitch/plan.ts";

export const baseline: Stage<DualModeContext, "baselineOperators" | "hw", "baselinePlan"> = {
  name: "baseline",
  needs: ["baselineOperators", "hw"],
  adds: ["baselinePlan"],
  async run({ baselineOperators, hw }) {
    return { baselinePlan: await planSegments(baselineOperators, chipOf(hw), hw.arrayBytes, "all-compute") };
  },
};
