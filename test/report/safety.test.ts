/** Escaping of hostile names, strict rendering (a missing field throws), and user errors for bad run files. */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderReport } from "../../src/report/render.ts";
import { markdownText, renderTemplate } from "../../src/report/engine.ts";
import { loadRun } from "../../src/report/load-run.ts";
import { reportModel } from "../../src/report/view-model.ts";
import { userError as errorOf } from "../network/helpers.ts";
import { tempRuns, FIXTURE_RUN, readJson, writeJson } from "./fixture.ts";

const tmpRun = tempRuns();

const SCRIPT = "<script>alert(1)</script>";
const QUOTED = `it's "q" & <b>`;

/** Rename a layer everywhere it appears in a run directory. */
function renameLayer(dir: string, from: string, to: string): void {
  const m = readJson(dir, "metrics.json");
  for (const l of m.design.mapping.layers) if (l.name === from) l.name = to;
  if (m.design.mapping.bottleneckLayer === from) m.design.mapping.bottleneckLayer = to;
  writeJson(dir, "metrics.json", m);
  const a = readJson(dir, "arch.json");
  for (const l of a.mapping.layers) {
    if (l.layer === from) l.layer = to;
    if (l.sharesWith === from) l.sharesWith = to;
  }
  writeJson(dir, "arch.json", a);
  const t = readJson(dir, "traces.json");
  for (const r of t.timeline) if (r.layer === from) r.layer = to;
  writeJson(dir, "traces.json", t);
}

describe("hostile names", () => {
  const dir = tmpRun();
  renameLayer(dir, "conv1", SCRIPT); // the bottleneck layer: also in the headline text and the Gantt label
  renameLayer(dir, "layer1.1.conv1", QUOTED); // shared by a later layer: appears in sharesWith and tooltips
  renameLayer(dir, "fc", "a|b`c*d");
  const m = readJson(dir, "metrics.json");
  m.inputs.model = `net"&'<x>`;
  writeJson(dir, "metrics.json", m);
  const { html, md } = renderReport(dir);

  it("escapes them in the HTML, in tables, text and SVG", () => {
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("<x>");
    const escapedScript = (html.match(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/g) ?? []).length;
    // Table cell, SVG labels and tooltips of the bar charts, Gantt and floorplan, section texts.
    expect(escapedScript).toBeGreaterThanOrEqual(6);
    // Handlebars escapes quotes as &quot; or &#x27;; the SVG writer as &quot; or &#39;.
    expect(html).toMatch(/it(&#x27;|&#39;)s (&quot;|&#x22;)q(&quot;|&#x22;) &amp; &lt;b&gt;/);
    expect(html).toMatch(/net(&quot;|&#x22;)&amp;(&#x27;|&#39;)&lt;x&gt;/);
    expect(html).not.toContain(`net"&`);
  });

  it("escapes them in the Markdown (entities for HTML, backslashes for table syntax)", () => {
    expect(md).not.toContain(SCRIPT);
    expect(md).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(md).toContain("a\\|b\\`c\\*d");
    const layerRows = md.split("\n").filter((l) => /^\| \d+ \| /.test(l));
    const cells = (r: string) => r.replace(/\\\|/g, "").split("|").length;
    for (const r of layerRows) expect(cells(r)).toBe(cells(layerRows[0]));
  });

  it("markdownText escapes exactly the characters that change Markdown or HTML", () => {
    expect(markdownText("a|b")).toBe("a\\|b");
    expect(markdownText("x & <y>")).toBe("x &amp; &lt;y&gt;");
    expect(markdownText("line\n  two")).toBe("line two");
    expect(markdownText(`plain "quoted" = ok's`)).toBe(`plain "quoted" = ok's`);
  });
});

describe("strict rendering", () => {
  const model = reportModel(loadRun(FIXTURE_RUN));

  it("renders the full model", () => {
    expect(renderTemplate("report.html", model)).toContain("</html>");
  });

  it("throws when a field a template prints is missing", () => {
    const broken = structuredClone({ ...model, layers: { ...model.layers, charts: [] } });
    delete (broken.headline[2] as { how?: string }).how;
    expect(() => renderTemplate("report.html", broken)).toThrow(/"how" not defined/);
    expect(() => renderTemplate("summary.md", broken)).toThrow(/missing field/);
  });

  it("throws when a field a block helper tests is missing (null is the explicit 'absent')", () => {
    const { ablation: _a, ...noAblation } = model;
    expect(() => renderTemplate("report.html", noAblation)).toThrow(/\{\{#if\}\} on a missing field/);
    const { layers, ...noLayers } = model;
    expect(layers).toBeDefined();
    expect(() => renderTemplate("report.html", noLayers)).toThrow();
    expect(() => renderTemplate("report.html", { ...model, ablation: null })).not.toThrow();
  });

  it("the templates never use triple-stash (all data is HTML-escaped)", () => {
    const root = fileURLToPath(new URL("../../templates/", import.meta.url));
    const files = [...readdirSync(root).map((f) => join(root, f)), ...readdirSync(join(root, "partials")).map((f) => join(root, "partials", f))].filter((f) =>
      f.endsWith(".hbs"),
    );
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) expect(readFileSync(f, "utf8"), f).not.toMatch(/\{\{\{|\{\{&/);
  });
});

describe("bad run files are user errors naming the file and pointer", () => {

  it("a missing metrics field", () => {
    const dir = tmpRun();
    const m = readJson(dir, "metrics.json");
    delete m.summary.gopsPerW;
    writeJson(dir, "metrics.json", m);
    const e = errorOf(() => renderReport(dir));
    expect(e.file).toBe(join(dir, "metrics.json"));
    expect(e.pointer).toBe("/summary/gopsPerW");
  });

  it("a mistyped layer field", () => {
    const dir = tmpRun();
    const m = readJson(dir, "metrics.json");
    m.design.mapping.layers[3].crossbars = "many";
    writeJson(dir, "metrics.json", m);
    expect(errorOf(() => renderReport(dir)).pointer).toBe("/design/mapping/layers/3/crossbars");
  });

  it("a malformed explored.jsonl line names the line", () => {
    const dir = tmpRun();
    const file = join(dir, "explored.jsonl");
    const lines = readFileSync(file, "utf8").split("\n");
    lines[4] = lines[4].slice(0, 20);
    writeFileSync(file, lines.join("\n"));
    expect(errorOf(() => renderReport(dir)).file).toBe(`${file}:5`);
    lines[4] = JSON.stringify({ kind: "candidate", tops: "fast", gopsPerW: 1 });
    writeFileSync(file, lines.join("\n"));
    const e = errorOf(() => renderReport(dir));
    expect([e.file, e.pointer]).toEqual([`${file}:5`, "/tops"]);
  });

  it("a macro outside the mesh, a layer missing from arch.json, a malformed traces.json", () => {
    let dir = tmpRun();
    const a = readJson(dir, "arch.json");
    a.mapping.layers[2].macros[0] = 9999;
    writeJson(dir, "arch.json", a);
    expect(errorOf(() => renderReport(dir)).pointer).toBe("/mapping/layers/2/macros/0");

    dir = tmpRun();
    const m = readJson(dir, "metrics.json");
    m.design.mapping.layers[5].name = "ghost";
    writeJson(dir, "metrics.json", m);
    expect(errorOf(() => renderReport(dir)).pointer).toBe("/design/mapping/layers/5/name");

    dir = tmpRun();
    writeFileSync(join(dir, "traces.json"), "{ not json");
    expect(errorOf(() => renderReport(dir)).file).toBe(join(dir, "traces.json"));
  });

  it("a folder that is not a run directory", () => {
    const dir = tmpRun();
    rmSync(join(dir, "metrics.json"));
    expect(errorOf(() => renderReport(dir)).message).toMatch(/no metrics.json/);
    expect(errorOf(() => renderReport(join(dir, "nope"))).message).toMatch(/no such run directory/);
    expect(errorOf(() => renderReport(join(dir, "arch.json"))).message).toMatch(/not a directory/);
  });

  it("an ablation.json of the wrong shape", () => {
    const dir = tmpRun();
    writeJson(dir, "ablation.json", { rows: [{ name: "full", gopsPerW: 1, throughputTops: 1, peakPowerW: 1 }] });
    const e = errorOf(() => renderReport(dir));
    expect([e.file, e.pointer]).toEqual([join(dir, "ablation.json"), "/rows/0/gainVsFull"]);
  });
});
