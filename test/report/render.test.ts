/** renderReport on the fixture run: every section, chart mark counts, optional files, ablation, determinism. */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderReport, writeReports } from "../../src/report/render.ts";
import { loadPreset } from "../../src/hardware/preset.ts";
import { shortHash } from "../../src/flow/run-dir.ts";
import { tempRuns, exploredLines, FIXTURE_RUN, markElements, marksOf, plottable, readJson, writeJson } from "./fixture.ts";

const tmpRun = tempRuns();

const metrics = readJson(FIXTURE_RUN, "metrics.json");
const arch = readJson(FIXTURE_RUN, "arch.json");
const traces = readJson(FIXTURE_RUN, "traces.json");
const report = renderReport(FIXTURE_RUN);

const SECTIONS = ["headline", "design", "layers", "breakdown", "floorplan", "timeline", "explore", "convergence", "assumptions"];

describe("renderReport on the fixture run", () => {
  it("has every section, with a heading each", () => {
    for (const id of SECTIONS) expect(report.html).toMatch(new RegExp(`<section id="${id}">\\s*<h2>[^<]+</h2>`));
    expect(report.html).not.toContain('id="ablation"');
  });

  it("shows the headline figures from metrics.json with units", () => {
    const s = metrics.summary;
    expect(report.html).toContain(`${s.gopsPerW.toPrecision(4)}</span> <span class="unit">GOPS/W`);
    expect(report.html).toContain(`${s.throughputTops.toPrecision(4)}</span> <span class="unit">TOPS`);
    expect(report.html).toContain(`× ${s.gainOverBaseline.toPrecision(3)}`);
    expect(report.html).toContain(`>${metrics.inputs.model}<`);
    expect(report.html).toContain("1 min 32 s"); // timing.json wallMs 92244
    for (const id of ["model", "power", "efficiency", "throughput", "latency", "energy-bound", "energy-split", "gain", "seed", "version", "runtime"])
      expect(report.html).toContain(`id="item-${id}"`);
  });

  it("draws one bar per layer, one cell per macro, one Gantt bar per timeline row", () => {
    const layers = metrics.design.mapping.layers.length;
    const macros = new Set(arch.mapping.layers.flatMap((l: { macros: number[] }) => l.macros)).size;
    expect(macros).toBe(metrics.summary.macros);
    for (const [chart, n] of [
      ["layer-crossbars", layers],
      ["layer-share", layers],
      ["floorplan", macros],
      ["timeline", traces.timeline.length],
    ] as const) {
      expect(marksOf(report.html, chart)).toBe(n);
      expect(markElements(report.html, chart)).toBe(n);
    }
  });

  it("marks the macros shared through sharesWith, and outlines the bottleneck layer", () => {
    const sharers = arch.mapping.layers.filter((l: { sharesWith?: string }) => l.sharesWith);
    const shared = new Set(sharers.flatMap((l: { macros: number[] }) => l.macros)).size;
    expect(shared).toBeGreaterThan(0);
    expect((report.html.match(/class="mark shared"/g) ?? []).length).toBe(shared);
    expect((report.html.match(/class="mark bottleneck"/g) ?? []).length).toBe(1);
    expect(report.html).toMatch(new RegExp(`<tr class="highlight"><td class="num"><span class="swatch"[^>]*></span>\\d+</td><td>${metrics.design.mapping.bottleneckLayer}</td>`));
  });

  it("plots every explored line that has numbers, plus the Pareto front and the chosen design", () => {
    const n = plottable(exploredLines(FIXTURE_RUN));
    expect(n).toBeGreaterThan(100);
    expect(marksOf(report.html, "explore")).toBe(n);
    expect(report.html).toMatch(/class="chosen"/);
    expect((report.html.match(/class="pareto"/g) ?? []).length).toBeGreaterThan(0);
  });

  it("draws SA convergence as energy reduction and accepted moves (with units), one line per traced run", () => {
    const chosenPoint = metrics.search.finalists.find((f: { gopsPerW: number }) => f.gopsPerW === metrics.summary.gopsPerW).point;
    expect(marksOf(report.html, "sa-energy")).toBe(traces.sa.length);
    expect(marksOf(report.html, "sa-accept")).toBe(traces.sa.length + 1); // plus the median
    expect(report.html).not.toContain('data-chart="sa-convergence"');
    expect(report.html).toContain(">best energy (% of level 1)<");
    expect(report.html).toContain(">accepted moves (%)<");
    expect(report.html).toContain(`chosen design&#39;s point (${chosenPoint})`);
    // The caption gives the chosen point's energies in their unit and the acceptance's fall.
    const mine = traces.sa.find((t: { point: number }) => t.point === chosenPoint);
    const e = (v: number) => String(Number(v.toPrecision(4)));
    expect(report.html).toContain(`from ${e(mine.levels[0].bestEnergy)} to ${e(mine.levels.at(-1).bestEnergy)} blocks`);
    expect(report.html).toMatch(/Accepted moves fell from a median [\d.]+ % at the first level to [\d.]+ % at the last/);
  });

  it("ends the EA chart at the headline efficiency: each finalist refined, then exactly allocated", () => {
    expect(marksOf(report.html, "ea-convergence")).toBe(traces.ea.length);
    const start = report.html.indexOf('data-chart="ea-convergence"');
    const ea = report.html.slice(start, report.html.indexOf("</svg>", start));
    const finalists = metrics.search.finalists.length;
    expect((ea.match(/class="tail-point[ "]/g) ?? []).length).toBe(2 * finalists);
    expect((ea.match(/class="tail-point emphasis"/g) ?? []).length).toBe(2);
    expect(ea).toContain(">refined<");
    expect(ea).toContain(">exact alloc.<");
    expect(ea).toContain(`>${metrics.summary.gopsPerW.toPrecision(4)} GOPS/W (headline)<`);
  });

  it("draws the convergence charts without NaN when a point has no finite energy and no finalist is listed", () => {
    const dir = tmpRun();
    const t = readJson(dir, "traces.json");
    for (const l of t.sa[0].levels) l.bestEnergy = null;
    writeJson(dir, "traces.json", t);
    const m = readJson(dir, "metrics.json");
    m.search.finalists = [];
    writeJson(dir, "metrics.json", m);
    const { html } = renderReport(dir);
    expect(marksOf(html, "sa-energy")).toBe(t.sa.length);
    expect(html).toContain(`Over ${t.sa.length - 1} outer points the annealing lowered`);
    expect(html).not.toMatch(/NaN/);
    expect(html).not.toContain('class="tail-steps"');
  });

  it("lists the preset's component rows with their sources, and says whether the preset matches the run's hash", () => {
    // The fixture run predates pimsyn-date24's per-router NoC row (issue 12 item 5): the report says the preset
    // changed since. A copy that records this version's hash is reported as used exactly.
    const current = shortHash(loadPreset("pimsyn-date24"));
    expect(metrics.inputs.preset.hash).not.toBe(current);
    expect(report.html).toContain(`The run&#x27;s preset (hash ${metrics.inputs.preset.hash}) differs from this version&#x27;s built-in &quot;pimsyn-date24&quot; (hash ${current})`);
    const dir = tmpRun();
    const m = readJson(dir, "metrics.json");
    m.inputs.preset.hash = current;
    writeJson(dir, "metrics.json", m);
    expect(renderReport(dir).html).toContain(`(hash ${current}), exactly as this run used it`);
    expect(report.html).toContain('id="preset-adc"');
    expect(report.html).toContain("PIMSYN-code config.json ADC");
    expect(report.html).toContain("ISCA 2016");
  });

  it("is one offline file: no scripts, no external references", () => {
    expect(report.html).not.toMatch(/<script/i);
    expect(report.html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(report.html).not.toMatch(/@import|url\((?!#)/);
    expect(report.html).toMatch(/@media print/);
    expect(report.html).toMatch(/@page \{ size: A4/);
  });

  it("writes a Markdown summary with the headline, layer and breakdown tables", () => {
    expect(report.md).toMatch(/^# resnet18 at 49 W/);
    for (const h of ["## Headline", "## The chosen design", "## Per-layer mapping", "## Power, area and energy by component kind", "## Search"])
      expect(report.md).toContain(`\n${h}\n`);
    const layerRows = report.md.split("\n").filter((l) => /^\| \d+ \| /.test(l));
    expect(layerRows).toHaveLength(metrics.design.mapping.layers.length);
    // Every table row has as many cells as its header.
    for (const block of report.md.split("\n\n").filter((b) => b.startsWith("|"))) {
      const rows = block.split("\n").filter(Boolean);
      const cols = (r: string) => r.replace(/\\\|/g, "").split("|").length;
      for (const r of rows) expect(cols(r)).toBe(cols(rows[0]));
    }
  });

  it("is deterministic", () => {
    expect(renderReport(FIXTURE_RUN)).toEqual(report);
  });
});

describe("optional files", () => {
  it("renders without traces.json, timing.json and explored.jsonl, saying what is missing", () => {
    const dir = tmpRun();
    for (const f of ["traces.json", "timing.json", "explored.jsonl"]) rmSync(join(dir, f));
    const { html } = renderReport(dir);
    expect(html).toContain("no explored.jsonl");
    expect(html).toContain("No simulated-annealing trace");
    expect(html).toContain("No evolutionary-algorithm trace");
    expect(html).toMatch(/Run time<\/dt><dd><span class="value">not recorded/);
    // The timeline falls back on metrics.json's layer rows.
    expect(marksOf(html, "timeline")).toBe(metrics.design.mapping.layers.length);
    expect(html).toContain("this run has no traces.json");
  });

  it("renders ablation.json as a table when present", () => {
    const dir = tmpRun();
    writeJson(dir, "ablation.json", {
      rows: [
        { name: "full", gopsPerW: 442.2, throughputTops: 14.39, peakPowerW: 49, gainVsFull: 1 },
        { name: "no ADC sharing", gopsPerW: 401.5, throughputTops: 13.1, peakPowerW: 48.7, gainVsFull: 0.908 },
      ],
    });
    const { html, md } = renderReport(dir);
    expect(html).toMatch(/<section id="ablation">/);
    expect(html).toMatch(/<td>no ADC sharing<\/td><td class="num">401.5<\/td><td class="num">13.1<\/td><td class="num">48.7<\/td><td class="num">0.908<\/td>/);
    expect(md).toContain("## Ablation and baselines");
    expect(md).toContain("| no ADC sharing | 401.5 | 13.1 | 48.7 | 0.908 |");
  });

  it("bins a large design-space cloud into a 2-D histogram", () => {
    const dir = tmpRun();
    const lines: string[] = [];
    // 5000 candidates on a deterministic spiral of (TOPS, GOPS/W).
    for (let i = 0; i < 5000; i++)
      lines.push(JSON.stringify({ kind: "candidate", point: 1, candidate: i, dacBits: 1, gopsPerW: 20 + (i % 97) * 4, tops: 0.5 + ((i * 37) % 101) / 7 }));
    writeFileSync(join(dir, "explored.jsonl"), lines.join("\n") + "\n");
    const { html } = renderReport(dir);
    const bins = marksOf(html, "explore")!;
    expect(bins).toBeGreaterThan(10);
    expect(bins).toBeLessThan(5000);
    expect((html.match(/class="mark bin"/g) ?? []).length).toBe(bins);
    expect(html).toContain("5000 designs");
    // Binning is the same with a lower threshold on the fixture's own cloud.
    const small = renderReport(FIXTURE_RUN, { binAbove: 10 });
    expect(small.html).toMatch(/class="mark bin"/);
  });
});

describe("writeReports", () => {
  it("writes report.html and report.md into the run directory", () => {
    const dir = tmpRun();
    const paths = writeReports(dir);
    expect(paths).toEqual({ html: join(dir, "report.html"), md: join(dir, "report.md") });
    expect(readFileSync(paths.html, "utf8")).toBe(report.html);
    expect(readFileSync(paths.md, "utf8")).toBe(report.md);
    expect(existsSync(join(dir, "metrics.json"))).toBe(true);
  });
});
