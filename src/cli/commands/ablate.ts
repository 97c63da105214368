import { Command } from "@commander-js/extra-typings";
import { synthesize, type SynthesizeCall } from "../../api/synthesize.ts";
import { buildMetrics } from "../../methods/pimsyn/results.ts";
import { parsePositiveInt, parsePowerW, parseSeed } from "../parse.ts";
import { DEFAULT_OPTIONS } from "../../methods/pimsyn/options.ts";
import { defaultWorkers } from "../../flow/workers.ts";
import { jsonText, writeFileAtomic } from "../../io/atomic.ts";
import { fmt } from "../format.ts";
import { join } from "node:path";

/** The ablations of the paper's Figs. 7–9 plus a no-duplication variant, each a full synthesis on the same preset. */
const VARIANTS: { name: string; description: string; change: Partial<SynthesizeCall> }[] = [
  { name: "pimsyn", description: "SA filter, specialised macros, sharing (full method)", change: {} },
  { name: "heuristic-duplication", description: "WO·HO-proportional duplication instead of the SA filter", change: { duplication: "proportional" } },
  { name: "identical-macros", description: "identical (unified) macros instead of specialised ones", change: { macroMode: "unified" } },
  { name: "no-sharing", description: "no inter-layer macro sharing (no ADC reuse)", change: { sharing: false } },
  { name: "no-duplication", description: "one copy of every layer's weights", change: { duplication: "none" } },
];

export function register(program: Command): void {
  program
    .command("ablate")
    .description("compare the full method with its ablations and an ISAAC-like design on the same preset")
    .argument("<model>", "zoo model name or network file")
    .requiredOption("--power <P>", "total power budget (49W, 49, 500mW)")
    .option("--preset <name|file>", "component preset", DEFAULT_OPTIONS.preset)
    .option("--seed <N>", "random seed", "1")
    .option("--workers <N>", "worker threads")
    .option("--out <dir>", "parent folder of the run directories", "out")
    .option("--json", "print the table as JSON")
    .action(async (model, o) => {
      const base: SynthesizeCall = {
        model,
        powerW: parsePowerW(o.power),
        preset: o.preset,
        seed: parseSeed(o.seed),
        workers: o.workers === undefined ? defaultWorkers() : parsePositiveInt(o.workers, "--workers", 64),
        outDir: o.out,
      };
      const rows: { name: string; description: string; gopsPerW: number; throughputTops: number; latencyTops: number; peakPowerW: number; runDir?: string }[] = [];
      let fullRunDir = "";
      let baselines: ReturnType<typeof buildMetrics>["baseline"][] = [];
      for (const v of VARIANTS) {
        const ctx = await synthesize({ ...base, ...v.change });
        const m = buildMetrics(ctx);
        const s = m.summary;
        rows.push({ name: v.name, description: v.description, gopsPerW: s.gopsPerW, throughputTops: s.throughputTops, latencyTops: s.latencyTops, peakPowerW: s.powerUsedW, runDir: ctx.runDir });
        if (v.name === "pimsyn") {
          fullRunDir = ctx.runDir;
          baselines = [m.baseline, m.baselineWeightsOnce];
        }
      }
      // Baseline rows carry their power in the label: the weights-once design ignores the budget. A same-budget
      // design that cannot fit the budget is the weights-once design again, so it is left out.
      for (const b of baselines) {
        if (b.name === "isaac-like-same-budget" && !b.withinBudget) continue;
        const over = b.withinBudget ? "" : `, over the ${fmt(base.powerW, 3)} W budget`;
        rows.push({
          name: `${b.name} (${fmt(b.peakPowerW, 3)} W)`,
          description: `${b.description}${over}`,
          gopsPerW: b.gopsPerW,
          throughputTops: b.throughputTops,
          latencyTops: b.latencyTops,
          peakPowerW: b.peakPowerW,
        });
      }
      const full = rows[0];
      const table = { model, powerBudgetW: base.powerW, preset: base.preset, seed: base.seed, rows: rows.map((r) => ({ ...r, gainVsFull: full.gopsPerW / r.gopsPerW })) };
      writeFileAtomic(join(fullRunDir, "ablation.json"), jsonText(table));
      if (o.json) {
        process.stdout.write(jsonText(table));
        return;
      }
      const lines = [`${model} at ${fmt(base.powerW, 3)} W (${base.preset}); gain = full method's GOPS/W ÷ the variant's`];
      lines.push(`  ${"variant".padEnd(36)} ${"GOPS/W".padStart(9)} ${"TOPS".padStart(8)} ${"peak W".padStart(8)} ${"gain".padStart(7)}`);
      for (const r of table.rows)
        lines.push(`  ${r.name.padEnd(36)} ${fmt(r.gopsPerW, 1).padStart(9)} ${fmt(r.throughputTops, 3).padStart(8)} ${fmt(r.peakPowerW, 2).padStart(8)} ${fmt(r.gainVsFull, 2).padStart(6)}×`);
      lines.push("  TOPS: ops ÷ pipeline period (throughputTops); ablation.json also has latencyTops (ops ÷ latency)");
      lines.push(`  table written to ${join(fullRunDir, "ablation.json")}`);
      process.stdout.write(lines.join("\n") + "\n");
    });
}
