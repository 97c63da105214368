/** The public synthesis call: PIMSYN's stage list with the report renderer, so a run directory is complete. */
import { runSynthesis, type SynthesizeCall } from "../methods/pimsyn/synthesize.ts";
import type { SynthContext } from "../methods/pimsyn/context.ts";
import { writeReports } from "../report/render.ts";

export type { SynthesizeCall };

export function synthesize(call: SynthesizeCall): Promise<SynthContext> {
  return runSynthesis({ renderReports: writeReports, ...call });
}
