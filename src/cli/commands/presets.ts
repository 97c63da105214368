/** `pimsyn presets`: list the built-in component presets, or print one preset's tables. */
import { writeOut } from "../terminal.ts";
import type { Command } from "@commander-js/extra-typings";
import { listPresets, loadPresetWithOverrides } from "../../hardware/preset.ts";
import { renderPreset, renderPresetList } from "../preset-tables.ts";

export function register(program: Command): void {
  program
    .command("presets")
    .description("list the built-in component presets, or print every table of one preset")
    .argument("[preset]", "built-in preset name or path to a preset JSON file")
    .option("--json", "print JSON only (full sources and notes)")
    .option("--override <file>", "lay an override file over the preset (format: docs/presets.md)")
    .action((name, opts) => {
      if (name === undefined && opts.override === undefined) {
        const presets = listPresets();
        writeOut((opts.json ? JSON.stringify(presets, null, 2) : renderPresetList(presets)) + "\n");
        return;
      }
      const preset = loadPresetWithOverrides(name, opts.override);
      writeOut((opts.json ? JSON.stringify(preset, null, 2) : renderPreset(preset)) + "\n");
    });
}
