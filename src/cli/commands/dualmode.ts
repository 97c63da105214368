/** `pimsyn dualmode`: CMSwitch dual-mode compilation of a network on a DEHA chip against the all-compute baseline. */
import { writeErr, writeOut } from "../terminal.ts";
import { Command, Option } from "@commander-js/extra-typings";
import { jsonText } from "../../io/atomic.ts";
import { runDualMode } from "../../methods/cmswitch/run.ts";
import { metricsJson } from "../../methods/cmswitch/results.ts";
import type { DualModeContext } from "../../methods/cmswitch/context.ts";
import { writeDualModeReports } from "../../report/dualmode.ts";
import { UserError } from "../../errors.ts";
import { fmt } from "../format.ts";
import { parseIntList, parsePositiveInt } from "../parse.ts";

function printHuman(ctx: DualModeContext): void {
  const m = ctx.result.metrics;
  const pct = (x: number) => `${fmt(100 * x, 1)}%`;
  const out = [
    `${ctx.network.name} on ${ctx.hw.name} (${ctx.hw.arrays} dual-mode arrays): ${ctx.network.spec.description ?? ""}`,
    `  latency         ${fmt(m.latencyCycles, 0)} cycles (${fmt(m.latencyUs, 1)} µs)   all-compute baseline ${fmt(m.baselineLatencyCycles, 0)} cycles`,
    `  speedup         ${fmt(m.speedup, 3)}×${ctx.result.fellBack ? " (fell back to the all-compute plan)" : ""}`,
    `  memory ratio    ${pct(m.memoryRatio)} of arrays in use (time-weighted); ${m.segments} segments, ${m.operators} operators`,
    `  time shares     reload ${pct(m.reloadShare)}, switches ${pct(m.switchShare)}, write-back ${pct(m.writeBackShare)}`,
    `  solver          ${ctx.result.ours.plan.stats.milps} MILPs, ${ctx.result.ours.plan.stats.cacheHits} cache hits, ${ctx.result.ours.plan.stats.dpStates} DP states`,
    `  simulator       ${fmt(ctx.simulation.totalCycles, 0)} cycles (${fmt(100 * (ctx.simulation.totalCycles / m.latencyCycles - 1), 2)}% from the analytic latency)`,
  ];
  for (const p of ctx.sweep) out.push(`  seq ${String(p.seq).padStart(5)}       speedup ${fmt(p.speedup, 3)}×, memory ratio ${pct(p.memoryRatio)}`);
  if (ctx.runDir) out.push(`  wrote           ${ctx.runDir}/`);
  writeOut(out.join("\n") + "\n");
}

export function register(program: Command): void {
  program
    .command("dualmode")
    .description("CMSwitch dual-mode compilation: arrays in compute or memory mode per segment (DP + MILP), vs an all-compute CIM-MLC-like baseline")
    .argument("<model>", "zoo model (CNN or transformer: bert-base, bert-large, gpt2-medium, opt-6.7b, opt-13b, llama2-7b) or a network .json/.onnx")
    .option("--hw <name|file>", "DEHA chip: dynaplasia, prime-reram or a DEHA .json (specs/deha.schema.json)", "dynaplasia")
    .option("--seq <n[,n...]>", "transformers: sequence length (prefill) or KV-cache length (decode); a list makes a sweep; default 64")
    .option("--batch <n>", "transformers: sequences per batch; default 1")
    .addOption(new Option("--phase <p>", "transformers: prefill or one decode step").choices(["prefill", "decode"] as const))
    .addOption(new Option("--baseline <b>", "the baseline compiler").choices(["cim-mlc"] as const).default("cim-mlc" as const))
    .option("--json", "print metrics.json only")
    .option("--out <dir>", "parent of the run directory", "out")
    .action(async (model, o) => {
      // A list is sorted and deduplicated: the main run is the shortest sequence, the sweep covers all.
      const seq = o.seq === undefined ? undefined : parseIntList(o.seq, "--seq");
      if (seq && seq.length > 16) throw new UserError(`expected at most 16 sequence lengths, found ${seq.length}`, { pointer: "--seq" });
      const request = {
        model,
        hw: o.hw,
        seq,
        batch: o.batch === undefined ? undefined : parsePositiveInt(o.batch, "--batch"),
        phase: o.phase,
        outDir: o.out,
      };
      const ctx = await runDualMode(request, writeDualModeReports);
      for (const w of ctx.warnings) writeErr(`warning: ${w}\n`);
      if (o.json) {
        writeOut(jsonText(metricsJson(request, ctx.result, ctx.simulation, ctx.sweep)));
        if (ctx.runDir) writeErr(`wrote ${ctx.runDir}/\n`);
      } else printHuman(ctx);
    });
}
