/** Ours or, when the baseline's plan is faster, the baseline's; metrics, array coordinates and program.dmo. */
import type { Stage } from "../../src/flow/stage.ts";
import type { DualModeContext } from "../../src/methods/cmswitch/context.ts";
import { chooseResult } from "../../src/methods/cmswitch/compile.ts";

export const choose: Stage<DualModeContext, "network" | "hw" | "dualOperators" | "dualPlan" | "baselineOperators" | "baselinePlan", "result"> = {
  name: "choose",
  needs: ["network", "hw", "dualOperators", "dualPlan", "baselineOperators", "baselinePlan"],
  adds: ["result"],
  run(c) {
    return { result: chooseResult(c.network, c.hw, { operators: c.dualOperators, plan: c.dualPlan }, { operators: c.baselineOperators, plan: c.baselinePlan }) };
  },
};
