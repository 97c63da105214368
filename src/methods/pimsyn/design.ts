/**
 * A synthesized design in memory (design point + numeric plan) and its conversion to arch.json: the PIMSYN
 * template's tree (chip → macros with ADC bank, ALUs and scratchpad → PEs of one crossbar) with identical
 * macros grouped under one entry with a count, and the mapping section.
 */
import type { ArchSpec, ComponentUse, Level, MappedLayer } from "../../hardware/arch.ts";
import { ARCH_SCHEMA_VERSION } from "../../hardware/arch.ts";
import type { AluOp, Preset } from "../../hardware/components.ts";
import { flitHopEnergyPj } from "../../hardware/components.ts";
import type { Network } from "../../network/types.ts";
import type { DesignPoint, NetworkModel } from "../../mapping/layer-model.ts";
import type { Plan } from "../../mapping/plan.ts";
import { layoutPlan, type Layout } from "../../mapping/layout.ts";
import type { NocCost } from "../../cost/plan-power.ts";
import { UserError } from "../../errors.ts";

export type MacroMode = "specified" | "unified";

export interface Design {
  point: DesignPoint;
  /** Share of the power budget given to crossbars (RatioRram). */
  ratio: number;
  macroMode: MacroMode;
  scratchpadKb: number;
  plan: Plan;
  /** Macros (tiles) per router: 1 on the PIMSYN template (Fig. 2a); ISAAC's concentrated mesh shares one by 4. */
  unitsPerRouter?: number;
}

/**
 * The preset's NoC model: its first per-router row (power per router, so the NoC scales with the macro count, and
 * an energy per bit per hop), else a whole-NoC constant row (the reference's 0.104 W, no traffic energy).
 * `flitHopPj` is the energy of one `globals.flitBits` flit over one hop: the row's energy per bit × the flit width.
 */
export function nocOf(preset: Preset): NocCost & { name: string; flitHopPj: number } {
  const row = preset.router.find((r) => !r.wholeNoc) ?? preset.router[0];
  if (!row) throw new UserError(`preset ${preset.name} has no router row`);
  return {
    name: row.name,
    wholeNoc: row.wholeNoc === true,
    peakMw: row.peakPowerMw,
    staticMw: row.staticPowerMw,
    unitsPerRouter: 1,
    areaUm2: row.areaUm2,
    flitHopPj: flitHopEnergyPj(row, preset.globals.flitBits),
  };
}

/** Spread `total` units over `n` macros: the first (total mod n) get one more. */
function share(total: number, n: number, k: number): number {
  const q = Math.floor(total / n);
  return q + (k < total - q * n ? 1 : 0);
}

/** What one macro holds: crossbars, DACs, ADCs and ALUs by op. */
export interface MacroContent {
  crossbars: number;
  dacs: number;
  adc: number;
  alu: Map<AluOp, number>;
}

/**
 * The contents of every macro of a laid-out plan, in allocation order: each layer's crossbars, DACs and units
 * spread evenly over its macros (a shared pair's ADC bank once), vector layers' units on their host macro.
 * Unified mode gives every macro the per-macro maximum of each peripheral; crossbars and their DACs stay as used
 * (unused crossbar slots of an identical macro are unpopulated, as the reference counts used crossbars).
 */
export function macroContents(model: NetworkModel, plan: Plan, layout: Layout, mode: MacroMode): MacroContent[] {
  const n = layout.macroCount;
  const macros: MacroContent[] = Array.from({ length: n }, () => ({ crossbars: 0, dacs: 0, adc: 0, alu: new Map<AluOp, number>() }));
  const macroPos = new Map<number, number>(); // mesh index → allocation order
  layout.macrosOf.forEach((list) => list.forEach((m) => macroPos.has(m) || macroPos.set(m, macroPos.size)));
  const slot = (meshIndex: number) => macros[macroPos.get(meshIndex)!];
  const addAlu = (m: MacroContent, op: AluOp, count: number) => {
    if (count > 0) m.alu.set(op, (m.alu.get(op) ?? 0) + count);
  };
  model.layers.forEach((L, i) => {
    const list = layout.macrosOf[i];
    if (L.role === "mvm") {
      const mc = list.length;
      list.forEach((mesh, k) => {
        const s = slot(mesh);
        s.crossbars += share(plan.dup[i] * L.set, mc, k);
        s.dacs += share(plan.dup[i] * L.dacRowsPerCopy, mc, k);
        if (plan.sharesWith[i] < 0) s.adc += share(plan.adc[i], mc, k);
        addAlu(s, "shiftAdd", share(plan.shiftAdd[i], mc, k));
        addAlu(s, "add", share(plan.add[i], mc, k));
        if (L.aluOp) addAlu(s, L.aluOp, share(plan.act[i], mc, k));
      });
    } else if (L.role === "vector" && L.aluOp && list.length) {
      addAlu(slot(list[0]), L.aluOp, plan.vec[i]);
    }
  });
  if (mode === "unified" && n > 0) {
    let adc = 0;
    const alu = new Map<AluOp, number>();
    for (const m of macros) {
      adc = Math.max(adc, m.adc);
      for (const [op, c] of m.alu) alu.set(op, Math.max(alu.get(op) ?? 0, c));
    }
    for (const m of macros) {
      m.adc = adc;
      m.alu = new Map(alu);
    }
  }
  return macros;
}

export function designToArch(network: Network, model: NetworkModel, design: Design, preset: Preset, name: string): ArchSpec {
  const plan = design.plan;
  const layout: Layout = layoutPlan(model, plan);
  const noc = nocOf(preset);
  const n = layout.macroCount;
  const macros = macroContents(model, plan, layout, design.macroMode);
  const opsOrder: AluOp[] = ["shiftAdd", "add", "relu", "sigmoid", "pool", "eltwise", "mul"];
  const macroLevel = (m: (typeof macros)[number]): Omit<Level, "name" | "count"> => {
    const components: ComponentUse[] = [
      { kind: "scratchpad", count: 1, select: { capacityKb: design.scratchpadKb } },
      { kind: "adc", count: m.adc, role: "ADC bank" },
      { kind: "dac", count: m.dacs, role: "one per used crossbar row" },
    ];
    for (const op of opsOrder) {
      const c = m.alu.get(op);
      if (c) components.push({ kind: "alu", count: c, select: { op } });
    }
    return {
      level: "macro",
      components,
      children: m.crossbars > 0 ? [{ level: "pe", name: "pe", count: m.crossbars, components: [{ kind: "crossbar", count: 1 }], children: [] }] : [],
    };
  };
  // Group consecutive identical macros into one entry with a count.
  const children: Level[] = [];
  let prevKey = "";
  for (const m of macros) {
    const body = macroLevel(m);
    const key = JSON.stringify(body);
    const last = children[children.length - 1];
    if (last && key === prevKey) last.count += 1;
    else children.push({ name: `macro${children.length}`, count: 1, ...body } as Level);
    prevKey = key;
  }
  // One router per macro (or per `unitsPerRouter` macros); a whole-NoC row's power counts once (see hardwareTotals).
  const unitsPerRouter = design.unitsPerRouter ?? noc.unitsPerRouter;
  const routers = Math.ceil(n / unitsPerRouter);
  const hardware: ArchSpec["hardware"] = {
    template: "pimsyn",
    crossbar: { size: design.point.crossbarSize, cellBits: design.point.cellBits },
    dacBits: design.point.dacBits,
    adcBits: design.point.adcBits,
    weightBits: design.point.weightBits,
    activationBits: design.point.activationBits,
    crossbarPowerRatio: design.ratio,
    noc: { meshRows: layout.meshRows, meshCols: layout.meshCols, unitsPerRouter },
    chip: {
      level: "chip",
      name: "chip",
      count: 1,
      components: [{ kind: "router", count: routers, select: { name: noc.name }, role: (unitsPerRouter > 1 ? `router per ${unitsPerRouter} macros` : "router per macro") + (noc.wholeNoc ? "; power is the whole NoC's constant" : "") }],
      children,
    },
  };
  const layers: MappedLayer[] = [];
  model.layers.forEach((L, i) => {
    if (L.role === "route") return;
    const alloc: MappedLayer["allocation"] = {};
    if (L.role === "mvm") {
      alloc.adc = plan.adc[i];
      alloc.shiftAdd = plan.shiftAdd[i];
      alloc.add = plan.add[i];
      if (L.aluOp) alloc[L.aluOp] = plan.act[i];
    } else if (L.aluOp) alloc[L.aluOp] = plan.vec[i];
    const entry: MappedLayer = {
      layer: L.name,
      duplication: plan.dup[i],
      crossbarsPerCopy: L.set,
      macros: layout.macrosOf[i],
      allocation: alloc,
    };
    if (plan.sharesWith[i] >= 0) entry.sharesWith = model.layers[plan.sharesWith[i]].name;
    layers.push(entry);
  });
  return {
    schemaVersion: ARCH_SCHEMA_VERSION,
    name,
    preset: preset.name,
    hardware,
    mapping: {
      network: { name: network.name, hash: network.hash },
      macroMode: design.macroMode,
      scratchpadKb: design.scratchpadKb,
      layers,
    },
  };
}
