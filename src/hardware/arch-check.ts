/**
 * Consistency of an architecture spec beyond its schema: the parts must agree with each other before any
 * number is computed from them (a mapping that allocates a billion ADCs on a chip of a thousand would
 * otherwise raise the efficiency). One rule per check, each a UserError naming the file and JSON pointer.
 * The network-dependent checks (layer names, Eq. 1 crossbars, the network hash) are in src/cost/evaluate.ts.
 */
import { UserError } from "../errors.ts";
import type { ArchSpec, ComponentUse, Level } from "./arch.ts";

/** More units of one kind than this is not a chip (ISAAC's 168 tiles hold 10,752 crossbars). */
export const MAX_UNITS = 1e9;

/** Units of each component kind (ALUs per op) on the whole chip, and the macros or tiles it holds. */
export function unitCounts(arch: ArchSpec): { units: Map<string, number>; macros: number } {
  const units = new Map<string, number>();
  let macros = 0;
  const key = (use: ComponentUse) => (use.kind === "alu" ? `alu ${use.select?.op ?? "?"}` : use.kind);
  const walk = (level: Level, instances: number) => {
    if (level.level === "macro" || level.level === "tile") macros += instances;
    for (const use of level.components) units.set(key(use), (units.get(key(use)) ?? 0) + (instances * use.count) / (use.sharedBy ?? 1));
    for (const child of level.children) walk(child, instances * child.count);
  };
  walk(arch.hardware.chip, arch.hardware.chip.count);
  return { units, macros };
}

export function checkArchConsistency(arch: ArchSpec, file?: string): void {
  const fail = (message: string, pointer: string) => new UserError(message, { file, pointer });
  const { units, macros } = unitCounts(arch);
  for (const [kind, n] of units)
    if (n > MAX_UNITS) throw fail(`the chip holds ${n.toExponential(2)} ${kind} units; at most ${MAX_UNITS.toExponential(0)} expected`, "/hardware/chip");

  const { meshRows, meshCols, unitsPerRouter } = arch.hardware.noc;
  const slots = meshRows * meshCols * unitsPerRouter;
  if (macros > slots)
    throw fail(`a ${meshRows}×${meshCols} mesh with ${unitsPerRouter} per router has room for ${slots} macros or tiles; the chip has ${macros}`, "/hardware/noc");

  const mapping = arch.mapping;
  if (!mapping) return;
  const used = new Set<number>();
  mapping.layers.forEach((ml, j) => {
    const seen = new Set<number>();
    ml.macros.forEach((m, k) => {
      if (m >= meshRows * meshCols)
        throw fail(`macro ${m} is off the ${meshRows}×${meshCols} mesh (positions 0 to ${meshRows * meshCols - 1})`, `/mapping/layers/${j}/macros/${k}`);
      if (seen.has(m)) throw fail(`macro ${m} is listed twice for this layer`, `/mapping/layers/${j}/macros/${k}`);
      seen.add(m);
      used.add(m);
    });
  });
  if (used.size > slots) throw fail(`the layers occupy ${used.size} mesh positions; the mesh has ${slots} units`, "/mapping/layers");

  // Allocations against the units the chip has: layers that share an ADC bank (sharesWith) count it once.
  const byName = new Map(mapping.layers.map((ml, j) => [ml.layer, j]));
  const root = (j: number): number => {
    const seen = new Set<number>();
    while (mapping.layers[j].sharesWith !== undefined && !seen.has(j)) {
      seen.add(j);
      const s = byName.get(mapping.layers[j].sharesWith!);
      if (s === undefined) break;
      j = s;
    }
    return j;
  };
  const bank = new Map<number, number>();
  mapping.layers.forEach((ml, j) => {
    const r = root(j);
    bank.set(r, Math.max(bank.get(r) ?? 0, ml.allocation.adc ?? 0));
  });
  const adcAllocated = [...bank.values()].reduce((s, n) => s + n, 0);
  const adcs = units.get("adc") ?? 0;
  if (adcAllocated > adcs) {
    const worst = mapping.layers.reduce((b, ml, j) => ((ml.allocation.adc ?? 0) > (mapping.layers[b].allocation.adc ?? 0) ? j : b), 0);
    throw fail(`the layers are allocated ${adcAllocated} ADCs (an ADC bank shared through sharesWith counted once); the chip has ${adcs}`, `/mapping/layers/${worst}/allocation/adc`);
  }
  for (const op of ["shiftAdd", "add", "pool", "relu", "sigmoid", "eltwise", "mul"] as const) {
    const have = units.get(`alu ${op}`) ?? 0;
    mapping.layers.forEach((ml, j) => {
      const n = ml.allocation[op] ?? 0;
      if (n > have) throw fail(`the layer is allocated ${n} ${op} ALUs; the chip has ${have}`, `/mapping/layers/${j}/allocation/${op}`);
    });
  }
}
