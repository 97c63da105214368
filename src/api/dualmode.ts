/** The public dual-mode call: CMSwitch's stage list with the report renderer, so a run directory is complete. */
import { runDualMode } from "../methods/cmswitch/run.ts";
import type { DualModeContext, DualModeRequest } from "../methods/cmswitch/context.ts";
import { writeDualModeReports } from "../report/dualmode.ts";

export type DualModeCall = DualModeRequest;

/** Compile `model` for a DEHA chip (default dynaplasia); with `outDir`, writes a run directory there. */
export function compileDualMode(call: Omit<DualModeCall, "hw"> & { hw?: string }): Promise<DualModeContext> {
  return runDualMode({ hw: "dynaplasia", ...call }, writeDualModeReports);
}
