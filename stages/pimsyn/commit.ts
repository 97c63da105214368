/** Move the complete run directory into place: readers see all of it or none of it. */
import type { Stage } from "../../src/flow/stage.ts";
import type { SynthContext } from "../../src/methods/pimsyn/context.ts";

export const commit: Stage<SynthContext, "run" | "saved", "runDir"> = {
  name: "commit",
  needs: ["run", "saved"],
  adds: ["runDir"],
  run({ run, saved }) {
    return { runDir: saved ? run.commit() : "" };
  },
};
