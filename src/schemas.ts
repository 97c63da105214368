import { ArchSpec } from "./hardware/arch.ts";
import { Preset } from "./hardware/components.ts";
import { DehaSpec } from "./hardware/deha.ts";
import { NetworkSpec } from "./network/types.ts";
import { ScheduleResult } from "./methods/clsa/types.ts";
import { StudySpec } from "./study/spec.ts";
import { ToolDefaults } from "./export/tool-defaults.ts";

const BASE = "https://pimsyn.dev/schemas/";

/** The JSON Schemas pimsyn publishes in specs/, generated from TypeBox. */
export function schemaFiles(): { file: string; schema: object }[] {
  const wrap = (file: string, title: string, schema: object) => ({
    file,
    schema: { $schema: "https://json-schema.org/draft/2020-12/schema", $id: BASE + file, title, ...JSON.parse(JSON.stringify(schema)) },
  });
  return [
    wrap("arch.schema.json", "pimsyn architecture spec (hardware + optional mapping)", ArchSpec),
    wrap("network.schema.json", "pimsyn network (layer graph)", NetworkSpec),
    wrap("preset.schema.json", "pimsyn component preset (cited component tables)", Preset),
    wrap("deha.schema.json", "pimsyn DEHA dual-mode chip (cited CMSwitch hardware abstraction)", DehaSpec),
    wrap("schedule.schema.json", "pimsyn schedule result (schedule.json of `pimsyn schedule`)", ScheduleResult),
    wrap("study.schema.json", "pimsyn design-space study (`pimsyn sweep` study file, JSON or YAML)", StudySpec),
    wrap("export-tool-defaults.schema.json", "values the exports take from the target tools' own examples (specs/export/tool-defaults.json)", ToolDefaults),
  ];
}
