import { writeOut } from "../terminal.ts";
import { Command } from "@commander-js/extra-typings";
import { synthesize, type SynthesizeCall } from "../../api/synthesize.ts";
import { buildMetrics } from "../../methods/pimsyn/results.ts";
import { parsePowerW, parseSeed } from "../parse.ts";
import { DEFAULT_OPTIONS } from "../../methods/pimsyn/options.ts";
import { workersOption } from "../workers-option.ts";
import { jsonText, writeFileAtomic } from "../../io/atomic.ts";
import { fmt } from "../format.ts";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ABLATION_FILE, type AblationRow, type AblationTable } from "../../report/ablation.ts";
import { writeReports } from "../../report/render.ts";

/**
 * The ablations of the paper's Figs. 7–9 plus a no-duplication variant, each a full synthesis on the same preset.
 * One run directory results: the full method's, with ablation.json and the table in its report.
 */
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
        workers: workersOption(o.workers),
        outDir: o.out,
      };
      const { runDir, table } = await ablate(base);
      if (o.json) {
        writeOut(jsonText(table));
        return;
      }
      const lines = [`${model} at ${fmt(base.powerW, 3)} W (${base.preset}); gain = full method's GOPS/W ÷ the variant's`];
      lines.push(`  ${"variant".padEnd(36)} ${"GOPS/W".padStart(9)} ${"TOPS".padStart(8)} ${"peak W".padStart(8)} ${"gain".padStart(7)}`);
      for (const r of table.rows)
        lines.push(`  ${r.name.padEnd(36)} ${fmt(r.gopsPerW, 1).padStart(9)} ${fmt(r.throughputTops, 3).padStart(8)} ${fmt(r.peakPowerW, 2).padStart(8)} ${fmt(r.gainVsFull, 2).padStart(6)}×`);
      lines.push("  TOPS: ops ÷ pipeline period (throughputTops); ablation.json also has latencyTops (ops ÷ latency)");
      lines.push(`  run directory ${runDir} (the full method's design; ${ABLATION_FILE} and the report's ablation section hold this table)`);
      writeOut(lines.join("\n") + "\n");
    });
}

/**
 * Run the full method and its variants; the variants run into a scratch folder that is removed, so only the
 * full method's run directory stays, its report rendered with the ablation table in it.
 */
export async function ablate(base: SynthesizeCall): Promise<{ runDir: string; table: AblationTable }> {
  const variants: Omit<AblationRow, "gainVsFull">[] = [];
  const scratch = mkdtempSync(join(tmpdir(), "pimsyn-ablate-"));
  try {
    for (const v of VARIANTS.slice(1)) {
      const m = buildMetrics(await synthesize({ ...base, ...v.change, outDir: scratch }));
      const s = m.summary;
      variants.push({ name: v.name, description: v.description, gopsPerW: s.gopsPerW, throughputTops: s.throughputTops, latencyTops: s.latencyTops, peakPowerW: s.powerUsedW });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  let table: AblationTable | undefined;
  const ctx = await synthesize({
    ...base,
    // Called with the (still temporary) run directory once metrics.json is in it, before it is committed.
    renderReports: (dir) => {
      const m = JSON.parse(readFileSync(join(dir, "metrics.json"), "utf8")) as ReturnType<typeof buildMetrics>;
      const s = m.summary;
      const full = { name: VARIANTS[0].name, description: VARIANTS[0].description, gopsPerW: s.gopsPerW, throughputTops: s.throughputTops, latencyTops: s.latencyTops, peakPowerW: s.powerUsedW };
      // Baseline rows carry their power in the label: the weights-once design ignores the budget. A same-budget
      // design that cannot fit the budget is the weights-once design again, so it is left out.
      const baselines = [m.baseline, m.baselineWeightsOnce]
        .filter((b) => b.withinBudget || b.name !== "isaac-like-same-budget")
        .map((b) => ({
          name: `${b.name} (${fmt(b.peakPowerW, 3)} W)`,
          description: b.withinBudget ? b.description : `${b.description}, over the ${fmt(base.powerW, 3)} W budget`,
          gopsPerW: b.gopsPerW,
          throughputTops: b.throughputTops,
          latencyTops: b.latencyTops,
          peakPowerW: b.peakPowerW,
        }));
      const rows = [full, ...variants, ...baselines].map((r) => ({ ...r, gainVsFull: full.gopsPerW / r.gopsPerW }));
      table = { model: base.model, powerBudgetW: base.powerW, preset: base.preset ?? DEFAULT_OPTIONS.preset, seed: base.seed ?? DEFAULT_OPTIONS.seed, rows };
      writeFileAtomic(join(dir, ABLATION_FILE), jsonText(table));
      writeReports(dir);
    },
  });
  if (!table) throw new Error("the full run did not render its report");
  return { runDir: ctx.runDir, table };
}
