import type { ArchSpec } from "../hardware/arch.ts";
import type { Preset } from "../hardware/components.ts";
import type { Network } from "../network/types.ts";

export const EXPORT_FORMATS = ["timeloop", "cimloop", "pimcomp", "mnsim"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One written file, its path relative to the export directory (forward slashes). */
export interface ExportFile {
  path: string;
  text: string;
}

export interface ExportInput {
  arch: ArchSpec;
  /** The preset the arch selects its component rows from. */
  preset: Preset;
  /** Needed only for Timeloop's per-layer problem and mapping-constraint files. */
  network?: Network;
}

export interface ExportResult {
  format: ExportFormat;
  /** README.txt included; sorted by path. */
  files: ExportFile[];
}
