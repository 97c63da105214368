/**
 * The report in a real browser: headless Chromium (Debian package) opens report.html from disk and we check what a
 * reader gets: no console errors, no network requests, every chart laid out with the expected number of marks, no
 * horizontal overflow on a phone-sized screen, an A4 PDF. The run gets a schedule.json first (written by the
 * scheduler), so the Scheduling section is checked too. Then what a reader sees in each chart, measured on the
 * laid-out page: every chart titled, marks inside their plot area, the chosen design's marker clear of the axes
 * and not hiding the Pareto front's, a front line long enough to read, thin stacked segments named with their
 * values, the floorplan to scale, the EA chart ending at the headline, citations collapsed but complete.
 * Screenshots of the page and of each section go to a temporary folder (PIMSYN_SCREENSHOTS=<dir> keeps them for
 * review), never into the repository. Chromium missing is a failure (see browser.ts), not a skip.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { writeReports } from "../../src/report/render.ts";
import { launchChromium } from "./browser.ts";
import { copyRun, exploredLines, plottable, readJson } from "./fixture.ts";
import { addSchedule, computingLayers } from "./schedule-fixture.ts";
import type { ScheduleResult } from "../../src/methods/clsa/types.ts";

/** Where screenshots go: PIMSYN_SCREENSHOTS (kept) or a temporary folder (removed after the file). */
const keepShots = process.env.PIMSYN_SCREENSHOTS;
const SHOTS = keepShots ?? mkdtempSync(join(tmpdir(), "pimsyn-shots-"));

const run = copyRun();
const metrics = readJson(run, "metrics.json");
const arch = readJson(run, "arch.json");
const traces = readJson(run, "traces.json");
/** Written into the run by the scheduler in beforeAll, so the Scheduling section is drawn too. */
let schedule: ScheduleResult;

/** What each chart must show, computed from the run's files (not from the renderer). */
function expectedMarks(): Record<string, number> {
  const layers = metrics.design.mapping.layers.length;
  const hw = metrics.design.hardware;
  const kinds = Object.values(hw.byKind) as { peakPowerW: number; staticPowerW: number; areaMm2: number }[];
  const positive = (vs: number[]) => vs.filter((v) => v > 0).length;
  return {
    "layer-crossbars": layers,
    "layer-share": layers,
    "layer-energy": layers,
    floorplan: new Set(arch.mapping.layers.flatMap((l: { macros: number[] }) => l.macros)).size,
    timeline: traces.timeline.length,
    explore: plottable(exploredLines(run)),
    breakdown:
      positive(kinds.map((k) => k.peakPowerW)) +
      positive(kinds.map((k) => k.staticPowerW)) +
      positive(kinds.map((k) => k.areaMm2)) +
      positive(Object.values(metrics.design.mapping.energyByKindPj) as number[]),
    "sa-energy": traces.sa.length,
    "sa-accept": traces.sa.length + 1, // plus the median over the outer points
    "ea-convergence": traces.ea.length,
    // One bar per computing layer under each of the two policies.
    "schedule-gantt": 2 * computingLayers(schedule),
  };
}

let context: BrowserContext;
let page: Page;
let fileUrl: string;
const consoleErrors: string[] = [];
const requests: string[] = [];
/** A launch failure (no Chromium) fails every test with its message, rather than skipping them. */
let setupError: unknown;
function ready(): void {
  if (setupError) throw setupError;
}

beforeAll(async () => {
  schedule = await addSchedule(run);
  const { html } = writeReports(run);
  fileUrl = pathToFileURL(html).href;
  try {
    context = await launchChromium({ width: 1200, height: 900 });
  } catch (e) {
    setupError = e;
    return;
  }
  page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") consoleErrors.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(fileUrl, { waitUntil: "load" });
});

afterAll(async () => {
  await context?.close();
  rmSync(run, { recursive: true, force: true });
  if (!keepShots) rmSync(SHOTS, { recursive: true, force: true });
});

describe("report.html in headless Chromium", () => {
  it("loads with no console errors and requests nothing but itself", () => {
    ready();
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });

  it("has every section", async () => {
    ready();
    for (const id of ["headline", "design", "layers", "breakdown", "floorplan", "timeline", "schedule", "explore", "convergence", "assumptions"])
      expect(await page.locator(`section#${id} h2`).count(), id).toBe(1);
  });

  it("lays out every chart with a non-zero box and the expected number of marks", async () => {
    ready();
    const expected = expectedMarks();
    const charts = await page.locator("svg.chart").evaluateAll((els) => els.map((e) => e.getAttribute("data-chart") as string));
    expect(charts.sort()).toEqual(Object.keys(expected).sort());
    for (const [chart, n] of Object.entries(expected)) {
      const svg = page.locator(`svg[data-chart="${chart}"]`);
      const box = await svg.boundingBox();
      expect(box, chart).not.toBeNull();
      expect(box!.width, chart).toBeGreaterThan(100);
      expect(box!.height, chart).toBeGreaterThan(50);
      expect(await svg.locator(".mark").count(), chart).toBe(n);
    }
  });

  it("draws each mark with a visible size (bars, macro cells, Gantt bars)", async () => {
    ready();
    for (const chart of ["layer-share", "floorplan", "timeline", "schedule-gantt"]) {
      const boxes = await page.locator(`svg[data-chart="${chart}"] .mark`).evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return r.width * r.height;
        }),
      );
      expect(boxes.every((a: number) => a > 0), chart).toBe(true);
    }
  });

  it("draws the schedule Gantt with one lane per policy and both makespan lines inside the chart", async () => {
    ready();
    const gantt = page.locator('svg[data-chart="schedule-gantt"]');
    const layers = computingLayers(schedule);
    expect(await gantt.locator(".mark.lane-0").count()).toBe(layers);
    expect(await gantt.locator(".mark.lane-1").count()).toBe(layers);
    const box = (await gantt.boundingBox())!;
    const lines = await gantt.locator("line.makespan").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.left, h: r.height })));
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      expect(l.x).toBeGreaterThan(box.x);
      expect(l.x).toBeLessThan(box.x + box.width);
      expect(l.h).toBeGreaterThan(box.height / 2);
    }
    // Layer-by-layer ends later than cross-layer (schedule.json), so its line is further right.
    const span = (p: string) => schedule.runs.find((r) => r.policy === p)!.makespanNs;
    expect(span("layer-by-layer")).toBeGreaterThan(span("cross-layer"));
    expect(lines[1].x).toBeGreaterThan(lines[0].x);
  });

  it("saves a full-page screenshot and one per section, outside the repository", async () => {
    ready();
    mkdirSync(SHOTS, { recursive: true });
    const png = await page.screenshot({ path: join(SHOTS, "report.png"), fullPage: true });
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    for (const id of await page.locator("section").evaluateAll((els) => els.map((e) => e.id))) {
      const shot = await page.locator(`section#${id}`).screenshot({ path: join(SHOTS, `section-${id}.png`) });
      expect(shot.subarray(1, 4).toString(), id).toBe("PNG");
    }
  });

  it("fits a phone-sized screen without horizontal scrolling (wide tables scroll inside their box)", async () => {
    ready();
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(fileUrl);
    const [scrollWidth, innerWidth] = (await phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")) as [number, number];
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    const widest = await phone.locator("svg.chart").evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(390);
    await phone.close();
  });

  it("prints to A4 pages", async () => {
    ready();
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(3);
    // A4 = 595 × 842 pt.
    expect(pdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
  });
});

// Page-side globals used inside evaluate callbacks (the project's tsconfig has no DOM library).
declare const document: { elementFromPoint(x: number, y: number): { getAttribute(name: string): string | null } | null };
declare function getComputedStyle(e: unknown): { strokeWidth: string };

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The plot area of a chart on the page: from its y axis line to the end of its x axis line(s); charts with only an
 * x axis (bars, Gantt) span from the top of the chart's body (below the title) to that axis.
 */
async function plotArea(chart: string): Promise<Box> {
  return page.locator(`svg[data-chart="${chart}"]`).evaluate((svg) => {
    const xs = [...svg.querySelectorAll(".axis-x")].map((e) => e.getBoundingClientRect());
    const yAxis = svg.querySelector(".axis-y");
    const y = yAxis ? yAxis.getBoundingClientRect() : { left: Math.min(...xs.map((r) => r.left)), top: svg.querySelector(".chart-title")!.getBoundingClientRect().bottom };
    return { left: y.left, top: y.top, right: Math.max(...xs.map((r) => r.right)), bottom: Math.max(...xs.map((r) => r.bottom)) };
  });
}

/** Bounding boxes of the elements matching `selector` inside a chart. */
async function boxes(chart: string, selector: string): Promise<Box[]> {
  return page.locator(`svg[data-chart="${chart}"] ${selector}`).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    }),
  );
}

const inside = (b: Box, area: Box, margin = 0) =>
  b.left >= area.left + margin - 0.5 && b.right <= area.right - margin + 0.5 && b.top >= area.top + margin - 0.5 && b.bottom <= area.bottom - margin + 0.5;

describe("what a reader sees in each chart", () => {
  it("titles every chart with visible text", async () => {
    ready();
    const titles = await page.locator("svg.chart").evaluateAll((els) =>
      els.map((svg) => {
        const t = svg.querySelector("text.chart-title");
        const r = t?.getBoundingClientRect();
        const s = svg.getBoundingClientRect();
        return {
          chart: svg.getAttribute("data-chart"),
          text: t?.textContent ?? "",
          title: svg.querySelector("title")?.textContent ?? "",
          visible: !!r && r.width > 50 && r.height > 8 && r.left >= s.left && r.right <= s.right + 1 && r.top >= s.top,
        };
      }),
    );
    expect(titles.length).toBe(Object.keys(expectedMarks()).length);
    for (const t of titles) {
      expect(t.text, t.chart!).toBe(t.title);
      expect(t.visible, t.chart!).toBe(true);
    }
    // The per-layer charts in particular.
    expect(titles.find((t) => t.chart === "layer-crossbars")!.text).toMatch(/crossbars per layer/i);
    expect(titles.find((t) => t.chart === "layer-share")!.text).toMatch(/latency share per layer/i);
  });

  it("draws every data mark inside its chart's plot area", async () => {
    ready();
    for (const [chart, selector] of [
      ["explore", ".mark, .pareto, .chosen"],
      ["ea-convergence", ".mark, .tail, .tail-point"],
      ["sa-energy", ".mark"],
      ["sa-accept", ".mark"],
      ["layer-crossbars", ".mark"],
      ["layer-share", ".mark"],
      ["breakdown", ".mark"],
      ["timeline", ".mark"],
      ["schedule-gantt", ".mark"],
    ] as const) {
      const area = await plotArea(chart);
      const marks = await boxes(chart, selector);
      expect(marks.length, chart).toBeGreaterThan(0);
      const outside = marks.filter((b) => !inside(b, area));
      expect(outside, `${chart}: marks outside the plot area ${JSON.stringify(area)}`).toEqual([]);
    }
  });

  it("keeps the chosen design's marker clear of the axes, and the Pareto marker under it visible", async () => {
    ready();
    // elementFromPoint below sees only what is in the viewport: scroll first, then measure.
    await page.locator('svg[data-chart="explore"]').evaluate((svg) => svg.scrollIntoView({ block: "center" }));
    const area = await plotArea("explore");
    const [chosen] = await boxes("explore", ".chosen");
    // Clear of every edge of the plot area by at least 4 px: never drawn over an axis.
    expect(inside(chosen, area, 4), `${JSON.stringify(chosen)} in ${JSON.stringify(area)}`).toBe(true);
    // The front's dot nearest the chosen design is on top of it (drawn after), and the diamond shows around it.
    const hits = await page.locator('svg[data-chart="explore"]').evaluate((svg) => {
      const c = svg.querySelector(".chosen")!.getBoundingClientRect();
      const cx = (c.left + c.right) / 2;
      const cy = (c.top + c.bottom) / 2;
      const dots = [...svg.querySelectorAll(".pareto")].map((e) => e.getBoundingClientRect());
      const near = dots.map((r) => ({ x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 })).sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy))[0];
      const at = (x: number, y: number) => document.elementFromPoint(x, y)?.getAttribute("class") ?? "";
      return { dot: at(near.x, near.y), distance: Math.hypot(near.x - cx, near.y - cy), diamondTop: at(cx, c.top + 3), diamondRight: at(c.right - 3, cy) };
    });
    expect(hits.distance).toBeLessThan(1); // the chosen design is on the front
    expect(hits.dot).toBe("pareto");
    expect(hits.diamondTop).toBe("chosen");
    expect(hits.diamondRight).toBe("chosen");
    // Its label is inside the plot too.
    const [label] = await boxes("explore", ".chosen-label");
    expect(inside(label, area)).toBe(true);
  });

  it("draws the Pareto front as a line across the plot, thick enough to see", async () => {
    ready();
    const area = await plotArea("explore");
    const [line] = await boxes("explore", ".pareto-line");
    // From the y axis to the x axis: the boundary of the region the front dominates.
    expect(line.left).toBeCloseTo(area.left, 0);
    expect(line.bottom).toBeCloseTo(area.bottom, 0);
    const width = await page.locator('svg[data-chart="explore"] .pareto-line').evaluate((e) => Number(getComputedStyle(e).strokeWidth.replace("px", "")));
    expect(width).toBeGreaterThanOrEqual(1.5);
  });

  it("names every stacked segment with its value, thin ones included", async () => {
    ready();
    const segments = await page.locator('svg[data-chart="breakdown"] .mark').evaluateAll((els) =>
      els.map((e) => ({ key: e.getAttribute("data-key")!, bar: e.getAttribute("data-bar")!, width: e.getBoundingClientRect().width })),
    );
    const thin = segments.filter((s) => s.width < 34);
    expect(thin.map((s) => s.key)).toEqual(expect.arrayContaining(["alu", "dac"]));
    for (const s of segments) {
      const value = page.locator(`svg[data-chart="breakdown"] .legend-value[data-key="${s.key}"][data-bar="${s.bar}"]`);
      const text = (await value.textContent()) ?? "";
      expect(text, `${s.key} in bar ${s.bar}`).toMatch(/^\d[\d.]* %$/);
      expect(Number(text.replace(" %", "")), `${s.key} in bar ${s.bar}`).toBeGreaterThan(0);
      expect((await value.boundingBox())!.width).toBeGreaterThan(5);
    }
    // The legend's share equals the table's (peak power of the ALUs).
    const hw = metrics.design.hardware;
    const aluPeak = (hw.byKind.alu.peakPowerW / hw.peakPowerW) * 100;
    const shown = await page.locator('svg[data-chart="breakdown"] .legend-value[data-key="alu"][data-bar="0"]').textContent();
    expect(Number(shown!.replace(" %", ""))).toBeCloseTo(aluPeak, aluPeak >= 0.1 ? 1 : 3);
  });

  it("draws the floorplan to scale by crossbars, with shared pairs in distinct colours and a legend per group", async () => {
    ready();
    // Crossbars per macro from arch.json: the hardware tree's macros in the order the mapping first names them.
    const order: number[] = [];
    for (const l of arch.mapping.layers) for (const m of l.macros as number[]) if (!order.includes(m)) order.push(m);
    const perMacro: number[] = [];
    const crossbarsIn = (lv: any): number =>
      lv.components.filter((c: any) => c.kind === "crossbar").reduce((s: number, c: any) => s + c.count, 0) + lv.children.reduce((s: number, ch: any) => s + ch.count * crossbarsIn(ch), 0);
    for (const ch of arch.hardware.chip.children) for (let k = 0; k < ch.count; k++) perMacro.push(crossbarsIn(ch));
    expect(perMacro.length).toBe(order.length);
    expect(perMacro.reduce((a, b) => a + b, 0)).toBe(metrics.summary.crossbars);
    const crossbarsAt = new Map(order.map((m, k) => [m, perMacro[k]]));
    const cells = await page.locator('svg[data-chart="floorplan"] .mark').evaluateAll((els) =>
      els.map((g) => {
        const r = g.querySelector("rect")!.getBoundingClientRect();
        return { tip: g.querySelector("title")!.textContent!, area: r.width * r.height, fill: g.querySelector("rect")!.getAttribute("fill")!, group: g.getAttribute("data-group")!, shared: g.classList.contains("shared") };
      }),
    );
    const ratios = cells.map((c) => c.area / crossbarsAt.get(Number(/mesh position (\d+)/.exec(c.tip)![1]))!);
    const big = Math.max(...perMacro);
    // Area per crossbar is the same for every macro drawn above the 3 px minimum side.
    const scaled = ratios.filter((_, i) => cells[i].area > 16);
    expect(Math.max(...scaled) / Math.min(...scaled)).toBeLessThan(1.05);
    expect(big).toBeGreaterThan(Math.min(...perMacro)); // the fixture's macros differ in size
    // Shared pairs: one colour each, all different; every group has a legend line.
    const sharedFill = new Map(cells.filter((c) => c.shared).map((c) => [c.group, c.fill]));
    expect(sharedFill.size).toBeGreaterThan(0);
    expect(new Set(sharedFill.values()).size).toBe(sharedFill.size);
    const groups = new Set(cells.map((c) => c.group)).size;
    expect(await page.locator('svg[data-chart="floorplan"] .group-label').count()).toBe(groups);
  });

  it("ends the EA chart at the headline efficiency, inside the plot", async () => {
    ready();
    const headline = (await page.locator("#item-efficiency .value").textContent())!.trim();
    const label = page.locator('svg[data-chart="ea-convergence"] .end-label');
    expect(await label.textContent()).toBe(`${headline} GOPS/W (headline)`);
    const area = await plotArea("ea-convergence");
    const [end] = (await boxes("ea-convergence", ".tail-point.emphasis")).sort((a, b) => b.left - a.left);
    expect(inside(end, area, 2), `${JSON.stringify(end)} in ${JSON.stringify(area)}`).toBe(true);
    const [endLabel] = await boxes("ea-convergence", ".end-label");
    expect(inside(endLabel, area), `${JSON.stringify(endLabel)} in ${JSON.stringify(area)}`).toBe(true);
    expect(await page.locator('svg[data-chart="ea-convergence"] .tail-label').allTextContents()).toEqual(["refined", "exact alloc."]);
  });

  it("shows the SA charts with units on both axes", async () => {
    ready();
    expect(await page.locator('svg[data-chart="sa-energy"]').textContent()).toContain("best energy (% of level 1)");
    expect(await page.locator('svg[data-chart="sa-accept"]').textContent()).toContain("accepted moves (%)");
    expect(await page.locator("section#convergence figcaption").first().textContent()).toMatch(/blocks/);
  });

  it("never shows a utilisation rounded to 0.0 % in the Scheduling section", async () => {
    ready();
    const text = (await page.locator("section#schedule").textContent())!;
    expect(text).toMatch(/crossbar utilisation [\d.]+ % of the [\d,]+ crossbars it uses/);
    expect(text).not.toMatch(/(^|[^\d.])0\.0 %/);
  });

  it("collapses the citations, keeping every row and reference", async () => {
    ready();
    const details = page.locator("section#assumptions details.citations");
    expect(await details.count()).toBe(2);
    for (const open of await details.evaluateAll((els) => els.map((e) => (e as unknown as { open: boolean }).open))) expect(open).toBe(false);
    // Collapsed: the rows take no room, the summaries do.
    const rows = page.locator("#preset-rows table tr");
    expect(await rows.count()).toBeGreaterThan(10);
    expect(await rows.first().isVisible()).toBe(false);
    expect(await page.locator("#preset-rows > summary").isVisible()).toBe(true);
    const section = (await page.locator("section#assumptions").boundingBox())!;
    const pageHeight = (await page.evaluate("document.documentElement.scrollHeight")) as number;
    expect(section.height / pageHeight).toBeLessThan(0.2);
    // Complete: the references count in the summary, every one in the page, and a click opens them.
    const refs = page.locator("#references li");
    expect(await page.locator("#references > summary").textContent()).toContain(`(${await refs.count()})`);
    expect(await refs.count()).toBeGreaterThan(3);
    await page.locator("#references > summary").click();
    expect(await refs.first().isVisible()).toBe(true);
    await page.locator("#references > summary").click();
    // On paper, where nothing can be clicked open, they are printed in full.
    await page.emulateMedia({ media: "print" });
    expect(await refs.first().isVisible()).toBe(true);
    expect(await rows.first().isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    expect(await rows.first().isVisible()).toBe(false);
  });
});
