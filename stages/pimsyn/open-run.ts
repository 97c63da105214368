/** Open the run directory (a temporary sibling until `save`) and the stream explored.jsonl goes to. */
import type { Stage } from "../../src/flow/stage.ts";
import type { SynthContext } from "../../src/methods/pimsyn/context.ts";
import { RunDir, powerLabel, safeName } from "../../src/flow/run-dir.ts";
import { runHash } from "../../src/methods/pimsyn/results.ts";

export const openRun: Stage<SynthContext, "options" | "network" | "preset" | "outDir" | "hooks", "run" | "sink"> = {
  name: "open-run",
  needs: ["options", "network", "preset", "outDir", "hooks"],
  adds: ["run", "sink"],
  run({ options, network, preset, outDir, hooks }) {
    const name = `${safeName(network.name)}-${powerLabel(options.powerW)}-${runHash(options, network.hash, preset)}`;
    const run = new RunDir(outDir, name);
    return { run, sink: { explored: (line) => run.explored(line), progress: hooks.progress, signal: hooks.signal } };
  },
};
