/**
 * `pimsyn presets`: list the built-in component presets (synthesis) and dataflow hardware descriptions
 * (`pimsyn dataflow --hw`), or print one of them.
 */
import { writeOut } from "../terminal.ts";
import type { Command } from "@commander-js/extra-typings";
import { listDataflowHardware, loadDataflowHardware } from "../../hardware/dataflow-hw.ts";
import { listPresets, loadPresetWithOverrides } from "../../hardware/preset.ts";
import { renderDataflowHardware, renderPreset, renderPresetList } from "../preset-tables.ts";

export function register(program: Command): void {
  program
    .command("presets")
    .description("list the built-in component presets and dataflow hardware descriptions, or print every table of one")
    .argument("[preset]", "built-in preset or dataflow hardware name, or path to a preset JSON file")
    .option("--json", "print JSON only (full sources and notes)")
    .option("--override <file>", "lay an override file over the preset (format: docs/presets.md)")
    .action((name, opts) => {
      if (name === undefined && opts.override === undefined) {
        const presets = listPresets();
        const hardware = listDataflowHardware().map((h) => ({ ...h, kind: "dataflow-hardware" as const }));
        if (opts.json) writeOut(JSON.stringify([...presets, ...hardware], null, 2) + "\n");
        else writeOut(renderPresetList(presets) + "\n\ndataflow hardware (pimsyn dataflow --hw)\n" + renderPresetList(hardware) + "\n");
        return;
      }
      if (name !== undefined && opts.override === undefined && listDataflowHardware().some((h) => h.name === name)) {
        const hw = loadDataflowHardware(name);
        writeOut((opts.json ? JSON.stringify(hw, null, 2) : renderDataflowHardware(hw)) + "\n");
        return;
      }
      const preset = loadPresetWithOverrides(name, opts.override);
      writeOut((opts.json ? JSON.stringify(preset, null, 2) : renderPreset(preset)) + "\n");
    });
}
