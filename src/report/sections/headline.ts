/** The headline: what was synthesized, under what budget, and how good it is, each with how it is computed. */
import type { RunData } from "../load-run.ts";
import { duration, fmtInt, fmtNum, fmtPct, joinQ, timeNs } from "../format.ts";
import type { Item } from "../table.ts";

export function headlineItems(run: RunData): Item[] {
  const { inputs, summary, baseline, tool } = run.metrics;
  const net = inputs.network;
  const latency = timeNs(summary.latencyNs);
  return [
    {
      id: "model",
      label: "Model",
      value: inputs.model,
      unit: "",
      how: `network ${net.name}: ${fmtInt(net.layers)} layers, ${fmtNum(net.macs / 1e9)} G MACs, ${fmtNum(net.ops / 1e9)} G ops per inference (1 MAC = 2 ops)`,
    },
    {
      id: "power",
      label: "Power used / budget",
      value: `${fmtNum(summary.powerUsedW)} / ${fmtNum(summary.powerBudgetW)}`,
      unit: "W",
      how:
        `peak power: Σ count × peak power of every component (preset rows); ${fmtPct(summary.powerUsedW / summary.powerBudgetW)} of the budget` +
        (summary.budgetNote ? `; ${summary.budgetNote}` : ""),
    },
    {
      id: "efficiency",
      label: "Efficiency",
      value: fmtNum(summary.gopsPerW),
      unit: "GOPS/W",
      how:
        "ops per inference ÷ energy per inference (dynamic energy + static power × latency)" +
        (summary.simulatedGopsPerW === undefined ? "" : `; with the simulator's latency: ${fmtNum(summary.simulatedGopsPerW)} GOPS/W`),
    },
    {
      id: "throughput",
      label: "Throughput",
      value: fmtNum(summary.throughputTops),
      unit: "TOPS",
      how:
        `ops per inference ÷ pipeline period (${joinQ(timeNs(summary.periodNs))}: the busiest layer's busy time), inferences streamed` +
        (summary.latencyTops === undefined ? "" : `; ÷ single-inference latency instead (the reference code's convention): ${fmtNum(summary.latencyTops)} TOPS`),
    },
    {
      id: "latency",
      label: "Latency",
      value: latency.value,
      unit: latency.unit,
      how:
        "one inference through the fine-grained inter-layer pipeline (first input to last output)" +
        (summary.simulatedLatencyNs === undefined ? "" : `; event-driven simulator: ${joinQ(timeNs(summary.simulatedLatencyNs))}`),
    },
    {
      id: "energy-bound",
      label: "Fraction of the design space's energy bound",
      value: summary.fractionOfSpaceBound === undefined ? "not recorded" : fmtPct(summary.fractionOfSpaceBound),
      unit: "",
      how:
        (summary.spaceBoundGopsPerW === undefined
          ? "this run predates the design-space bound"
          : `efficiency ÷ ${fmtNum(summary.spaceBoundGopsPerW)} GOPS/W, the best any design of this network, preset and design space could reach (every layer's work at the cheapest energies, no NoC, static or idle energy)`) +
        (summary.noStaticGopsPerW === undefined ? "" : `; this design without static energy: ${fmtNum(summary.noStaticGopsPerW)} GOPS/W`),
    },
    energyItem(run),
    {
      id: "gain",
      label: `Gain over ${baseline.name}`,
      value: summary.gainOverBaseline === undefined ? "none" : `× ${fmtNum(summary.gainOverBaseline, 3)}`,
      unit: "",
      how:
        summary.gainOverBaseline === undefined
          ? `no same-budget comparison: ${summary.gainNote ?? "the baseline does not fit the budget"}`
          : `this design's GOPS/W ÷ the ${baseline.name} design's (${baseline.description ?? "ISAAC's fixed choices"}: ${fmtNum(baseline.gopsPerW)} GOPS/W, ${fmtNum(baseline.throughputTops)} TOPS at ${fmtNum(baseline.peakPowerW)} W) on the same preset`,
    },
    {
      id: "area",
      label: "Area",
      value: summary.areaBudgetMm2 === undefined ? fmtNum(summary.areaMm2) : `${fmtNum(summary.areaMm2)} / ${fmtNum(summary.areaBudgetMm2)}`,
      unit: "mm²",
      how:
        "Σ count × area of every component (preset rows; wiring and periphery not modelled); " +
        (summary.areaBudgetMm2 === undefined ? "area not capped (--area)" : `${fmtPct(summary.areaMm2 / summary.areaBudgetMm2)} of the area budget`),
    },
    { id: "seed", label: "Seed", value: String(inputs.seed), unit: "", how: "seeds every random choice of the search; the same inputs and seed give the same design" },
    { id: "version", label: "Tool", value: `${tool.name} ${tool.version}`, unit: "", how: `version that wrote the run (metrics schema ${run.metrics.schemaVersion})` },
    {
      id: "runtime",
      label: "Run time",
      value: run.timing ? duration(run.timing.wallMs) : "not recorded",
      unit: "",
      how: run.timing ? "wall-clock time of the whole synthesis (timing.json)" : "this run has no timing.json",
    },
    { id: "status", label: "Status", value: run.metrics.status, unit: "", how: "complete, or cut short by --time-budget or an interrupt (then: the best design found so far)" },
  ];
}

/** Where one inference's energy goes: static energy's share, then the layers with the most dynamic energy. */
function energyItem(run: RunData): Item {
  const mp = run.metrics.design.mapping;
  const total = mp.energyPerInferencePj;
  const top = [...mp.layers].sort((a, b) => (b.dynamicEnergyPj ?? 0) - (a.dynamicEnergyPj ?? 0)).slice(0, 3);
  const tops = top.map((l) => `${l.name} (${l.kind}${l.role === "mvm" ? `, ${fmtInt(l.crossbars)} crossbars` : ""}) ${fmtPct((l.dynamicEnergyPj ?? 0) / total)}`);
  const kinds = Object.entries(mp.energyByKindPj).filter(([k]) => k !== "static").sort((a, b) => b[1] - a[1]);
  const biggest = kinds.length && mp.dynamicEnergyPj > 0 ? `; the largest dynamic part is ${kinds[0][0]} (${fmtPct(kinds[0][1] / mp.dynamicEnergyPj)} of dynamic)` : "";
  return {
    id: "energy-split",
    label: "Where the energy goes",
    value: `${fmtPct(mp.staticEnergyPj / total)} static`,
    unit: "",
    how:
      `static power × latency (${joinQ(timeNs(mp.latencyNs))}) is ${fmtPct(mp.staticEnergyPj / total)} of the energy per inference, ` +
      `dynamic ${fmtPct(mp.dynamicEnergyPj / total)}${biggest}; the layers with the most dynamic energy: ${tops.join(", ")} (per-layer energy chart below)`,
  };
}
