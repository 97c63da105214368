/** Run program.dmo through the event simulator: an independent timing of the emitted meta-operator stream. */
import type { Stage } from "../../src/flow/stage.ts";
import type { DualModeContext } from "../../src/methods/cmswitch/context.ts";
import { simulateProgram } from "../../src/schedule/dualmode-sim.ts";

export const simulate: Stage<DualModeContext, "result" | "hw", "simulation"> = {
  name: "simulate",
  needs: ["result", "hw"],
  adds: ["simulation"],
  run({ result, hw }) {
    return { simulation: simulateProgram(result.program, hw) };
  },
};
