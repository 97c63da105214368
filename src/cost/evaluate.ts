/**
 * The full analytic evaluator: an architecture spec (hardware + optional mapping) on a network, with
 * per-layer and per-component breakdowns. Pure: (arch, network, preset) → metrics.
 */
import { gopsPerW, inferenceEnergyPj, staticEnergyPj as staticEnergy } from "./objective.ts";
import type { ArchSpec, Hardware, Level } from "../hardware/arch.ts";
import type { Preset, RouterRow } from "../hardware/components.ts";
import { flitHopEnergyPj } from "../hardware/components.ts";
import { namedRow } from "../hardware/preset.ts";
import type { Network } from "../network/types.ts";
import { checkArchConsistency } from "../hardware/arch-check.ts";
import { inFile, UserError } from "../errors.ts";
import { hardwareTotals, type HardwareTotals } from "./hardware.ts";
import { buildNetworkModel, type DesignPoint, type NetworkModel } from "../mapping/layer-model.ts";
import { emptyPlan, type Plan } from "../mapping/plan.ts";
import { pointCosts } from "./point-costs.ts";
import { fillHops } from "../mapping/layout.ts";
import { BOTTLENECK_NAMES, ENERGY_KINDS, newPipelineResult, runPipeline } from "./pipeline-model.ts";

export function designPointOf(hw: Hardware): DesignPoint {
  return {
    crossbarSize: hw.crossbar.size,
    cellBits: hw.crossbar.cellBits,
    dacBits: hw.dacBits,
    adcBits: hw.adcBits,
    weightBits: hw.weightBits,
    activationBits: hw.activationBits,
  };
}

export interface HardwareMetrics {
  peakPowerW: number;
  staticPowerW: number;
  areaMm2: number;
  crossbars: number;
  peakTops: number;
  peakTopsPerW: number;
  byKind: Record<string, { peakPowerW: number; staticPowerW: number; areaMm2: number; units: number }>;
  levels: { name: string; level: string; instances: number; peakPowerW: number; areaMm2: number }[];
}

export interface LayerMetrics {
  name: string;
  kind: string;
  role: string;
  duplication: number;
  crossbars: number;
  macros: number;
  adc: number;
  blocks: number;
  intervalNs: number;
  busyNs: number;
  startNs: number;
  endNs: number;
  /** Share of the single-inference latency during which the layer is busy (busy / latency). */
  latencyShare: number;
  bottleneck: string;
  dynamicEnergyPj: number;
  ops: number;
}

export interface MappingMetrics {
  network: { name: string; hash: string };
  ops: number;
  latencyNs: number;
  periodNs: number;
  throughputInferencesPerS: number;
  /** ops ÷ pipeline period: inferences streamed back to back (ours). */
  throughputTops: number;
  /** ops ÷ single-inference latency: the reference code's convention (use it beside the paper's or reference's figures). */
  latencyTops: number;
  energyPerInferencePj: number;
  dynamicEnergyPj: number;
  staticEnergyPj: number;
  /** ops / energy of one inference (the reference's fitness). */
  gopsPerW: number;
  /** Average power during a single inference. */
  averagePowerW: number;
  /** ops / this design's dynamic energy: its efficiency if it drew no static power. Design-relative, not a bound
   * of the space (that is `spaceEnergyBound`, src/methods/pimsyn/space.ts). */
  noStaticGopsPerW: number;
  /** Dynamic ÷ total energy per inference (= gopsPerW ÷ noStaticGopsPerW). */
  dynamicEnergyShare: number;
  /** Streaming: ops per (static power × period + dynamic energy). */
  streamingGopsPerW: number;
  energyByKindPj: Record<string, number>;
  layers: LayerMetrics[];
  bottleneckLayer: string;
}

export interface Metrics {
  hardware: HardwareMetrics;
  mapping?: MappingMetrics;
}

function firstUse(level: Level, kind: string): { select?: { capacityKb?: number; name?: string } } | undefined {
  const own = level.components.find((c) => c.kind === kind);
  if (own) return own;
  for (const child of level.children) {
    const found = firstUse(child, kind);
    if (found) return found;
  }
  return undefined;
}

export interface PreparedMapping {
  model: NetworkModel;
  plan: Plan;
  scratchpadKb: number;
  flitHopPj: number;
}

/** Turn an arch.json mapping into the numeric plan the pipeline model runs (with consistency checks). */
export function prepareMapping(arch: ArchSpec, network: Network, preset: Preset, file?: string): PreparedMapping {
  const mapping = arch.mapping!;
  const hw = arch.hardware;
  const model = buildNetworkModel(network, designPointOf(hw));
  const plan = emptyPlan(model.layers.length);
  const byName = new Map(network.layers.map((l) => [l.name, l.index]));
  const mapped = new Array<number>(model.layers.length).fill(-1);
  const macroLists: number[][] = model.layers.map(() => []);
  mapping.layers.forEach((ml, j) => {
    const i = byName.get(ml.layer);
    if (i === undefined)
      throw new UserError(`layer "${ml.layer}" is not in network ${network.name}`, { file, pointer: `/mapping/layers/${j}/layer` });
    mapped[i] = j;
    const L = model.layers[i];
    if (L.role === "mvm" && ml.crossbarsPerCopy !== L.set)
      throw new UserError(`crossbarsPerCopy ${ml.crossbarsPerCopy} differs from Eq. 1's ${L.set} for this crossbar and cell size`, {
        file,
        pointer: `/mapping/layers/${j}/crossbarsPerCopy`,
      });
    plan.dup[i] = ml.duplication;
    plan.macros[i] = Math.max(1, ml.macros.length);
    const a = ml.allocation;
    plan.adc[i] = a.adc ?? 0;
    plan.shiftAdd[i] = a.shiftAdd ?? 0;
    plan.add[i] = a.add ?? 0;
    const op = L.aluOp;
    plan.act[i] = L.role === "mvm" && op ? (a[op] ?? 0) : 0;
    plan.vec[i] = L.role === "vector" && op ? (a[op] ?? 0) : 0;
    macroLists[i] = ml.macros;
    const need = (field: keyof typeof a, value: number) => {
      if (!(value > 0))
        throw new UserError(`layer needs at least one ${field} unit`, { file, pointer: `/mapping/layers/${j}/allocation/${field}` });
    };
    if (L.role === "mvm") {
      need("adc", plan.adc[i]);
      need("shiftAdd", plan.shiftAdd[i]);
      need("add", plan.add[i]);
      if (op) need(op, plan.act[i]);
    } else if (L.role === "vector" && op) need(op, plan.vec[i]);
  });
  model.layers.forEach((L, i) => {
    if (L.role !== "route" && mapped[i] < 0)
      throw new UserError(`layer "${L.name}" (${L.role}) has no mapping entry`, { file, pointer: "/mapping/layers" });
  });
  mapping.layers.forEach((ml, j) => {
    if (ml.sharesWith === undefined) return;
    const i = byName.get(ml.layer)!;
    const s = byName.get(ml.sharesWith);
    if (s === undefined || s >= i)
      throw new UserError(`sharesWith must name an earlier layer`, { file, pointer: `/mapping/layers/${j}/sharesWith` });
    plan.sharesWith[i] = s;
  });
  // Route layers (concat, flatten, ...) sit on their first producer's merge macro.
  model.layers.forEach((L, i) => {
    if (L.role !== "route" || macroLists[i].length) return;
    const p = L.producers[0];
    if (p >= 0 && macroLists[p].length) macroLists[i] = [macroLists[p][macroLists[p].length - 1]];
  });
  fillHops(model, plan, macroLists, hw.noc.meshCols);
  const spmUse = firstUse(hw.chip, "scratchpad");
  const scratchpadKb = mapping.scratchpadKb ?? spmUse?.select?.capacityKb;
  if (scratchpadKb === undefined) throw new UserError("the hardware has no scratchpad", { file, pointer: "/hardware/chip" });
  const routerUse = firstUse(hw.chip, "router");
  let flitHopPj = 0;
  if (routerUse?.select?.name) {
    const r = namedRow(preset, "router", routerUse.select.name) as RouterRow;
    flitHopPj = flitHopEnergyPj(r, preset.globals.flitBits);
  }
  return { model, plan, scratchpadKb, flitHopPj };
}

function hardwareMetrics(t: HardwareTotals): HardwareMetrics {
  return {
    peakPowerW: t.peakPowerW,
    staticPowerW: t.staticPowerW,
    areaMm2: t.areaMm2,
    crossbars: t.crossbars,
    peakTops: t.peakTops,
    peakTopsPerW: t.peakTopsPerW,
    byKind: t.byKind,
    levels: t.levels,
  };
}

export function evaluate(arch: ArchSpec, preset: Preset, network?: Network, file?: string): Metrics {
  return inFile(file, () => evaluateSpec(arch, preset, network, file));
}

function evaluateSpec(arch: ArchSpec, preset: Preset, network: Network | undefined, file: string | undefined): Metrics {
  checkArchConsistency(arch, file);
  const totals = hardwareTotals(arch.hardware, preset);
  const hardware = hardwareMetrics(totals);
  if (!arch.mapping || !network) return { hardware };
  const wanted = arch.mapping.network;
  if (!network.hash.startsWith(wanted.hash))
    throw new UserError(
      wanted.name === network.name
        ? `mapping is for ${wanted.name} with hash ${wanted.hash.slice(0, 12)}, but the network given hashes to ${network.hash.slice(0, 12)} (another version or input shape)`
        : `mapping is for network "${wanted.name}" (hash ${wanted.hash.slice(0, 12)}), not "${network.name}" (hash ${network.hash.slice(0, 12)})`,
      { file, pointer: "/mapping/network/hash" },
    );
  const prep = prepareMapping(arch, network, preset, file);
  const costs = pointCosts(preset, prep.model.point, prep.scratchpadKb, prep.flitHopPj);
  const res = runPipeline(prep.model, costs, prep.plan, newPipelineResult(prep.model.layers.length));
  const usedCrossbars = prep.model.layers.reduce((s, L, i) => s + (L.role === "mvm" ? prep.plan.dup[i] * L.set : 0), 0);
  if (usedCrossbars > totals.crossbars + 1e-9)
    throw new UserError(`mapping uses ${usedCrossbars} crossbars; the hardware has ${totals.crossbars}`, { file, pointer: "/mapping/layers" });

  const ops = network.totals.ops;
  const staticEnergyPj = staticEnergy(totals.staticPowerW, res.latencyNs);
  const energy = res.dynamicEnergyPj + staticEnergyPj;
  const energyByKindPj: Record<string, number> = {};
  ENERGY_KINDS.forEach((k, j) => (energyByKindPj[k] = res.energyPj[j]));
  energyByKindPj.static = staticEnergyPj;
  let bottleneck = 0;
  const layers: LayerMetrics[] = [];
  prep.model.layers.forEach((L, i) => {
    if (L.role === "route") return;
    if (res.busyNs[i] > res.busyNs[bottleneck]) bottleneck = i;
    layers.push({
      name: L.name,
      kind: network.layers[i].kind,
      role: L.role,
      duplication: prep.plan.dup[i],
      crossbars: L.role === "mvm" ? prep.plan.dup[i] * L.set : 0,
      macros: prep.plan.macros[i],
      adc: prep.plan.adc[i],
      blocks: res.blocks[i],
      intervalNs: res.intervalNs[i],
      busyNs: res.busyNs[i],
      startNs: res.firstDoneNs[i] - res.depthNs[i],
      endNs: res.lastDoneNs[i],
      latencyShare: res.latencyNs > 0 ? res.busyNs[i] / res.latencyNs : 0,
      bottleneck: BOTTLENECK_NAMES[res.bottleneck[i]],
      dynamicEnergyPj: res.layerEnergyPj[i],
      ops: L.ops,
    });
  });
  return {
    hardware,
    mapping: {
      network: { name: network.name, hash: network.hash },
      ops,
      latencyNs: res.latencyNs,
      periodNs: res.periodNs,
      throughputInferencesPerS: 1e9 / res.periodNs,
      throughputTops: ops / res.periodNs / 1e3,
      latencyTops: ops / res.latencyNs / 1e3,
      energyPerInferencePj: energy,
      dynamicEnergyPj: res.dynamicEnergyPj,
      staticEnergyPj,
      gopsPerW: gopsPerW(ops, energy),
      averagePowerW: energy / res.latencyNs / 1e3,
      noStaticGopsPerW: gopsPerW(ops, res.dynamicEnergyPj),
      dynamicEnergyShare: res.dynamicEnergyPj / energy,
      streamingGopsPerW: gopsPerW(ops, inferenceEnergyPj(res.dynamicEnergyPj, totals.staticPowerW, res.periodNs)),
      energyByKindPj,
      layers,
      bottleneckLayer: prep.model.layers[bottleneck].name,
    },
  };
}
