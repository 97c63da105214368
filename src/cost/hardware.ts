/**
 * Hardware-only figures of an architecture: walk the level tree, multiply counts down the hierarchy and sum
 * every component's peak/static power and area (the totals are never stored, so changing one count in the
 * spec changes them). Pure; O(tree size).
 */
import type { ComponentUse, Hardware, Level } from "../hardware/arch.ts";
import type { ComponentKind, Preset } from "../hardware/components.ts";
import { adcRow, aluRow, crossbarRow, dacRow, namedRow, scratchpadRow } from "../hardware/preset.ts";
import { UserError } from "../errors.ts";

export interface CostRow {
  staticPowerMw: number;
  dynamicPowerMw: number;
  peakPowerMw: number;
  latencyNs: number;
  rateGhz?: number;
  energyPj?: number;
  areaUm2: number;
}

function missingSelect(kind: string, key: string, pointer: string): UserError {
  return new UserError(`component "${kind}" needs select.${key}`, { pointer: `${pointer}/select/${key}` });
}

/** The preset row a component instance selects (defaults from the hardware section). */
export function rowFor(use: ComponentUse, hw: Hardware, preset: Preset, pointer: string): CostRow {

  const s = use.select ?? {};
  switch (use.kind) {
    case "crossbar":
      return crossbarRow(preset, hw.crossbar.size, hw.crossbar.cellBits);
    case "adc":
      return adcRow(preset, s.bits ?? hw.adcBits);
    case "dac":
      return dacRow(preset, s.bits ?? hw.dacBits);
    case "sampleHold": {
      const row = preset.sampleHold[0];
      if (!row) throw new UserError(`preset ${preset.name} has no sample-and-hold row`, { pointer });
      return row;
    }
    case "alu":
      if (s.op === undefined) throw missingSelect(use.kind, "op", pointer);
      return aluRow(preset, s.op);
    case "scratchpad":
      if (s.capacityKb === undefined) throw missingSelect(use.kind, "capacityKb", pointer);
      return scratchpadRow(preset, s.capacityKb);
    case "register":
    case "bus":
    case "router":
    case "offChipLink":
      if (s.name === undefined) throw missingSelect(use.kind, "name", pointer);
      return namedRow(preset, use.kind, s.name);
  }
}

export interface KindTotals {
  peakPowerW: number;
  staticPowerW: number;
  areaMm2: number;
  /** Instances on the chip (fractional when shared, e.g. a router per 4 tiles). */
  units: number;
}

export interface LevelTotals {
  name: string;
  level: Level["level"];
  /** Instances of this level on the chip. */
  instances: number;
  /** One instance, including its children. */
  peakPowerW: number;
  areaMm2: number;
}

export interface HardwareTotals {
  peakPowerW: number;
  staticPowerW: number;
  areaMm2: number;
  crossbars: number;
  byKind: Record<ComponentKind, KindTotals>;
  /** Per level kind (one entry per tree node), for one instance. */
  levels: LevelTotals[];
  /** Peak MVM throughput with every crossbar busy (ops = 2 × MACs). */
  peakTops: number;
  peakTopsPerW: number;
}

const emptyKinds = (): Record<ComponentKind, KindTotals> => {
  const kinds: ComponentKind[] = ["crossbar", "adc", "dac", "sampleHold", "alu", "scratchpad", "register", "bus", "router", "offChipLink"];
  return Object.fromEntries(kinds.map((k) => [k, { peakPowerW: 0, staticPowerW: 0, areaMm2: 0, units: 0 }])) as Record<
    ComponentKind,
    KindTotals
  >;
};

/** Peak ops/s of one crossbar: Xb rows × (Xb / cells-per-weight) weights, 2 ops each, per full-precision input. */
export function crossbarPeakOpsPerNs(hw: Hardware, readNs: number): number {
  const cellsPerWeight = Math.ceil(hw.weightBits / hw.crossbar.cellBits);
  const weightsPerRow = Math.floor(hw.crossbar.size / cellsPerWeight);
  const bitIterations = Math.ceil(hw.activationBits / hw.dacBits);
  return (2 * hw.crossbar.size * weightsPerRow) / (bitIterations * readNs);
}

interface WalkState {
  hw: Hardware;
  preset: Preset;
  byKind: Record<ComponentKind, KindTotals>;
  levels: LevelTotals[];
  crossbars: number;
  /** A whole-NoC row (PIMSYN's constant 0.104 W) draws its power once per chip however many routers are listed; its area is per router. */
  wholeNocPowered: boolean;
}

/** One instance's (peak W, area mm²) of `level`; accumulates chip-wide totals scaled by `multiplier`. */
function walk(st: WalkState, level: Level, multiplier: number, pointer: string): { peakW: number; areaMm2: number } {
  let peakW = 0;
  let areaMm2 = 0;
  const comps = level.components;
  for (let i = 0; i < comps.length; i++) {
    const use = comps[i];
    let row: CostRow;
    try {
      row = rowFor(use, st.hw, st.preset, `${pointer}/components/${i}`);
    } catch (e) {
      if (e instanceof UserError && e.pointer === undefined) throw new UserError(e.message, { pointer: `${pointer}/components/${i}` });
      throw e;
    }
    const perInstance = use.count / (use.sharedBy ?? 1);
    const units = perInstance * multiplier;
    const k = st.byKind[use.kind];
    k.units += units;
    let powered = perInstance;
    if ((row as { wholeNoc?: boolean }).wholeNoc) {
      powered = st.wholeNocPowered || units === 0 ? 0 : 1 / multiplier;
      st.wholeNocPowered ||= units > 0;
    }
    k.peakPowerW += (powered * multiplier * row.peakPowerMw) / 1e3;
    k.staticPowerW += (powered * multiplier * row.staticPowerMw) / 1e3;
    k.areaMm2 += (units * row.areaUm2) / 1e6;
    peakW += (powered * row.peakPowerMw) / 1e3;
    areaMm2 += (perInstance * row.areaUm2) / 1e6;
    if (use.kind === "crossbar") st.crossbars += units;
  }
  const children = level.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    const sub = walk(st, child, multiplier * child.count, `${pointer}/children/${i}`);
    peakW += child.count * sub.peakW;
    areaMm2 += child.count * sub.areaMm2;
  }
  st.levels.push({ name: level.name, level: level.level, instances: multiplier, peakPowerW: peakW, areaMm2 });
  return { peakW, areaMm2 };
}

export function hardwareTotals(hw: Hardware, preset: Preset): HardwareTotals {
  const st: WalkState = { hw, preset, byKind: emptyKinds(), levels: [], crossbars: 0, wholeNocPowered: false };
  const chip = walk(st, hw.chip, hw.chip.count, "/hardware/chip");
  const peakPowerW = hw.chip.count * chip.peakW;
  let staticPowerW = 0;
  for (const k of Object.values(st.byKind)) staticPowerW += k.staticPowerW;
  const peakTops = (st.crossbars * crossbarPeakOpsPerNs(hw, preset.globals.crossbarReadNs)) / 1e3;
  return {
    peakPowerW,
    staticPowerW,
    areaMm2: hw.chip.count * chip.areaMm2,
    crossbars: st.crossbars,
    byKind: st.byKind,
    levels: st.levels.reverse(),
    peakTops,
    peakTopsPerW: peakPowerW > 0 ? peakTops / peakPowerW : 0,
  };
}
