/**
 * The design-space energy floor of a network split by layer kind (depthwise, pointwise, stem, squeeze-excite,
 * fc, ALU layers), at the point where the bound is reached; and the conversions of one inference there.
 *   node --import ./tools/register-ts.js tools/energy-floor-by-kind.ts mobilenetv2 test/fixtures/onnx/efficientnet_b0.onnx
 */
import { loadNetwork } from "../src/network/load.ts";
import { loadPreset } from "../src/hardware/preset.ts";
import { PAPER_SPACE, ModelCache, spaceEnergyBound, smallestScratchpadKb } from "../src/methods/pimsyn/space.ts";
import { pointCosts } from "../src/cost/point-costs.ts";
import { cheapestScratchpadPerBit, conversionsFloor, dynamicEnergyFloorPj } from "../src/cost/energy-bound.ts";
import type { NetworkModel } from "../src/mapping/layer-model.ts";
const preset = loadPreset("pimsyn-date24");
for (const name of process.argv.slice(2)) {
  const { network } = await loadNetwork(name);
  const cache = new ModelCache(network);
  const b = spaceEnergyBound(network, preset, PAPER_SPACE, cache);
  const model = cache.get(b.point!);
  const c = pointCosts(preset, b.point!, smallestScratchpadKb(preset), 0);
  const spm = cheapestScratchpadPerBit(preset.scratchpad);
  const total = dynamicEnergyFloorPj(model, c, spm);
  const kindOf = (i: number) => {
    const l = network.layers[i]; const s: any = l.spec;
    if (l.kind === "conv") { if ((s.groups ?? 1) > 1) return "depthwise"; if (l.inputs[0] < 0) return "stem"; if (s.kernel[0] === 1) return (l.inShapes[0].h === 1 ? "se-fc" : "pointwise"); return "conv-kxk"; }
    if (l.kind === "fc") return "fc";
    return "alu:" + l.kind;
  };
  const by: Record<string, { pj: number; macs: number; parts: Record<string, number> }> = {};
  for (const L of model.layers) {
    if (L.role === "route") continue;
    const one: NetworkModel = { ...model, layers: [L] };
    const k = kindOf(L.index);
    const e = by[k] ?? (by[k] = { pj: 0, macs: 0, parts: {} });
    e.pj += dynamicEnergyFloorPj(one, c, spm); e.macs += L.macs;
    if (L.role === "mvm") {
      const px = L.outPixels, bits = model.bitIterations;
      const add = (n: string, v: number) => (e.parts[n] = (e.parts[n] ?? 0) + v);
      add("xb", px * bits * L.set * c.crossbar.energyPj); add("dac", px * bits * L.dacRowsPerCopy * c.dac.energyPj);
      add("adc", px * bits * L.conversionsPerCopy * (c.adc.energyPj + (c.sampleHold?.energyPj ?? 0)));
    }
  }
  console.log(`${name}: ${(conversionsFloor(model) / 1e9).toFixed(2)} G conversions per inference`);
  console.log(`${name}: bound ${b.gopsPerW.toFixed(1)} GOPS/W at`, JSON.stringify(b.point), `total ${(total / 1e6).toFixed(3)} uJ, ops ${model.totalOps}`);
  for (const [k, v] of Object.entries(by).sort((a, b) => b[1].pj - a[1].pj))
    console.log(`  ${k.padEnd(16)} ${(v.pj / 1e6).toFixed(3).padStart(8)} uJ ${(100 * v.pj / total).toFixed(1).padStart(5)} %  MACs ${(v.macs / 1e6).toFixed(1).padStart(7)} M  pJ/MAC ${v.macs ? (v.pj / v.macs).toFixed(2) : "-"}  `, Object.entries(v.parts).map(([n, x]) => `${n} ${(x / 1e6).toFixed(3)}`).join(" "));
}
