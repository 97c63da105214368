import { Command, Option } from "@commander-js/extra-typings";
import { existsSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { UserError } from "../../errors.ts";
import { EXPORT_FORMATS, exportDirName, exportFiles, type ExportFormat } from "../../export/index.ts";
import { loadPresetWithOverrides } from "../../hardware/preset.ts";
import { loadArch } from "../../io/arch-io.ts";
import { writeDirAtomic } from "../../io/atomic.ts";
import { readJsonFile } from "../../io/json.ts";
import { loadNetwork } from "../../network/load.ts";
import type { Network } from "../../network/types.ts";
import { shortHash } from "../../flow/run-dir.ts";

interface RunInputs {
  model?: string;
  presetHash?: string;
}

/** A run directory's arch.json and what metrics.json says produced it; a plain arch.json has no run inputs. */
function locate(target: string): { archFile: string; runDir?: string; inputs: RunInputs } {
  let isDir = false;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    throw new UserError("no such file or directory; expected a run directory or an arch.json", { file: target, pointer: "<run-dir|arch.json>" });
  }
  if (!isDir) return { archFile: target, inputs: {} };
  const archFile = join(target, "arch.json");
  if (!existsSync(archFile)) throw new UserError("has no arch.json; expected a run directory written by `pimsyn synth`", { file: target, pointer: "<run-dir|arch.json>" });
  const metricsFile = join(target, "metrics.json");
  const inputs: RunInputs = {};
  if (existsSync(metricsFile)) {
    const m = readJsonFile(metricsFile) as { inputs?: { model?: unknown; preset?: { hash?: unknown } } };
    if (typeof m?.inputs?.model === "string") inputs.model = m.inputs.model;
    if (typeof m?.inputs?.preset?.hash === "string") inputs.presetHash = m.inputs.preset.hash;
  }
  return { archFile, runDir: target, inputs };
}

/** The network for Timeloop's per-layer files: --model, else the run's model; a run's model that no longer loads is a warning. */
async function networkFor(format: ExportFormat, model: string | undefined, inputs: RunInputs, mappedHash: string | undefined, warn: (s: string) => void): Promise<Network | undefined> {
  if (format !== "timeloop") return undefined;
  if (model !== undefined) return (await loadNetwork(model)).network;
  if (inputs.model === undefined) return undefined;
  let network: Network;
  try {
    network = (await loadNetwork(inputs.model)).network;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    warn(`the run's model "${inputs.model}" does not load (${e.toLine()}); no problem files written (give --model)`);
    return undefined;
  }
  if (mappedHash !== undefined && network.hash !== mappedHash) {
    warn(`the run's model "${inputs.model}" now resolves to a different network than the one mapped; no problem files written (give --model)`);
    return undefined;
  }
  return network;
}

export function register(program: Command): void {
  program
    .command("export")
    .description("write a design in Timeloop/Accelergy v0.4, CiMLoop, PIMCOMP-NN or MNSIM 2.0 input format, with a README.txt of what was dropped or approximated")
    .argument("<run-dir|arch.json>", "a run directory written by pimsyn synth, or an arch.json")
    .addOption(new Option("--format <format>", "target tool").choices(EXPORT_FORMATS).makeOptionMandatory())
    .option("--out <dir>", "output directory, replaced as a whole (default: <run-dir>/export-<format>, or <arch name>-<format> here)")
    .option("--model <name|file>", "network for Timeloop's per-layer problem files (default: the run's model)")
    .option("--preset <name|file>", "component preset (default: the arch's preset)")
    .option("--override <file>", "JSON file overriding preset rows")
    .option("--json", "print the written paths as JSON")
    .action(async (target, o) => {
      // Warnings quote metrics.json (the run's model name): no control characters reach the terminal.
      const warn = (s: string) => process.stderr.write(`warning: ${s.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?")}\n`);
      if (o.model !== undefined && o.format !== "timeloop") warn("--model is used only by --format timeloop (its per-layer problem files); ignored");
      const { archFile, runDir, inputs } = locate(target);
      const arch = loadArch(archFile);
      const preset = loadPresetWithOverrides(o.preset ?? arch.preset, o.override);
      if (inputs.presetHash !== undefined && shortHash(preset) !== inputs.presetHash)
        warn(`the preset differs from the one the run used (hash ${shortHash(preset)}, run ${inputs.presetHash}); pass --preset/--override as the run did`);
      const network = await networkFor(o.format, o.model, inputs, arch.mapping?.network.hash, warn);
      const result = exportFiles(o.format, { arch, preset, network });
      const out = resolve(o.out ?? (runDir ? join(runDir, `export-${o.format}`) : `${exportDirName(arch.name)}-${o.format}`));
      if (existsSync(out) && !statSync(out).isDirectory()) throw new UserError("exists and is not a directory", { file: out, pointer: "--out" });
      writeDirAtomic(out, result.files);
      if (o.json) process.stdout.write(JSON.stringify({ format: o.format, dir: out, files: result.files.map((f) => f.path) }, null, 2) + "\n");
      else process.stdout.write(`wrote ${result.files.length} files to ${out} (${o.format}; see ${join(basename(out), "README.txt")})\n`);
    });
}
