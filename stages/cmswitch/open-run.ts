/** Open the run directory: a hidden temporary sibling until `commit` renames it into place. */
import type { Stage } from "../../src/flow/stage.ts";
import type { DualModeContext } from "../../src/methods/cmswitch/context.ts";
import { RunDir, safeName } from "../../src/flow/run-dir.ts";
import { runHash } from "../../src/methods/cmswitch/results.ts";

export const openRun: Stage<DualModeContext, "request" | "network" | "hw", "run"> = {
  name: "open-run",
  needs: ["request", "network", "hw"],
  adds: ["run"],
  run({ request, network, hw }) {
    if (request.outDir === undefined) return { run: false };
    const name = `${safeName(network.name)}-dualmode-${safeName(hw.name)}-${runHash(request, network.hash, hw.spec)}`;
    return { run: new RunDir(request.outDir, name, { explored: false }) };
  },
};
