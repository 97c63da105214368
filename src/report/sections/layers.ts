/** Per-layer table and bar charts: weight copies, crossbars, blocks, macros, ADCs, busy time and latency share. */
import type { RunData } from "../load-run.ts";
import { fmtInt, fmtNum, fmtPct } from "../format.ts";
import { barChart } from "../svg/bar.ts";
import { layerColor } from "../svg/palette.ts";
import type { SvgMarkup } from "../svg/svg.ts";
import { table, type Table } from "../table.ts";

/** Layer name → position in the report's layer order (execution order), which also picks its colour. */
export function layerIndex(run: RunData): Map<string, number> {
  return new Map(run.metrics.design.mapping.layers.map((l, i) => [l.name, i]));
}

export function layerTable(run: RunData): Table {
  const mp = run.metrics.design.mapping;
  const sharesWith = new Map(run.arch.mapping.layers.map((l) => [l.layer, l.sharesWith ?? "—"]));
  return table(
    "layer-table",
    "Per-layer mapping (the bottleneck layer is highlighted)",
    [
      { label: "#", num: true },
      { label: "layer" },
      { label: "kind" },
      { label: "copies", num: true, title: "weight duplication (conv/fc) or output pixels per block (other layers)" },
      { label: "crossbars", num: true, title: "copies × crossbars per copy" },
      { label: "blocks", num: true, title: "steps the layer takes per inference" },
      { label: "macros", num: true },
      { label: "ADCs", num: true, title: "ADCs available to the layer" },
      { label: "busy", unit: "µs", num: true, title: "time the layer's units are busy during one inference" },
      { label: "latency share", unit: "%", num: true, title: "busy time ÷ single-inference latency" },
      { label: "energy", unit: "µJ", num: true, title: "the layer's dynamic energy per inference (crossbars, DACs, ADCs, ALUs, scratchpad, NoC)" },
      { label: "limited by", title: "the resource that sets the layer's block interval" },
      { label: "shares ADCs with" },
    ],
    mp.layers.map((l, i) => ({
      cls: l.name === mp.bottleneckLayer ? "highlight" : "",
      cells: [
        { text: String(i + 1), swatch: layerColor(i) },
        l.name,
        l.kind,
        fmtInt(l.duplication),
        fmtInt(l.crossbars),
        fmtInt(l.blocks),
        fmtInt(l.macros),
        fmtInt(l.adc),
        fmtNum(l.busyNs / 1e3),
        fmtPct(l.latencyShare).replace(" %", ""),
        fmtNum((l.dynamicEnergyPj ?? 0) / 1e6),
        l.bottleneck,
        sharesWith.get(l.name) ?? "—",
      ],
    })),
  );
}

export function layerCharts(run: RunData): SvgMarkup[] {
  const mp = run.metrics.design.mapping;
  const crossbars = barChart({
    id: "layer-crossbars",
    title: "Crossbars per layer",
    desc: `Crossbars holding each layer's weight copies, for ${mp.layers.length} layers in execution order.`,
    bars: mp.layers.map((l, i) => ({ label: l.name, value: l.crossbars, color: layerColor(i), note: `${fmtInt(l.duplication)} copies` })),
    axisLabel: "crossbars (count)",
    valueText: (v) => fmtInt(v),
  });
  const share = barChart({
    id: "layer-share",
    title: "Latency share per layer",
    desc: "Each layer's busy time as a share of the single-inference latency; the bottleneck layer is outlined.",
    bars: mp.layers.map((l, i) => ({
      label: l.name,
      value: l.latencyShare * 100,
      color: layerColor(i),
      highlight: l.name === mp.bottleneckLayer,
      note: `busy ${fmtNum(l.busyNs / 1e3)} µs, limited by ${l.bottleneck}`,
    })),
    axisLabel: "busy time ÷ latency (%)",
    valueText: (v) => `${v.toFixed(1)} %`,
    legend: [{ label: "bottleneck layer (busiest)", color: "#d62728", shape: "line" }],
  });
  const energy = barChart({
    id: "layer-energy",
    title: "Dynamic energy per layer",
    desc: "Each layer's dynamic energy per inference (crossbar reads, DAC drives, ADC conversions, ALU ops, scratchpad and NoC traffic); static energy is not split by layer.",
    bars: mp.layers.map((l, i) => ({
      label: l.name,
      value: (l.dynamicEnergyPj ?? 0) / 1e6,
      color: layerColor(i),
      note: `${l.kind}, ${fmtInt(l.crossbars)} crossbars, ${fmtPct((l.dynamicEnergyPj ?? 0) / mp.energyPerInferencePj)} of the energy per inference`,
    })),
    axisLabel: "dynamic energy (µJ)",
    valueText: (v) => fmtNum(v),
  });
  return [crossbars, share, energy];
}
