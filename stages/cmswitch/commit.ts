/** Move the complete run directory into place: readers see all of it or none of it. */
import type { Stage } from "../../src/flow/stage.ts";
import type { DualModeContext } from "../../src/methods/cmswitch/context.ts";

export const commit: Stage<DualModeContext, "run" | "saved", "runDir"> = {
  name: "commit",
  needs: ["run", "saved"],
  adds: ["runDir"],
  run({ run, saved }) {
    return { runDir: run && saved.length > 0 ? run.commit() : "" };
  },
};
