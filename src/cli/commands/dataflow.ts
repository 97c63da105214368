/** `pimsyn dataflow`: MIREDO per-layer dataflow optimisation of a network on a multi-core SRAM CIM chip. */
import { Option, type Command } from "@commander-js/extra-typings";
import { UserError } from "../../errors.ts";
import { jsonText } from "../../io/atomic.ts";
import { parseShape } from "../../network/load.ts";
import { DEFAULT_LAYER_OPTIONS } from "../../methods/miredo/optimize.ts";
import { runDataflow } from "../../methods/miredo/run.ts";
import { writeDataflowReports } from "../../report/dataflow.ts";
import { fmt } from "../format.ts";
import { terminalSafe, writeErr, writeOut } from "../terminal.ts";
import { parseDurationMs, parsePositiveInt } from "../parse.ts";

export function register(program: Command): void {
  program
    .command("dataflow")
    .description("MIREDO: per-layer loop tiling, loop order, memory placement, bypass and double buffering by MILP, checked by an event simulator")
    .argument("<model>", "zoo model name (see `pimsyn models`; CNNs and transformers) or a network file (.json, reference .json, .onnx)")
    .option("--hw <name|file>", "hardware description: miredo-8core-28nm, miredo-transformer or a JSON file (docs/dataflow.md)", "miredo-8core-28nm")
    .addOption(new Option("--objective <o>", "what each layer minimises").choices(["latency", "energy", "edp"] as const).default("edp" as const))
    .option("--layers <list>", "conv/FC layer names or index ranges, e.g. 0-3,fc (default: all)")
    .option("--milp-time-limit <t>", "wall-clock limit of one MILP, e.g. 10s or 2m", `${DEFAULT_LAYER_OPTIONS.milpTimeLimitS}s`)
    .option("--max-schemes <N>", "MILP-solved spatial schemes per layer (best roofline bound first)", String(DEFAULT_LAYER_OPTIONS.maxSchemes))
    .option("--order-search", "also let the MILP choose the loop order of nests over 3 loops (slow; a MILP stopped by --milp-time-limit makes the result depend on machine speed)")
    .option("--workers <N>", "worker threads for the layers' searches (results do not depend on it)", "1")
    .option("--input-shape <CxHxW>", "override the network's input shape")
    .option("--json", "print metrics.json to stdout")
    .option("--out <dir>", "parent of the run directory", "out")
    .action(async (model, o) => {
      const limitMs = parseDurationMs(o.milpTimeLimit, "--milp-time-limit");
      if (limitMs < 100 || limitMs > 86_400_000) throw new UserError(`expected a limit between 0.1s and 24h, found "${o.milpTimeLimit}"`, { pointer: "--milp-time-limit" });
      const workers = parsePositiveInt(o.workers, "--workers", 1024);
      const options = { ...DEFAULT_LAYER_OPTIONS, objective: o.objective, milpTimeLimitS: limitMs / 1000, maxSchemes: parsePositiveInt(o.maxSchemes, "--max-schemes", 1000), fullOrderSearch: o.orderSearch === true };
      const quiet = o.json || !process.stderr.isTTY;
      const ctx = await runDataflow(
        {
          model,
          hardware: o.hw,
          options,
          layers: o.layers,
          inputShape: o.inputShape ? parseShape(o.inputShape) : undefined,
          outDir: o.out,
          workers,
          // The carriage return is ours; the layer name (user text) is escaped.
          onLayer: quiet ? undefined : (done, total, name) => process.stderr.write(`\r  layer ${done}/${total} ${terminalSafe(name.slice(0, 40)).padEnd(40)}`),
        },
        writeDataflowReports,
      );
      if (!quiet) writeErr("\n");
      for (const w of ctx.warnings) writeErr(`warning: ${w}\n`);
      if (o.json) {
        writeOut(jsonText(ctx.metrics));
        return;
      }
      const m = ctx.metrics;
      const lines = [
        `${m.network.name} on ${m.hardware.name}: ${m.layers.length} layers, objective ${m.options.objective}`,
        `  total           latency ${fmt(m.total.latencyCycles, 0)} cycles, energy ${fmt(m.total.energyPj / 1e6, 2)} µJ, EDP ${m.total.edp.toExponential(3)} cycle·pJ`,
        `  vs greedy       EDP gain ${fmt(m.edpGain.vsGreedy, 2)}× (ZigZag/LOMA-like baseline)`,
        `  vs WS           EDP gain ${fmt(m.edpGain.vsWs, 2)}× (fixed weight-stationary)`,
        `  simulator       mean |analytic − simulated| ${fmt(m.agreement.meanErrorPct, 2)} %, worst ${m.agreement.worstLayer} ${fmt(m.agreement.worstErrorPct, 2)} %`,
        `  MILPs           ${m.milp.solved} solved (${m.milp.timeLimitHits} at the time limit), ${m.milp.schemesPruned} schemes pruned, ${m.milp.layersProven}/${m.layers.length} layers proven optimal`,
        `  run directory   ${ctx.runDir}`,
      ];
      writeOut(lines.join("\n") + "\n");
    });
}
