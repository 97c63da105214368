import { writeOut } from "../terminal.ts";
import { Command } from "@commander-js/extra-typings";
import { evaluate, type Metrics } from "../../cost/evaluate.ts";
import { loadArch } from "../../io/arch-io.ts";
import { loadPresetWithOverrides } from "../../hardware/preset.ts";
import { loadNetwork, parseShape } from "../../network/load.ts";
import { requireCnn } from "../../network/workload.ts";
import { ZOO } from "../../network/zoo/zoo.ts";
import { UserError } from "../../errors.ts";
import { jsonText } from "../../io/atomic.ts";
import { fmt } from "../format.ts";

function printHuman(file: string, m: Metrics): void {
  const h = m.hardware;
  const out: string[] = [];
  out.push(`${file}`);
  out.push(`  peak power      ${fmt(h.peakPowerW, 4)} W   (Σ count × peak power of every component)`);
  out.push(`  static power    ${fmt(h.staticPowerW, 4)} W`);
  out.push(`  area            ${fmt(h.areaMm2, 4)} mm²`);
  out.push(`  crossbars       ${fmt(h.crossbars, 0)}`);
  out.push(`  peak throughput ${fmt(h.peakTops, 4)} TOPS  (all crossbars busy; 16-bit ops = 2 × MACs)`);
  out.push(`  peak efficiency ${fmt(h.peakTopsPerW, 3)} TOPS/W`);
  out.push(`  by component kind: peak W / area mm²`);
  for (const [k, v] of Object.entries(h.byKind)) {
    if (v.units === 0) continue;
    out.push(`    ${k.padEnd(12)} ${fmt(v.peakPowerW, 4).padStart(10)} W ${fmt(v.areaMm2, 4).padStart(10)} mm²  (${fmt(v.units, 2)} units)`);
  }
  const mp = m.mapping;
  if (mp) {
    out.push(`  network ${mp.network.name} (${mp.network.hash.slice(0, 12)})`);
    out.push(`    latency       ${fmt(mp.latencyNs / 1e3, 4)} µs (single inference, fine-grained inter-layer pipeline)`);
    out.push(`    period        ${fmt(mp.periodNs / 1e3, 4)} µs (streaming; busiest layer)  → ${fmt(mp.throughputTops, 4)} TOPS per period, ${fmt(mp.latencyTops, 4)} TOPS per latency`);
    out.push(`    energy        ${fmt(mp.energyPerInferencePj / 1e9, 4)} mJ per inference (dynamic ${fmt(mp.dynamicEnergyPj / 1e9, 4)}, static ${fmt(mp.staticEnergyPj / 1e9, 4)})`);
    out.push(`    efficiency    ${fmt(mp.gopsPerW, 4)} GOPS/W (ops / energy per inference)`);
    out.push(`    no static     ${fmt(mp.noStaticGopsPerW, 4)} GOPS/W (ops / this design's dynamic energy); dynamic share of the energy ${fmt(mp.dynamicEnergyShare, 3)}`);
    out.push(`    bottleneck    ${mp.bottleneckLayer}`);
  }
  writeOut(out.join("\n") + "\n");
}

export function register(program: Command): void {
  program
    .command("evaluate")
    .description("evaluate an architecture spec (and its mapping on a network) with the analytic cost model")
    .argument("<arch>", "arch.json file")
    .option("--model <name|file>", "network the mapping is for (default: the mapping's network if it is a zoo model)")
    .option("--preset <name|file>", "component preset (default: the spec's preset)")
    .option("--override <file>", "JSON file overriding preset rows")
    .option("--input-shape <CxHxW>", "override the network's input shape")
    .option("--json", "print metrics as JSON")
    .action(async (file, opts) => {
      const arch = loadArch(file);
      const preset = loadPresetWithOverrides(opts.preset ?? arch.preset, opts.override);
      let network;
      if (!arch.mapping && (opts.model !== undefined || opts.inputShape !== undefined))
        throw new UserError(`${file} has no mapping section, so there is no network to evaluate; drop ${opts.model !== undefined ? "--model" : "--input-shape"} or give an arch.json written by \`pimsyn synth\``, {
          pointer: opts.model !== undefined ? "--model" : "--input-shape",
        });
      if (arch.mapping) {
        const name = opts.model ?? arch.mapping.network.name;
        if (!opts.model && !(name in ZOO))
          throw new UserError(`the mapping is for "${name}", which is not a built-in model; pass --model <file>`, { pointer: "--model" });
        const loaded = await loadNetwork(name, { inputShape: opts.inputShape ? parseShape(opts.inputShape) : undefined });
        network = loaded.network;
        requireCnn(network, "pimsyn evaluate");
      }
      const metrics = evaluate(arch, preset, network, file);
      if (opts.json) writeOut(jsonText(metrics));
      else printHuman(file, metrics);
    });
}
