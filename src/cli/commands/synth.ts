import { writeErr, writeOut } from "../terminal.ts";
import { interruptOnSignals } from "../signals.ts";
import { Command, Option } from "@commander-js/extra-typings";
import { pc } from "../colors.ts";
import { progressBar } from "../progress.ts";
import { synthesize } from "../../api/synthesize.ts";
import { DEFAULT_OPTIONS } from "../../methods/pimsyn/options.ts";
import { PAPER_SPACE } from "../../methods/pimsyn/space.ts";
import { buildMetrics } from "../../methods/pimsyn/results.ts";
import { parseShape } from "../../network/load.ts";
import { parseAreaMm2, parseDurationMs, parseIntList, parseNonNegative, parsePositiveInt, parsePowerW, parseRatios, parseSeed } from "../parse.ts";
import { jsonText } from "../../io/atomic.ts";
import { fmt } from "../format.ts";
import { AbortedError, defaultWorkers } from "../../flow/workers.ts";
import { workersOption } from "../workers-option.ts";

export function register(program: Command): void {
  program
    .command("synth")
    .description("synthesize the most power-efficient accelerator for a network under a power budget")
    .argument("<model>", "zoo model name (see `pimsyn models`) or a network file (.json, reference .json, .onnx)")
    .requiredOption("--power <P>", "total power budget: 49W, 49 (watts), 500mW, 1.2kW")
    .option("--area <A>", "chip area budget: 120mm2, 120 (mm²), 1.5cm2 (default: not capped)")
    .option("--preset <name|file>", "component preset", DEFAULT_OPTIONS.preset)
    .option("--override <file>", "JSON file overriding preset rows")
    .option("--seed <N>", "random seed (same inputs + seed give byte-identical arch.json and metrics.json)", "1")
    .option("--workers <N>", `worker threads (default: cores, here ${defaultWorkers()})`)
    .option("--json", "print metrics.json instead of the summary")
    .option("--max-evaluations <N>", "exact cap on analytic evaluations (EA fitness calls)")
    .option("--time-budget <T>", "wall-clock budget (60s, 2m); returns the best design so far, marked as such")
    .option("--out <dir>", "parent folder of the run directory", "out")
    .option("--input-shape <CxHxW>", "override the network's input shape")
    .option("--xbar <sizes>", "crossbar sizes to explore", PAPER_SPACE.crossbarSizes.join(","))
    .option("--cell-bits <bits>", "cell resolutions to explore", PAPER_SPACE.cellBits.join(","))
    .option("--dac-bits <bits>", "DAC resolutions to explore", PAPER_SPACE.dacBits.join(","))
    .option("--ratio <range>", "RatioRram values: start:end:step or a list", PAPER_SPACE.ratios.join(","))
    .addOption(new Option("--macro-mode <mode>", "specialised or identical macros").choices(["specified", "unified"] as const).default("specified" as const))
    .option("--no-sharing", "disable inter-layer macro sharing (ADC reuse)")
    .option("--save-partial", "on SIGINT/SIGTERM, still write the run directory with the best design so far")
    .addOption(new Option("--sa-energy <kind>", "SA filter energy: Eq. 4 (paper) or max steps (reference)").choices(["paper", "reference"] as const).default("paper" as const))
    .option("--sa-alpha <α>", "weight of the access-volume term of Eq. 4 (default: equal weight of both terms at the seed)")
    .option("--candidates <K>", "SA vectors kept per rung of the duplication ladder", String(DEFAULT_OPTIONS.candidates))
    .option("--generations <N>", "EA generations for the evolved candidates", String(DEFAULT_OPTIONS.eaGenerations))
    .action(async (model, o) => {
      const powerW = parsePowerW(o.power);
      const workers = workersOption(o.workers);
      const space = {
        crossbarSizes: parseIntList(o.xbar, "--xbar", PAPER_SPACE.crossbarSizes),
        cellBits: parseIntList(o.cellBits, "--cell-bits", PAPER_SPACE.cellBits),
        dacBits: parseIntList(o.dacBits, "--dac-bits", PAPER_SPACE.dacBits),
        ratios: parseRatios(o.ratio),
      };
      const interrupts = interruptOnSignals();
      const tty = process.stderr.isTTY && !o.json;
      const timeBudgetMs = o.timeBudget === undefined ? undefined : parseDurationMs(o.timeBudget);
      const bar = tty ? progressBar(process.stderr, timeBudgetMs === undefined ? undefined : performance.timeOrigin + timeBudgetMs) : undefined;
      const t0 = Date.now();
      try {
        const ctx = await synthesize({
          model,
          powerW,
          areaMm2: o.area === undefined ? undefined : parseAreaMm2(o.area),
          preset: o.preset,
          presetOverride: o.override,
          seed: parseSeed(o.seed),
          workers,
          inputShape: o.inputShape ? parseShape(o.inputShape) : undefined,
          maxEvaluations: o.maxEvaluations === undefined ? undefined : parsePositiveInt(o.maxEvaluations, "--max-evaluations"),
          timeBudgetMs,
          startedAt: performance.timeOrigin, // the budget covers the whole command, start-up included
          space,
          macroMode: o.macroMode,
          sharing: o.sharing,
          saEnergy: o.saEnergy,
          saAlpha: o.saAlpha === undefined ? undefined : parseNonNegative(o.saAlpha, "--sa-alpha"),
          candidates: parsePositiveInt(o.candidates, "--candidates", 1000),
          eaGenerations: parsePositiveInt(o.generations, "--generations", 100000),
          outDir: o.out,
          savePartial: o.savePartial === true,
          signal: interrupts.signal,
          onProgress: (done, total, label, best) => bar?.update(done, total, label, best),
        });
        bar?.stop();
        for (const w of ctx.warnings) writeErr(`${pc.yellow("warning")}: ${w}\n`);
        if (o.json) {
          writeOut(jsonText(buildMetrics(ctx)));
          if (ctx.interrupted) process.exitCode = interrupts.exitCode();
          return;
        }
        const metrics = buildMetrics(ctx);
        const s = metrics.summary;
        const b = metrics.baseline;
        const lines = [
          `${pc.bold(ctx.network.name)} at ${fmt(powerW, 3)} W → ${ctx.runDir}`,
          `  efficiency  ${fmt(s.gopsPerW, 1)} GOPS/W   (${fmt(100 * s.fractionOfSpaceBound, 1)}% of the design space's energy bound, ${fmt(s.spaceBoundGopsPerW, 1)} GOPS/W)`,
          `  vs ISAAC    ${gainLine(s.gainOverBaseline, s.gainNote, b)}`,
          `  throughput  ${fmt(s.throughputTops, 3)} TOPS per period (streamed), ${fmt(s.latencyTops, 3)} TOPS per latency (reference's convention)`,
          `  latency     ${fmt(s.latencyNs / 1e3, 1)} µs (simulated ${fmt((s.simulatedLatencyNs ?? s.latencyNs) / 1e3, 1)} µs)`,
          `  power       ${fmt(s.powerUsedW, 2)} W of ${fmt(powerW, 3)} W budget (peak)` + (s.budgetNote ? `\n              ${s.budgetNote}` : ""),
          `  area        ${fmt(s.areaMm2, 2)} mm²` + (s.areaBudgetMm2 === undefined ? " (not capped)" : ` of ${fmt(s.areaBudgetMm2, 3)} mm² budget`),
          `  design      ${s.crossbarSize}×${s.crossbarSize} crossbars, ${s.cellBits}-bit cells, ${s.dacBits}-bit DAC, ${s.adcBits}-bit ADC, RatioRram ${s.crossbarPowerRatio}`,
          `              ${s.macros} macros (${s.mesh} mesh, ${s.macroMode}), ${s.scratchpadKb} KB scratchpad, ${fmt(s.crossbars, 0)} crossbars` +
            (s.scratchpadNote ? `\n              scratchpad: ${s.scratchpadNote}` : ""),
          `  search      ${ctx.outerPoints.length} outer points (${ctx.outerPoints.filter((p) => !p.feasible).length} infeasible, ${ctx.pruned.length} pruned), ${fmt(ctx.evaluations, 0)} evaluations in ${fmt((Date.now() - t0) / 1e3, 1)} s`,
        ];
        if (ctx.timeBudgetHit) lines.push(pc.yellow("  time budget reached: this is the best design found so far"));
        if (ctx.interrupted) {
          lines[0] = `${pc.bold(ctx.network.name)} at ${fmt(powerW, 3)} W: interrupted (${interrupts.by}); best design so far` + (ctx.runDir ? ` → ${ctx.runDir}` : " (not saved; use --save-partial)");
          process.exitCode = interrupts.exitCode();
        }
        writeOut(lines.join("\n") + "\n");
      } catch (e) {
        bar?.stop();
        if (e instanceof AbortedError || interrupts.by) {
          writeErr(`interrupted (${interrupts.by ?? "abort"}); no run directory written\n`);
          process.exitCode = interrupts.exitCode();
          return;
        }
        throw e;
      } finally {
        interrupts.release();
      }
    });
}


/** The headline comparison: a gain only when both designs are within the budget and both figures are finite. */
function gainLine(gain: number | undefined, note: string | undefined, b: { gopsPerW: number; peakPowerW: number }): string {
  if (gain === undefined) return `no same-budget gain: ${note ?? "not comparable"}`;
  return `${fmt(gain, 2)}× the ISAAC-like design filling the same budget (${fmt(b.gopsPerW, 1)} GOPS/W at ${fmt(b.peakPowerW, 2)} W)`;
}
