/** pimsyn's public API. */
export { loadNetwork, parseShape, networkSummary } from "./network/load.ts";
export { resolveNetwork } from "./network/resolve.ts";
export { listZoo, ZOO } from "./network/zoo/zoo.ts";
export type { Network, NetworkSpec, Layer, Shape } from "./network/types.ts";
export { loadPreset, loadPresetWithOverrides, listPresets, applyOverrides } from "./hardware/preset.ts";
export type { Preset } from "./hardware/components.ts";
export type { ArchSpec, Hardware, Mapping } from "./hardware/arch.ts";
export { evaluate, type Metrics } from "./cost/evaluate.ts";
export { hardwareTotals } from "./cost/hardware.ts";
export { loadArch } from "./io/arch-io.ts";
export { isaacArch, ISAAC_TABLE1 } from "./hardware/templates/isaac.ts";
export { synthesize, type SynthesizeCall } from "./api/synthesize.ts";
export { UserError, InfeasibleError } from "./errors.ts";
export { runStudy, writeAggregates, type RunStudyOptions, type StudyResult } from "./study/run-study.ts";
export type { StudySpec, StudyOptions } from "./study/spec.ts";
export type { IndexLine, JobMetrics } from "./study/layout.ts";
export { exportDesign, EXPORT_FORMATS, type ExportFormat, type ExportResult, type ExportFile } from "./export/index.ts";

import { listPresets, loadPreset } from "./hardware/preset.ts";
/** The built-in presets by name, loaded on first access. */
export const presets = {
  list: listPresets,
  get: loadPreset,
};
export { scheduleNetwork } from "./methods/clsa/schedule.ts";
export type { ScheduleResult } from "./methods/clsa/types.ts";
export { compileDualMode, type DualModeCall } from "./api/dualmode.ts";
export { loadDeha, listDehaPresets, type Deha, type DehaSpec } from "./hardware/deha.ts";
