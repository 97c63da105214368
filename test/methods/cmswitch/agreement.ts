/** Shared by the agreement tests: compile a zoo model, simulate its program, check the stream's bookkeeping. */
import { expect } from "vitest";
import { loadDeha } from "../../../src/hardware/deha.ts";
import { compileNetwork, type DualModeResult } from "../../../src/methods/cmswitch/compile.ts";
import { loadNetwork } from "../../../src/network/load.ts";
import { simulateProgram } from "../../../src/schedule/dualmode-sim.ts";

export async function compileZoo(model: string, hw = "dynaplasia"): Promise<DualModeResult> {
  const { network } = await loadNetwork(model);
  return compileNetwork(network, loadDeha(hw));
}

/** The simulator within 5 % of the analytic latency; switch counts and array use as the plan says. */
export function checkAgreement(r: DualModeResult): number {
  const sim = simulateProgram(r.program, r.hw);
  const diff = sim.totalCycles / r.metrics.latencyCycles - 1;
  expect(sim.segments).toHaveLength(r.ours.plan.segments.length);
  sim.segments.forEach((s, k) => {
    const plan = r.ours.plan.segments[k];
    expect(s.switches).toEqual({ toMemory: plan.toMemory, toCompute: plan.toCompute });
    expect(s.reloadCycles).toBeCloseTo(plan.reloadCycles, 6);
    // The pipeline never beats the analytic steady state, and its fill stays small.
    expect(s.pipelineCycles).toBeGreaterThanOrEqual(plan.intraCycles * (1 - 1e-9));
  });
  for (const p of r.placed) {
    const used = p.operators.flatMap((o) => [...o.weights, ...o.copies]);
    expect(new Set(used).size).toBe(used.length);
    for (const a of used) expect(p.memory.includes(a)).toBe(false);
    const memory = new Set(p.operators.flatMap((o) => [...o.input, ...o.output]));
    expect(memory.size).toBe(p.plan.memoryArrays);
  }
  expect(speedupOk(r)).toBe(true);
  expect(Math.abs(diff)).toBeLessThan(0.05);
  return diff;
}

function speedupOk(r: DualModeResult): boolean {
  return r.metrics.speedup >= 1 - 1e-12;
}
