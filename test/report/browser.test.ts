/**
 * The report in a real browser: headless Chromium (Debian package) opens report.html from disk and we check what a
 * reader gets: no console errors, no network requests, every chart laid out with the expected number of marks, no
 * horizontal overflow on a phone-sized screen, an A4 PDF. The run gets a schedule.json first (written by the
 * scheduler), so the Scheduling section is checked too. A screenshot goes to out/report-screenshot.png.
 * Chromium missing is a failure (see browser.ts), not a skip.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { writeReports } from "../../src/report/render.ts";
import { launchChromium } from "./browser.ts";
import { copyRun, exploredLines, plottable, readJson } from "./fixture.ts";
import { addSchedule, computingLayers } from "./schedule-fixture.ts";
import type { ScheduleResult } from "../../src/methods/clsa/types.ts";

const SCREENSHOT = fileURLToPath(new URL("../../out/report-screenshot.png", import.meta.url));

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
    floorplan: new Set(arch.mapping.layers.flatMap((l: { macros: number[] }) => l.macros)).size,
    timeline: traces.timeline.length,
    explore: plottable(exploredLines(run)),
    breakdown:
      positive(kinds.map((k) => k.peakPowerW)) +
      positive(kinds.map((k) => k.staticPowerW)) +
      positive(kinds.map((k) => k.areaMm2)) +
      positive(Object.values(metrics.design.mapping.energyByKindPj) as number[]),
    "sa-convergence": traces.sa.length + 1, // the chosen point adds its mean-energy line
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

  it("saves a full-page screenshot", async () => {
    ready();
    mkdirSync(join(SCREENSHOT, ".."), { recursive: true });
    const png = await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(png.subarray(1, 4).toString()).toBe("PNG");
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
