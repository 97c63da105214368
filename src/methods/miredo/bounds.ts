/**
 * Roofline lower bounds of one problem (layer × spatial scheme) on latency, energy and EDP, valid for every
 * temporal mapping: they prune spatial schemes before any MILP (test/methods/miredo/bounds.test.ts checks them
 * against the enumerated optimum).
 *
 * Latency ≥ t_MAC × temporal iterations: Process(i) minus its own first transfer is at least F_i times the same
 * quantity one loop inward (docs/dataflow.md), down to Process(N) = t_MAC.
 * Energy ≥ compute energy (registers at their cheaper choice) + leakage × the latency bound + moving every weight
 * and every output across the DRAM port once (each element is read from DRAM at least once, each output is
 * written back at least once).
 */
import { OPERANDS } from "../../hardware/dataflow-hw.ts";
import { computeEnergyPj, tileBits, type Problem } from "./problem.ts";

export interface Bounds {
  latencyCycles: number;
  energyPj: number;
  edp: number;
}

export function lowerBounds(p: Problem): Bounds {
  const latencyCycles = p.iterations * p.hw.macro.tMacCycles;
  let compute = Infinity;
  for (const I of [false, true]) for (const O of [false, true]) compute = Math.min(compute, computeEnergyPj(p, { I, W: true, O }));
  const all = (1 << p.atoms.length) - 1;
  const dram = p.hw.levels[0];
  let traffic = 0;
  for (const op of OPERANDS) {
    if (op === "I") continue;
    // Bits of the whole operand at the first on-chip level (shared, so it counts every core's share once).
    const first = p.chains[op][1];
    if (first.perCore) continue;
    const bits = tileBits(p, op, 1, all, op === "O" ? p.hw.precision.outputBits : p.hw.precision.weightBits);
    traffic += bits * (op === "O" ? dram.writePjPerBit + dram.readPjPerBit : dram.readPjPerBit);
  }
  void OPERANDS;
  const energyPj = compute + p.hw.leakage.pjPerCycle * latencyCycles + traffic;
  return { latencyCycles, energyPj, edp: latencyCycles * energyPj };
}
