/**
 * The operator lists (§4.3.1 preprocessing): CIM layers as matrix products in topological order with their
 * dependencies; oversize operators split greedily, for dual mode (tiles sized for the best compute/memory mix)
 * and for the all-compute baseline (tiles that fill the chip).
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { DualModeContext } from "../../src/methods/cmswitch/context.ts";
import { operatorList } from "../../src/methods/cmswitch/operators.ts";

export const operators: Stage<DualModeContext, "network" | "hw", "dualOperators" | "baselineOperators"> = {
  name: "operators",
  needs: ["network", "hw"],
  adds: ["dualOperators", "baselineOperators"],
  run({ network, hw }) {
    return { dualOperators: operatorList(network, hw, "dual-mode"), baselineOperators: operatorList(network, hw, "all-compute") };
  },
};
