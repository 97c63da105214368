/** `--workers`: parsed, then capped at what can run in parallel, saying so (the search stage applies the same cap). */
import { pc } from "./colors.ts";
import { defaultWorkers, usefulWorkers } from "../flow/workers.ts";
import { DEFAULT_OPTIONS } from "../methods/pimsyn/options.ts";
import { parsePositiveInt } from "./parse.ts";
import { writeErr } from "./terminal.ts";

export function workersOption(text: string | undefined): number {
  if (text === undefined) return defaultWorkers();
  const requested = parsePositiveInt(text, "--workers", 1024);
  const { workers, cappedBy } = usefulWorkers(requested, DEFAULT_OPTIONS.waveSize);
  if (cappedBy) writeErr(`${pc.yellow("note")}: --workers ${requested}: using ${workers} (${cappedBy}; more threads would only contend)\n`);
  return workers;
}
