/**
 * What the synthesis cost model leaves out, written into every run's metrics.json (`notModelled`) and listed by
 * the report and docs/synthesis.md, so a reader knows which effects no figure includes.
 */
export const NOT_MODELLED: readonly string[] = [
  "Off-chip traffic: the network input, weights loading and outputs cross no off-chip link or DRAM (no energy, no time).",
  "Back-pressure: the simulator never holds a producer when a consumer's buffer is full; a scratchpad smaller than the simulated occupancy is reported as a shortfall (summary.scratchpadShortfallKb), a stall no latency includes.",
  "NoC contention: a transfer takes hops + flits cycles whatever else uses the links; NoC energy counts each transfer's bits over the longest producer-to-macro distance of its layer (an upper estimate of the hops).",
  "Idle power of routers beyond their leakage: a router draws its static power always and its dynamic power only per flit-hop.",
  "Control: instruction memories, controllers and the registers and buses inside a macro (no rows in the preset).",
  "Crossbar programming: weights are written once before inference (no write energy or time).",
  "Device and circuit non-idealities (IR drop, conductance variation, ADC noise): ADC bits follow the lossless rule.",
  "Area of wiring and periphery: chip area is the sum of the preset rows' areas.",
];
