/**
 * Renders a run directory's report from its JSON files only (so an old run can be re-rendered after upgrading):
 * report.html (one offline file: inline CSS and SVG, no scripts) and report.md (the headline tables).
 */
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.ts";
import { renderTemplate } from "./engine.ts";
import { loadRun } from "./load-run.ts";
import { reportModel, type ReportOptions } from "./view-model.ts";

export interface RenderedReport {
  html: string;
  md: string;
}

export function renderReport(runDir: string, opts: ReportOptions = {}): RenderedReport {
  const run = loadRun(runDir);
  const model = reportModel(run, opts);
  return { html: renderTemplate("report.html", model), md: renderTemplate("summary.md", model) };
}

export const REPORT_HTML = "report.html";
export const REPORT_MD = "report.md";

/** Render and write report.html and report.md into the run directory (each written atomically). Returns their paths. */
export function writeReports(runDir: string): { html: string; md: string } {
  const { html, md } = renderReport(runDir);
  const paths = { html: join(runDir, REPORT_HTML), md: join(runDir, REPORT_MD) };
  writeFileAtomic(paths.html, html);
  writeFileAtomic(paths.md, md);
  return paths;
}
