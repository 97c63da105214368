import { writeErr, writeOut } from "../terminal.ts";
import { Command, Option } from "@commander-js/extra-typings";
import { jsonText } from "../../io/atomic.ts";
import { parseShape } from "../../network/load.ts";
import { UserError } from "../../errors.ts";
import { runScheduleRequest } from "../../methods/clsa/run.ts";
import type { ScheduleResult } from "../../methods/clsa/types.ts";
import { writeReports } from "../../report/render.ts";
import { fmt } from "../format.ts";
import { parsePositiveInt } from "../parse.ts";

const DEFAULT_TRACE_TASKS = 500_000;

function parseNs(text: string, option: string): number {
  if (!/^\s*\d+(\.\d+)?(e[+-]?\d+)?\s*$/i.test(text)) throw new UserError(`expected a non-negative number of ns, found "${text}"`, { pointer: option });
  const v = Number(text);
  if (!Number.isFinite(v) || v > 1e12) throw new UserError(`expected at most 1e12 ns, found "${text}"`, { pointer: option });
  return v;
}

const us = (ns: number) => `${fmt(ns / 1e3, 1)} µs`;
const pct = (x: number) => `${fmt(100 * x, 1)}%`;

function printHuman(r: ScheduleResult, written: string[]): void {
  const a = r.arch;
  const out = [
    `${r.network.name} on ${a.name} (${a.preset}): ${fmt(a.crossbars, 0)} crossbars ${a.crossbarSize}×${a.crossbarSize}, ` +
      `${a.cellBits}-bit cells, ${a.dacBits}-bit DACs → t_MVM ${fmt(r.timing.mvmRoundNs, 1)} ns (${r.timing.bitIterations} × ${fmt(r.timing.crossbarReadNs, 1)} ns)`,
    `  timing          ${r.options.timing === "design" ? "the design's own allocation (stage times of its ADCs, ALUs, scratchpads, NoC; as the simulator)" : "CLSA-CIM units: t_MVM per pixel, one GPEU lane per vector layer"}`,
    `  duplication     ${r.options.duplication}: ${fmt(r.mapping.crossbarsUsed, 0)} crossbars used (one copy of each layer: ${fmt(r.mapping.minCrossbars, 0)})`,
    `  sets            ${fmt(r.sets, 0)} (${r.options.granularity} granularity), ${fmt(r.dependencies, 0)} dependencies, transfer ${fmt(r.options.transferNs, 1)} ns per edge`,
  ];
  for (const run of r.runs)
    out.push(`  ${run.policy.padEnd(15)} makespan ${us(run.makespanNs).padStart(14)}   utilisation ${pct(run.utilisation)} of the chip, ${pct(run.mappedUtilisation)} of the used crossbars`);
  if (r.speedup !== undefined) out.push(`  speedup         ${fmt(r.speedup, 2)}× (layer-by-layer / cross-layer, same mapping)`);
  const b = r.baseline;
  if (b)
    out.push(
      `  vs baseline     layer-by-layer, one copy per layer: ${us(b.makespanNs)} → ${fmt(b.speedup, 2)}× speedup, ` +
        `utilisation ×${fmt(b.utilisationGain, 2)} (×${fmt(b.mappedUtilisationGain, 2)} over used crossbars)`,
    );
  for (const f of written) out.push(`  wrote           ${f}`);
  writeOut(out.join("\n") + "\n");
}

export function register(program: Command): void {
  program
    .command("schedule")
    .description("cross-layer (CLSA-CIM) and layer-by-layer scheduling of a network on an architecture: makespan, utilisation, trace")
    .argument("<model>", "zoo model name (see `pimsyn models`) or a network file (.json, reference .json, .onnx)")
    .requiredOption("--arch <file>", "arch.json (a run's or hand-written, e.g. specs/examples/isaac.arch.json)")
    .addOption(new Option("--policy <policy>", "which schedules to compute").choices(["cross-layer", "layer-by-layer", "both"] as const).default("both" as const))
    .addOption(new Option("--granularity <g>", "set size: one OFM row, one MVM step of all copies, or the whole layer").choices(["row", "block", "layer"] as const).default("row" as const))
    .option("--transfer-ns <N>", "latency added on every edge into a computing layer (CLSA-CIM: 0)", "0")
    .addOption(
      new Option("--duplication <mode>", "weight copies: the arch's mapping, one per layer, or greedy on the chip's crossbars (default: keep if the arch maps this network, else greedy)").choices(["keep", "none", "greedy"] as const),
    )
    .option("--gpeu-ns <N>", "fixed latency of every GPEU set (default: elements / (vector width × rate) of the preset's ALU row)")
    .option("--preset <name|file>", "component preset (default: the spec's preset)")
    .option("--override <file>", "JSON file overriding preset rows")
    .option("--input-shape <CxHxW>", "override the network's input shape")
    .option("--json", "print schedule.json to stdout")
    .option("--out <dir>", "write schedule.json and trace.json here (default: the run directory when --arch is a run's arch.json)")
    .option("--trace-limit <N>", "most tasks drawn in trace.json", String(DEFAULT_TRACE_TASKS))
    .action(async (modelName, o) => {
      const ctx = await runScheduleRequest(
        {
          model: modelName,
          archFile: o.arch,
          preset: o.preset,
          override: o.override,
          inputShape: o.inputShape ? parseShape(o.inputShape) : undefined,
          options: {
            policy: o.policy,
            granularity: o.granularity,
            transferNs: parseNs(o.transferNs, "--transfer-ns"),
            duplication: o.duplication,
            gpeuNsPerSet: o.gpeuNs === undefined ? undefined : parseNs(o.gpeuNs, "--gpeu-ns"),
          },
          outDir: o.out,
          traceLimit: parsePositiveInt(o.traceLimit, "--trace-limit", 1e8),
        },
        writeReports,
      );
      for (const w of ctx.warnings) writeErr(`warning: ${w}\n`);
      const { result, written } = ctx;
      if (ctx.droppedTasks > 0)
        writeErr(`warning: trace.json holds the first ${fmt(ctx.request.traceLimit, 0)} tasks; ${fmt(ctx.droppedTasks, 0)} more not drawn (--trace-limit)\n`);
      if (o.json) {
        writeOut(jsonText(result));
        for (const f of written) writeErr(`wrote ${f}\n`);
      } else printHuman(result, written);
    });
}
