/**
 * Export a design to another tool's input format. Pure: (arch, preset, network?) → files; the CLI writes them.
 * One file per format: timeloop.ts, cimloop.ts, pimcomp.ts, mnsim.ts.
 */
import { UserError } from "../errors.ts";
import type { ArchSpec } from "../hardware/arch.ts";
import type { Preset } from "../hardware/components.ts";
import { loadPreset } from "../hardware/preset.ts";
import type { Network } from "../network/types.ts";
import { exportCimloop } from "./cimloop.ts";
import { exportMnsim } from "./mnsim.ts";
import { exportPimcomp } from "./pimcomp.ts";
import { exportTimeloop } from "./timeloop.ts";
import { EXPORT_FORMATS, type ExportFormat, type ExportInput, type ExportResult } from "./types.ts";

export { safe as exportDirName } from "./design.ts";
export { EXPORT_FORMATS, type ExportFile, type ExportFormat, type ExportInput, type ExportResult } from "./types.ts";

const EXPORTERS: Record<ExportFormat, (input: ExportInput) => ExportResult> = {
  timeloop: exportTimeloop,
  cimloop: exportCimloop,
  pimcomp: exportPimcomp,
  mnsim: exportMnsim,
};

export function parseExportFormat(text: string, pointer = "--format"): ExportFormat {
  if ((EXPORT_FORMATS as readonly string[]).includes(text)) return text as ExportFormat;
  throw new UserError(`unknown format ${JSON.stringify(text)}; expected one of ${EXPORT_FORMATS.join(", ")}`, { pointer });
}

export function exportFiles(format: ExportFormat, input: ExportInput): ExportResult {
  return EXPORTERS[format](input);
}

export interface ExportDesignOptions {
  /** Default: the built-in preset the arch names. */
  preset?: Preset;
  /** Timeloop's per-layer problem and constraint files are written only with the network. */
  network?: Network;
}

/** The library face: `exportDesign(arch, "timeloop")` → the files (README.txt included), nothing written. */
export function exportDesign(arch: ArchSpec, format: ExportFormat | string, opts: ExportDesignOptions = {}): ExportResult {
  const fmt = parseExportFormat(format, "format");
  return exportFiles(fmt, { arch, preset: opts.preset ?? loadPreset(arch.preset), network: opts.network });
}
