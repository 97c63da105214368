/**
 * The Scheduling section: rendered from a schedule.json the scheduler writes into a copy of the fixture run
 * (figures, Gantt bars, Markdown lines, trace note), omitted without one, escaped with hostile names, and a
 * malformed schedule.json is a one-line user error naming the file and JSON pointer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { renderReport } from "../../src/report/render.ts";
import { loadRun } from "../../src/report/load-run.ts";
import { userError as errorOf } from "../network/helpers.ts";
import type { ScheduleResult } from "../../src/methods/clsa/types.ts";
import { copyRun, FIXTURE_RUN, markElements, marksOf, readJson, writeJson } from "./fixture.ts";
import { addSchedule, computingLayers } from "./schedule-fixture.ts";

const BIN = fileURLToPath(new URL("../../bin/pimsyn.js", import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

let scheduled: string;
let sched: ScheduleResult;
let html: string;
let md: string;

/** A copy of the scheduled run, to edit. */
function copyScheduled(): string {
  const d = mkdtempSync(join(tmpdir(), "pimsyn-report-sched-"));
  dirs.push(d);
  cpSync(scheduled, d, { recursive: true });
  return d;
}


/** "1.361 ms" for 1361024 ns: four significant digits in the unit the report picks for the magnitude. */
function timeText(ns: number): string {
  const [div, unit] = ns >= 1e6 ? [1e6, "ms"] : ns >= 1e3 ? [1e3, "µs"] : [1, "ns"];
  return `${Number((ns / div).toPrecision(4))}</span> <span class="unit">${unit}`;
}

const section = (page: string) => {
  const start = page.indexOf('<section id="schedule">');
  return start < 0 ? "" : page.slice(start, page.indexOf("</section>", start));
};

beforeAll(async () => {
  scheduled = copyRun();
  dirs.push(scheduled);
  sched = await addSchedule(scheduled);
  ({ html, md } = renderReport(scheduled));
});

describe("Scheduling section", () => {
  it("is omitted when the run has no schedule.json (not an error)", () => {
    const plain = renderReport(FIXTURE_RUN);
    expect(plain.html).not.toContain('id="schedule"');
    expect(plain.html).not.toContain('href="#schedule"');
    expect(plain.html).not.toContain('data-chart="schedule-gantt"');
    expect(plain.md).not.toContain("## Scheduling");
  });

  it("shows both makespans, the baseline and the speedups from schedule.json, with units", () => {
    const cl = sched.runs.find((r) => r.policy === "cross-layer")!;
    const lbl = sched.runs.find((r) => r.policy === "layer-by-layer")!;
    expect(cl.makespanNs).toBeGreaterThan(0);
    expect(lbl.makespanNs).toBeGreaterThan(cl.makespanNs); // the fixture's mapping gains from cross-layer scheduling
    const s = section(html);
    expect(html).toContain('<li><a href="#schedule">Scheduling</a></li>');
    expect(s).toMatch(/<h2>Scheduling<\/h2>/);
    expect(s).toMatch(new RegExp(`id="item-sched-cross-layer">.*?${timeText(cl.makespanNs)}`));
    expect(s).toMatch(new RegExp(`id="item-sched-layer-by-layer">.*?${timeText(lbl.makespanNs)}`));
    expect(s).toMatch(new RegExp(`id="item-sched-baseline">.*?${timeText(sched.baseline!.makespanNs)}`));
    expect(s).toContain(`× ${Number((lbl.makespanNs / cl.makespanNs).toPrecision(3))}</span>`);
    expect(s).toContain(`× ${Number(sched.baseline!.speedup.toPrecision(3))}</span>`);
    const pct = (f: number) => String(Number((f * 100).toPrecision(3)));
    expect(s).toContain(`${pct(cl.utilisation)} / ${pct(lbl.utilisation)}</span> <span class="unit">% (cross-layer / layer-by-layer)`);
    // The baseline's utilisation: over the crossbars it uses and over the chip, never rounded to "0.0".
    const b = sched.baseline!;
    expect(b.utilisation).toBeGreaterThan(0);
    expect(s).toContain(
      `crossbar utilisation ${pct(b.mappedUtilisation)} % of the ${b.crossbarsUsed.toLocaleString("en-US")} crossbars it uses, ${pct(b.utilisation)} % of the chip&#x27;s ${sched.arch.crossbars.toLocaleString("en-US")}`,
    );
    expect(s).not.toMatch(/[^\d.]0\.0 %/);
    for (const id of ["granularity", "transfer", "duplication", "mvm"]) expect(s).toContain(`id="item-sched-${id}"`);
    expect(s).toMatch(/Set granularity<\/dt><dd><span class="value">row<\/span>/);
    expect(s).toMatch(/Transfer latency<\/dt><dd><span class="value">0<\/span> <span class="unit">ns per edge/);
    expect(s).toMatch(/Duplication source<\/dt><dd><span class="value">keep<\/span>/);
    expect(s).toContain(`${sched.sets.toLocaleString("en-US")} sets with ${sched.dependencies.toLocaleString("en-US")} dependencies`);
    // Every item says how it is computed.
    expect((s.match(/<dd class="how">[^<]{20,}<\/dd>/g) ?? []).length).toBe((s.match(/class="item"/g) ?? []).length);
    // Same run, same network and chip: no warning note.
    expect(s).not.toContain('class="note"');
  });

  it("draws one Gantt bar per computing layer and policy, and each policy's makespan", () => {
    const layers = computingLayers(sched);
    expect(layers).toBe(readJson(scheduled, "metrics.json").design.mapping.layers.length); // route layers have no row either
    expect(marksOf(html, "schedule-gantt")).toBe(2 * layers);
    expect(markElements(html, "schedule-gantt")).toBe(2 * layers);
    expect((html.match(/class="mark lane-0"/g) ?? []).length).toBe(layers);
    expect((html.match(/class="mark lane-1"/g) ?? []).length).toBe(layers);
    expect((html.match(/class="makespan"/g) ?? []).length).toBe(2);
    const conv1 = sched.layers[0];
    // The first layer starts at 0 under both policies; its tooltip gives the end from schedule.json.
    expect(conv1.layerByLayer!.startNs).toBe(0);
    expect(html).toMatch(new RegExp(`<title>${conv1.name}, layer-by-layer: 0(\\.0+)? µs to ${(conv1.layerByLayer!.endNs / 1e3).toPrecision(4)} µs`));
  });

  it("points at trace.json and ui.perfetto.dev, or says there is none", () => {
    const s = section(html);
    expect(s).toMatch(/trace\.json \(\d+(\.\d+)? KB\) beside schedule\.json/);
    expect(s).toContain("ui.perfetto.dev");
    expect(html).not.toMatch(/href="(https?:)?\/\//); // a name to type, not a link: the page loads nothing
    const dir = copyScheduled();
    rmSync(join(dir, "trace.json"));
    expect(section(renderReport(dir).html)).toContain("No trace.json beside schedule.json");
  });

  it("adds the figures to the Markdown summary", () => {
    expect(md).toContain("\n## Scheduling\n");
    const cl = sched.runs[0];
    expect(md).toContain(`| Cross-layer makespan | ${timeText(cl.makespanNs).replace("</span> <span class=\"unit\">", " ")} | `);
    expect(md).toMatch(/\| Cross-layer speedup \| × [\d.]+ \| /);
    expect(md).toMatch(/\| Set granularity \| row \| /);
    expect(md).toContain("ui.perfetto.dev");
    const block = md.slice(md.indexOf("## Scheduling"), md.indexOf("## Search")).split("\n").filter((l) => l.startsWith("|"));
    expect(block.length).toBe(2 + (section(html).match(/class="item"/g) ?? []).length);
    for (const r of block) expect(r.split("|").length).toBe(5);
  });

  it("draws one lane when only one policy ran, without a speedup", async () => {
    const dir = copyScheduled();
    const one = await addSchedule(dir, { policy: "cross-layer", baseline: false, trace: false });
    const page = renderReport(dir).html;
    expect(one.runs).toHaveLength(1);
    expect(marksOf(page, "schedule-gantt")).toBe(computingLayers(one));
    expect(page).not.toContain("lane-1");
    expect(page).not.toContain('id="item-sched-speedup"');
    expect(page).not.toContain('id="item-sched-baseline"');
    expect(page).toContain('id="item-sched-cross-layer"');
  });

  it("escapes hostile layer and network names, and notes a schedule of another network", () => {
    const dir = copyScheduled();
    const s = readJson(dir, "schedule.json");
    s.layers[0].name = "<script>alert(1)</script>";
    s.layers[2].name = `it's "q" & <b>`;
    s.network = { name: "<img src=x onerror=alert(1)>|*", hash: "0".repeat(64) };
    writeJson(dir, "schedule.json", s);
    const page = renderReport(dir);
    expect(page.html).not.toMatch(/<script|<img|<b>/i);
    // Gantt row label and two tooltips (one per policy).
    expect((page.html.match(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(page.html).toMatch(/it(&#39;|&#x27;)s (&quot;|&#x22;)q(&quot;|&#x22;) &amp; &lt;b&gt;/);
    expect(section(page.html)).toMatch(/<p class="note">schedule\.json schedules the network &lt;img src(=|&#x3D;)x onerror/);
    expect(page.md).not.toContain("<img");
    expect(page.md).toContain("Note: schedule.json schedules the network &lt;img src=x onerror=alert(1)&gt;\\|\\*");
  });
});

describe("a malformed schedule.json", () => {
  it("is a UserError naming the file and the JSON pointer", () => {
    const dir = copyScheduled();
    const file = join(dir, "schedule.json");
    const s = readJson(dir, "schedule.json");
    s.runs[0].makespanNs = -5;
    writeJson(dir, "schedule.json", s);
    let e = errorOf(() => renderReport(dir));
    expect([e.file, e.pointer]).toEqual([file, "/runs/0/makespanNs"]);
    s.runs[0].makespanNs = 5;
    delete s.layers[3].copies;
    writeJson(dir, "schedule.json", s);
    e = errorOf(() => renderReport(dir));
    expect([e.file, e.pointer]).toEqual([file, "/layers/3/copies"]);
    writeFileSync(file, '{ "schemaVersion": 1, ');
    e = errorOf(() => renderReport(dir));
    expect(e.file).toBe(file);
    expect(e.message).toMatch(/malformed JSON/);
    // `pimsyn compare` does not draw schedules, so it does not read them.
    expect(() => loadRun(dir, { explored: false, traces: false, schedule: false })).not.toThrow();
  });

  it("makes `pimsyn report` print one line and exit 2", () => {
    const dir = copyScheduled();
    const s = readJson(dir, "schedule.json");
    s.layers[1].crossLayer.endNs = "late";
    writeJson(dir, "schedule.json", s);
    const r = spawnSync(process.execPath, [BIN, "report", dir], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`${join(dir, "schedule.json")}: /layers/1/crossLayer/endNs: `);
  });
});

describe("specs/schedule.schema.json", () => {
  it("accepts the scheduler's schedule.json and rejects a negative makespan, with a plain ajv", () => {
    const schema = JSON.parse(readFileSync(new URL("../../specs/schedule.schema.json", import.meta.url), "utf8"));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const data = readJson(scheduled, "schedule.json");
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    data.runs[0].makespanNs = -1;
    expect(validate(data)).toBe(false);
  });
});
