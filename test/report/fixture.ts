/** The fixture run (a real resnet18 synthesis, traces trimmed) and helpers to make edited copies of it. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { afterAll } from "vitest";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURE_RUN = fileURLToPath(new URL("../fixtures/run/", import.meta.url));

/** A fresh copy of the fixture run in a temporary folder. */
export function copyRun(): string {
  const dir = mkdtempSync(join(tmpdir(), "pimsyn-report-"));
  cpSync(FIXTURE_RUN, dir, { recursive: true });
  return dir;
}

export function readJson(dir: string, file: string): any {
  return JSON.parse(readFileSync(join(dir, file), "utf8"));
}

export function writeJson(dir: string, file: string, value: unknown): void {
  writeFileSync(join(dir, file), JSON.stringify(value, null, 2));
}

/** Lines of explored.jsonl, parsed. */
export function exploredLines(dir: string): any[] {
  return readFileSync(join(dir, "explored.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** Explored lines the scatter can place: evaluated points with a best design, candidates with a score. */
export function plottable(lines: any[]): number {
  return lines.filter((o) =>
    o.kind === "point"
      ? o.status === "evaluated" && typeof o.bestTops === "number" && typeof o.bestGopsPerW === "number"
      : o.kind === "candidate" && typeof o.tops === "number" && typeof o.gopsPerW === "number",
  ).length;
}

/** data-marks of the chart with this data-chart id, or undefined if absent. */
export function marksOf(html: string, chart: string): number | undefined {
  const m = new RegExp(`data-chart="${chart}" data-marks="(\\d+)"`).exec(html);
  return m ? Number(m[1]) : undefined;
}

/** Count of elements carrying class "mark" inside one chart's markup. */
export function markElements(html: string, chart: string): number {
  const start = html.indexOf(`data-chart="${chart}"`);
  if (start < 0) return -1;
  const end = html.indexOf("</svg>", start);
  return (html.slice(start, end).match(/class="mark[ "]/g) ?? []).length;
}

/** Temporary copies of the fixture run, removed after the calling test file. */
export function tempRuns(): () => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return () => {
    const d = copyRun();
    dirs.push(d);
    return d;
  };
}
