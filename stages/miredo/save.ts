/**
 * The run directory out/<network>-<hardware>-dataflow-<hash of the inputs>/: mapping.json, metrics.json,
 * timing.json and the reports, written to a temporary sibling and renamed into place when complete.
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { DataflowContext } from "../../src/methods/miredo/context.ts";
import { jsonText } from "../../src/io/atomic.ts";
import { RunDir, safeName, shortHash } from "../../src/flow/run-dir.ts";

export const save: Stage<DataflowContext, "request" | "network" | "hardware" | "mapping" | "metrics" | "timing", "runDir" | "written"> = {
  name: "save",
  needs: ["request", "network", "hardware", "mapping", "metrics", "timing"],
  adds: ["runDir", "written"],
  run({ request, network, hardware, mapping, metrics, timing }) {
    if (request.outDir === undefined) return { runDir: "", written: [] };
    const name = `${safeName(network.name)}-${safeName(hardware.name)}-dataflow-${shortHash({ network: network.hash, hardware, options: mapping.options })}`;
    const dir = new RunDir(request.outDir, name);
    try {
      for (const l of mapping.layers) for (const m of l.milps) dir.explored({ layer: l.name, ...m });
      const totalMs = timing.layers.reduce((s, l) => s + l.wallMs, 0);
      dir.write({ "mapping.json": jsonText(mapping), "metrics.json": jsonText(metrics), "timing.json": jsonText({ totalMs, ...timing }) });
      const runDir = dir.commit();
      return { runDir, written: ["mapping.json", "metrics.json", "timing.json", "explored.jsonl"].map((f) => `${runDir}/${f}`) };
    } catch (e) {
      dir.discard();
      throw e;
    }
  },
};
