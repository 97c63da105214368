/** The network, the architecture and its preset (with overrides); where the outputs go. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Stage } from "../../src/flow/stage.ts";
import type { ScheduleContext } from "../../src/methods/clsa/context.ts";
import { loadArch } from "../../src/io/arch-io.ts";
import { loadPresetWithOverrides } from "../../src/hardware/preset.ts";
import { loadNetwork } from "../../src/network/load.ts";
import { mapsNetwork } from "../../src/methods/clsa/copies.ts";
import { requireCnn } from "../../src/network/workload.ts";

export const load: Stage<ScheduleContext, "request", "network" | "warnings" | "arch" | "preset" | "outDir"> = {
  name: "load",
  needs: ["request"],
  adds: ["network", "warnings", "arch", "preset", "outDir"],
  async run({ request }) {
    const arch = loadArch(request.archFile);
    const preset = loadPresetWithOverrides(request.preset ?? arch.preset, request.override);
    const { network, warnings } = await loadNetwork(request.model, { inputShape: request.inputShape });
    requireCnn(network, "pimsyn schedule");
    const runDir = dirname(resolve(request.archFile));
    // Into the run directory only when the schedule is of the run's own network.
    const ownRun = existsSync(join(runDir, "metrics.json")) && (!arch.mapping || mapsNetwork(arch, network));
    const outDir = request.outDir ?? (ownRun ? runDir : "");
    return { network, warnings, arch, preset, outDir };
  },
};
