/**
 * The report of a `pimsyn dualmode` run directory, from its metrics.json and allocation.json: headline figures,
 * the segment timeline (reload, switch, write-back, compute), memory-mode ratio per segment, compute/memory
 * arrays per operator, and for a --seq sweep, speedup and memory ratio against sequence length. One offline
 * HTML file with inline SVG, and Markdown.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.ts";
import { lineChart } from "./svg/line.ts";
import { el, esc, svgRoot, text, tooltip, type SvgMarkup } from "./svg/svg.ts";
import { seriesColor } from "./svg/palette.ts";

interface SegmentJson {
  index: number;
  allCompute: boolean;
  cycles: { intra: number; reload: number; switch: number; writeBack: number };
  computeArrays: number;
  memoryArrays: number;
  memoryRatio: number;
  operators: { name: string; kind: string; compute: number; memory: number; memoryIn: number; memoryOut: number; ai: number }[];
}

interface MetricsJson {
  network: { name: string; hash: string; description: string };
  hw: { name: string; arrays: number; clockMhz: number };
  latencyCycles: number;
  latencyUs: number;
  baselineLatencyCycles: number;
  speedup: number;
  fellBackToAllCompute: boolean;
  memoryRatio: number;
  shares: { switch: number; reload: number; writeBack: number };
  switches: { toMemory: number; toCompute: number };
  segments: number;
  operators: number;
  solver: { ours: { milps: number; prunedByBound: number; cacheHits: number; segmentsSolved: number; dpStates: number } };
  simulator: { latencyCycles: number; relativeDifference: number };
  sweep: { seq: number; speedup: number; memoryRatio: number }[];
}

/** Segments and operators drawn at most (the tables and JSON keep all of them). */
const MAX_SEGMENTS_DRAWN = 300;
const MAX_OPERATORS_DRAWN = 80;

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const big = (x: number) => (x >= 1e6 ? x.toExponential(3) : x.toFixed(0));

const PARTS = [
  { key: "reload", label: "weight reload", color: "#9aa0a6" },
  { key: "switch", label: "mode switch", color: "#d62728" },
  { key: "writeBack", label: "write-back", color: "#ff7f0e" },
  { key: "intra", label: "compute (pipelined segment)", color: "#1f77b4" },
] as const;

function timeline(segments: readonly SegmentJson[]): SvgMarkup {
  const shown = segments.slice(0, MAX_SEGMENTS_DRAWN);
  const total = shown.reduce((t, s) => t + s.cycles.reload + s.cycles.switch + s.cycles.writeBack + s.cycles.intra, 0) || 1;
  const width = 900;
  const left = 10;
  const right = width - 10;
  const scale = (right - left) / total;
  let x = left;
  let body = "";
  let marks = 0;
  for (const s of shown) {
    for (const p of PARTS) {
      const w = s.cycles[p.key] * scale;
      if (w <= 0) continue;
      const opacity = p.key === "intra" ? 0.45 + 0.55 * s.memoryRatio : 1;
      body += el("rect", { class: "mark", x, y: 10, width: Math.max(w, 0.2), height: 40, fill: p.color, "fill-opacity": opacity }, tooltip(`segment ${s.index}: ${p.label} ${big(s.cycles[p.key])} cycles, memory ratio ${pct(s.memoryRatio)}`));
      x += w;
      marks++;
    }
  }
  let lx = left;
  for (const p of PARTS) {
    body += el("rect", { x: lx, y: 60, width: 12, height: 12, fill: p.color }) + text(lx + 16, 70, p.label, { "font-size": 12 });
    lx += 30 + p.label.length * 7;
  }
  const note = segments.length > shown.length ? `first ${shown.length} of ${segments.length} segments` : `${segments.length} segments`;
  body += text(left, 92, `${note}; darker compute = more memory-mode arrays`, { "font-size": 11 });
  return svgRoot({ id: "timeline", title: "Segment timeline", desc: "time of each segment split into reload, switch, write-back and compute", width, height: 100 }, body, marks);
}

function operatorBars(segments: readonly SegmentJson[]): SvgMarkup {
  const rows = segments.flatMap((s) => s.operators.map((o) => ({ ...o, segment: s.index }))).slice(0, MAX_OPERATORS_DRAWN);
  const width = 900;
  const labelW = 260;
  const maxArrays = Math.max(1, ...rows.map((r) => r.compute + r.memory));
  const sx = (v: number) => ((width - labelW - 20) * v) / maxArrays;
  let body = "";
  rows.forEach((r, i) => {
    const y = 8 + i * 14;
    body += text(4, y + 10, `${r.segment}: ${r.name}`.slice(0, 40), { "font-size": 11 });
    body += el("rect", { class: "mark", x: labelW, y, width: sx(r.compute), height: 11, fill: "#1f77b4" }, tooltip(`${r.name}: ${r.compute} compute arrays (AI ${r.ai})`));
    body += el("rect", { class: "mark", x: labelW + sx(r.compute), y, width: sx(r.memory), height: 11, fill: "#2ca02c" }, tooltip(`${r.name}: ${r.memory} memory arrays (${r.memoryIn} in, ${r.memoryOut} out)`));
  });
  const y = 14 + rows.length * 14;
  body += el("rect", { x: labelW, y, width: 12, height: 12, fill: "#1f77b4" }) + text(labelW + 16, y + 10, "compute mode", { "font-size": 12 });
  body += el("rect", { x: labelW + 130, y, width: 12, height: 12, fill: "#2ca02c" }) + text(labelW + 146, y + 10, "memory mode (input and output buffers)", { "font-size": 12 });
  return svgRoot({ id: "modes", title: "Arrays per operator", desc: "compute and memory-mode arrays of each operator", width, height: y + 20 }, body, rows.length * 2);
}

function memoryRatioChart(segments: readonly SegmentJson[]): SvgMarkup {
  return lineChart({
    id: "memory-ratio",
    title: "Memory-mode ratio per segment",
    desc: "memory-mode arrays over arrays in use, per segment",
    series: [{ name: "memory ratio", points: segments.map((s) => ({ x: s.index, y: s.memoryRatio })), color: seriesColor(1), emphasis: true }],
    xLabel: "segment",
    yLabel: "memory-mode share",
    legend: [],
    integerX: true,
    height: 240,
  });
}

function sweepCharts(m: MetricsJson): SvgMarkup[] {
  if (m.sweep.length < 2) return [];
  const mk = (id: string, title: string, y: (p: MetricsJson["sweep"][number]) => number, yLabel: string) =>
    lineChart({
      id,
      title,
      desc: `${title} against sequence length`,
      series: [{ name: title, points: m.sweep.map((p) => ({ x: p.seq, y: y(p) })), color: seriesColor(0), emphasis: true }],
      xLabel: "sequence length (tokens)",
      yLabel,
      legend: [],
      height: 260,
    });
  return [mk("sweep-speedup", "Speedup over all-compute", (p) => p.speedup, "speedup (×)"), mk("sweep-memory", "Memory-mode ratio", (p) => p.memoryRatio, "memory-mode arrays (share)")];
}

function headline(m: MetricsJson): [string, string][] {
  return [
    ["network", `${m.network.name} (${m.network.hash.slice(0, 12)}): ${m.network.description}`],
    ["chip", `${m.hw.name}, ${m.hw.arrays} dual-mode arrays`],
    ["latency", `${big(m.latencyCycles)} cycles (${m.latencyUs.toFixed(1)} µs at ${m.hw.clockMhz} MHz)`],
    ["all-compute baseline", `${big(m.baselineLatencyCycles)} cycles`],
    ["speedup", `${m.speedup.toFixed(3)}×${m.fellBackToAllCompute ? " (fell back to the all-compute plan)" : ""}`],
    ["memory-mode ratio", `${pct(m.memoryRatio)} of the arrays in use, weighted by segment time`],
    ["time shares", `reload ${pct(m.shares.reload)}, switches ${pct(m.shares.switch)}, write-back ${pct(m.shares.writeBack)}`],
    ["switches", `${m.switches.toMemory} to memory, ${m.switches.toCompute} to compute`],
    ["segments / operators", `${m.segments} / ${m.operators}`],
    ["solver", `${m.solver.ours.milps} MILPs, ${m.solver.ours.prunedByBound} settled by the bound, ${m.solver.ours.cacheHits} cache hits, ${m.solver.ours.dpStates} DP states`],
    ["event simulator", `${big(m.simulator.latencyCycles)} cycles (${(100 * m.simulator.relativeDifference).toFixed(2)} % from the analytic latency)`],
  ];
}

export function renderDualModeReport(runDir: string): { html: string; md: string } {
  const m = JSON.parse(readFileSync(join(runDir, "metrics.json"), "utf8")) as MetricsJson;
  const a = JSON.parse(readFileSync(join(runDir, "allocation.json"), "utf8")) as { segments: SegmentJson[] };
  const rows = headline(m);
  const titles = ["Segment timeline", "Memory-mode ratio per segment", "Arrays per operator (compute and memory mode)", "Speedup against sequence length", "Memory-mode ratio against sequence length"];
  const charts = [timeline(a.segments), memoryRatioChart(a.segments), operatorBars(a.segments), ...sweepCharts(m)];
  const segRows = a.segments.slice(0, MAX_SEGMENTS_DRAWN);
  const html = [
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>",
    esc(`pimsyn dualmode: ${m.network.name} on ${m.hw.name}`),
    "</title><style>body{font:14px system-ui,sans-serif;max-width:960px;margin:2em auto;color:#333}table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #e3e3e3;text-align:left}</style></head><body>",
    `<h1>${esc(`${m.network.name} on ${m.hw.name}: dual-mode compilation`)}</h1>`,
    "<table>",
    ...rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`),
    "</table>",
    ...charts.map((c, k) => `<h2>${esc(titles[k])}</h2><figure>${c.svg}</figure>`),
    "<h2>Segments</h2><table><tr><th>segment</th><th>operators</th><th>compute</th><th>memory</th><th>memory ratio</th><th>compute cycles</th><th>reload cycles</th></tr>",
    ...segRows.map(
      (s) =>
        `<tr><td>${s.index}</td><td>${esc(s.operators.map((o) => o.name).join(", ").slice(0, 120))}</td><td>${s.computeArrays}</td><td>${s.memoryArrays}</td><td>${pct(s.memoryRatio)}</td><td>${big(s.cycles.intra)}</td><td>${big(s.cycles.reload)}</td></tr>`,
    ),
    "</table>",
    a.segments.length > segRows.length ? `<p>${a.segments.length - segRows.length} more segments in allocation.json.</p>` : "",
    "</body></html>",
  ].join("\n");
  const mdCell = (v: string) => v.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
  const md = [
    `# ${mdCell(m.network.name)} on ${mdCell(m.hw.name)}: dual-mode compilation`,
    "",
    "| | |",
    "|---|---|",
    ...rows.map(([k, v]) => `| ${mdCell(k)} | ${mdCell(v)} |`),
    "",
    ...(m.sweep.length > 1 ? ["## Sequence-length sweep", "", "| seq | speedup | memory ratio |", "|---:|---:|---:|", ...m.sweep.map((p) => `| ${p.seq} | ${p.speedup.toFixed(3)} | ${pct(p.memoryRatio)} |`), ""] : []),
    "## Segments",
    "",
    "| segment | operators | compute | memory | memory ratio | compute cycles | reload cycles |",
    "|---:|---|---:|---:|---:|---:|---:|",
    ...segRows.map((s) => `| ${s.index} | ${mdCell(s.operators.map((o) => o.name).join(", ").slice(0, 120))} | ${s.computeArrays} | ${s.memoryArrays} | ${pct(s.memoryRatio)} | ${big(s.cycles.intra)} | ${big(s.cycles.reload)} |`),
    "",
  ].join("\n");
  return { html, md };
}

export function writeDualModeReports(runDir: string): { html: string; md: string } {
  const { html, md } = renderDualModeReport(runDir);
  const files = { html: join(runDir, "report.html"), md: join(runDir, "report.md") };
  writeFileAtomic(files.html, html);
  writeFileAtomic(files.md, md);
  return files;
}
