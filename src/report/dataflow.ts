/**
 * report.html and report.md of a dataflow run directory (`pimsyn dataflow`), from mapping.json and metrics.json
 * and the hardware description they name: whole-model EDP against both baselines, per-layer EDP bars, the stall
 * breakdown, each layer's loop nest drawn as a nest, and the hardware table with citations.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.ts";
import { readJsonFile, validate } from "../io/json.ts";
import { loadDataflowHardware, type DataflowHardware } from "../hardware/dataflow-hw.ts";
import { DataflowMapping, DataflowMetrics, type LayerMapping } from "../methods/miredo/result.ts";
import { markdownText } from "./engine.ts";
import { barChart } from "./svg/bar.ts";
import { stackedBarChart } from "./svg/stacked-bar.ts";
import { esc } from "./svg/svg.ts";
import { seriesColor } from "./svg/palette.ts";

const g = (x: number, d = 3) =>
  !Number.isFinite(x) ? String(x) : Math.abs(x) >= 1e9 ? x.toExponential(d - 1) : Number(x.toPrecision(d)).toLocaleString("en-US", { maximumFractionDigits: 6 });

/** The loop nest as indented `for` lines, each with the level its tile lives in per operand. */
export function nestLines(l: LayerMapping): string[] {
  const lines = l.loops.map((loop, i) => `${"  ".repeat(i)}for ${loop.dim} in ${loop.factor}   [I: ${loop.levels.I}, W: ${loop.levels.W}, O: ${loop.levels.O}]`);
  const sp = Object.entries({ ...l.scheme.cores }).map(([d, v]) => `${d}${v}`).join(" ") || "-";
  const rows = Object.entries({ ...l.scheme.rows }).map(([d, v]) => `${d}${v}`).join(" ") || "-";
  const cols = Object.entries({ ...l.scheme.cols }).map(([d, v]) => `${d}${v}`).join(" ") || "-";
  lines.push(`${"  ".repeat(l.loops.length)}parallel cores(${sp}) × macro rows(${rows}) × columns(${cols}): one MAC step`);
  return lines;
}

function hardwareRows(hw: DataflowHardware): string[][] {
  const rows = hw.levels.map((l) => [l.name, `${g(l.sizeBits)} bits${l.perCore ? " per core" : ""}`, `${l.readBitsPerCycle}/${l.writeBitsPerCycle}`, `${l.readPjPerBit}/${l.writePjPerBit}`, l.operands.join(""), l.source]);
  rows.push(["Macro", `depth ${hw.macro.compartmentDepth}, t_MAC ${hw.macro.tMacCycles}, ping-pong ${hw.macro.pingPong}`, `-/${hw.macro.writeBitsPerCycle}`, `activation ${hw.macro.activationPj} pJ`, "W", hw.macro.source]);
  for (const a of hw.spatial) rows.push([a.name, `${a.size} over ${a.loops.join(",")}`, "", "", "", a.source]);
  rows.push(["leakage", `${hw.leakage.pjPerCycle} pJ/cycle`, "", "", "", hw.leakage.source]);
  return rows;
}

export function writeDataflowReports(runDir: string): { html: string; md: string } {
  const mapping = validate(DataflowMapping, readJsonFile(join(runDir, "mapping.json")), join(runDir, "mapping.json"));
  const metrics = validate(DataflowMetrics, readJsonFile(join(runDir, "metrics.json")), join(runDir, "metrics.json"));
  let hw: DataflowHardware | undefined;
  try {
    hw = loadDataflowHardware(mapping.hardware.name);
  } catch {
    hw = undefined; // a hardware file outside the built-ins: the table is left out
  }
  const t = metrics.total;
  const b = metrics.baselines;
  const summary = [
    `${metrics.network.name} on ${metrics.hardware.name}, objective ${metrics.options.objective}: latency ${g(t.latencyCycles)} cycles, energy ${g(t.energyPj / 1e6)} µJ, EDP ${g(t.edp)} cycle·pJ`,
    `EDP gain ${g(metrics.edpGain.vsGreedy)}× over the greedy (ZigZag/LOMA-like) baseline (${g(b.greedy.edp)}), ${g(metrics.edpGain.vsWs)}× over weight-stationary (${g(b.ws.edp)})`,
    `analytic vs simulated latency: mean error ${g(metrics.agreement.meanErrorPct)} %, worst ${metrics.agreement.worstLayer} ${g(metrics.agreement.worstErrorPct)} %`,
    `MILPs solved ${metrics.milp.solved} (${metrics.milp.timeLimitHits} hit the time limit), schemes pruned by bounds ${metrics.milp.schemesPruned}, skipped by the scheme budget ${metrics.milp.schemesSkipped}, layers proven optimal ${metrics.milp.layersProven} of ${metrics.layers.length}`,
    "gap: HiGHS's JavaScript API returns no dual bound, so each layer's gap is measured against its roofline lower bound ((objective − bound) / objective, an upper bound on the true optimality gap)",
  ];
  const layerHeader = ["layer", "latency (cycles)", "energy (µJ)", "EDP gain vs greedy", "EDP gain vs WS", "simulated error %", "from", "proven", "gap vs roofline"];
  const layerRows = metrics.layers.map((l) => [l.name, g(l.predicted.latencyCycles), g(l.predicted.energyPj / 1e6), `${g(l.edpGainVsGreedy)}×`, `${g(l.edpGainVsWs)}×`, g(l.errorPct), l.origin, l.proven ? "yes" : "no", `≤ ${g(100 * l.gapBound)} %`]);
  const stallKeys = [
    { key: "transfer", label: "input transfer (single buffer)", color: seriesColor(0) },
    { key: "weightLoad", label: "weight load / mode switch", color: seriesColor(1) },
    { key: "mismatch", label: "throughput mismatch", color: seriesColor(2) },
    { key: "writeBack", label: "partial-sum write-back", color: seriesColor(3) },
  ];

  // Markdown
  const md: string[] = [`# Dataflow: ${markdownText(metrics.network.name)} on ${markdownText(metrics.hardware.name)}`, "", ...summary.map((s) => `- ${markdownText(s)}`), ""];
  md.push("## Layers", "", `| ${layerHeader.join(" | ")} |`, `|${layerHeader.map(() => "---").join("|")}|`);
  for (const r of layerRows) md.push(`| ${r.map(markdownText).join(" | ")} |`);
  md.push("", "## Stalls (simulated cycles, all layers)", "", "| class | cycles |", "|---|---|");
  for (const k of stallKeys) md.push(`| ${k.label} | ${g(metrics.stalls[k.key as keyof typeof metrics.stalls])} |`);
  md.push("", "## Loop nests", "");
  for (const l of mapping.layers) {
    md.push(`### ${markdownText(l.name)}`, "", "```", ...nestLines(l), "```", "");
    md.push(`double-buffered: I ${l.doubleBuffered.I.join(", ") || "none"}; W ${l.doubleBuffered.W.join(", ") || "none"}; O ${l.doubleBuffered.O.join(", ") || "none"}. Bypassed: ${[...l.bypassed.I, ...l.bypassed.O].join(", ") || "none"}.`, "");
  }
  if (hw) {
    md.push("## Hardware", "", "| level / axis | size | read/write bits per cycle | read/write pJ per bit | operands | source |", "|---|---|---|---|---|---|");
    for (const r of hardwareRows(hw)) md.push(`| ${r.map(markdownText).join(" | ")} |`);
  }

  // HTML
  const edpBars = barChart({
    id: "edp-gain",
    title: "EDP gain per layer over the greedy baseline",
    desc: "Baseline EDP divided by the optimised EDP, per layer",
    bars: metrics.layers.map((l, i) => ({ label: l.name, value: l.edpGainVsGreedy, color: seriesColor(i % 2), note: `vs WS ${g(l.edpGainVsWs)}×` })),
    axisLabel: "EDP gain (×)",
    valueText: (v) => `${g(v)}×`,
  });
  const wsBars = barChart({
    id: "edp-gain-ws",
    title: "EDP gain per layer over the weight-stationary baseline",
    desc: "Weight-stationary EDP divided by the optimised EDP, per layer",
    bars: metrics.layers.map((l, i) => ({ label: l.name, value: l.edpGainVsWs, color: seriesColor(2 + (i % 2)) })),
    axisLabel: "EDP gain (×)",
    valueText: (v) => `${g(v)}×`,
    allowLog: true,
  });
  const stallBars = stackedBarChart({
    id: "stalls",
    title: "Simulated stall cycles by class",
    desc: "Stall cycles of the event simulator per layer, by class",
    keys: stallKeys,
    bars: mapping.layers.map((l) => ({ label: l.name, totalText: `${g(Object.values(l.simulated.stalls).reduce((a, c) => a + c, 0))} cycles`, values: { ...l.simulated.stalls }, valueText: (v: number) => `${g(v)} cycles` })),
  });
  const table = (head: string[], rows: string[][]) =>
    `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
  const html = [
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>",
    esc(`Dataflow: ${metrics.network.name}`),
    "</title><style>body{font:14px system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}pre{background:#f6f6f6;padding:6px}</style></head><body>",
    `<h1>${esc(`Dataflow: ${metrics.network.name} on ${metrics.hardware.name}`)}</h1>`,
    `<ul>${summary.map((s) => `<li>${esc(s)}</li>`).join("")}</ul>`,
    "<h2>Layers</h2>",
    edpBars.svg,
    wsBars.svg,
    table(layerHeader, layerRows),
    "<h2>Stalls</h2>",
    stallBars.svg,
    "<h2>Loop nests</h2>",
    ...mapping.layers.map((l) => `<h3>${esc(l.name)}</h3><pre>${esc(nestLines(l).join("\n"))}</pre>`),
    hw ? `<h2>Hardware</h2>${table(["level / axis", "size", "read/write bits per cycle", "read/write pJ per bit", "operands", "source"], hardwareRows(hw))}` : "",
    "</body></html>",
  ].join("\n");
  const htmlFile = join(runDir, "report.html");
  const mdFile = join(runDir, "report.md");
  writeFileAtomic(htmlFile, html);
  writeFileAtomic(mdFile, md.join("\n") + "\n");
  return { html: htmlFile, md: mdFile };
}

export function isDataflowRun(runDir: string): boolean {
  return existsSync(join(runDir, "mapping.json")) && existsSync(join(runDir, "metrics.json"));
}
