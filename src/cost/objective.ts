/**
 * The efficiency objective, in one place: GOPS/W = operations per inference ÷ energy per inference, where the
 * energy is the dynamic energy plus static power over the single-inference latency (the paper's Eq. 1
 * objective). Synthesis scoring, the search bound, the finalists' choice and the evaluator all call these.
 */

/** Static power over a span: W × ns = nJ = 1e3 pJ. */
export function staticEnergyPj(staticPowerW: number, spanNs: number): number {
  return staticPowerW * spanNs * 1e3;
}

/** Energy of one inference: dynamic energy plus static power over its latency. */
export function inferenceEnergyPj(dynamicEnergyPj: number, staticPowerW: number, latencyNs: number): number {
  return dynamicEnergyPj + staticEnergyPj(staticPowerW, latencyNs);
}

/** Operations per pJ, as GOPS/W. */
export function gopsPerW(ops: number, energyPj: number): number {
  return (ops / energyPj) * 1e3;
}
