/**
 * Which weight copies the scheduler uses: the arch's own mapping (keep), one per layer (none), the greedy
 * pass on the chip's crossbars (greedy), or a vector the caller passes (e.g. the SA filter's). Every choice
 * must fit on the chip; a vector that does not is the user's error.
 */
import type { NetworkModel } from "../../mapping/layer-model.ts";
import type { ArchSpec } from "../../hardware/arch.ts";
import type { Network } from "../../network/types.ts";
import { UserError } from "../../errors.ts";
import { greedyDuplication } from "./greedy.ts";
import type { DuplicationMode } from "./types.ts";

export interface Copies {
  mode: DuplicationMode;
  /** Per layer: weight copies (mvm layers; 1 elsewhere). */
  dup: number[];
  /** Per layer: pixels per block of a non-MVM layer at block granularity (the mapping's, else 1). */
  blockPixels: number[];
  crossbars: number;
  minCrossbars: number;
}

/** Whether the arch's mapping is for this network (by name or by hash, as `evaluate` accepts it). */
export function mapsNetwork(arch: ArchSpec, network: Network): boolean {
  const m = arch.mapping?.network;
  return m !== undefined && (m.name === network.name || m.hash === network.hash);
}

function used(model: NetworkModel, dup: readonly number[]): number {
  return model.mvmLayers.reduce((s, i) => s + dup[i] * model.layers[i].set, 0);
}

function fromMapping(arch: ArchSpec, network: Network, model: NetworkModel, file?: string): { dup: number[]; blockPixels: number[] } {
  const dup = model.layers.map(() => 1);
  const blockPixels = model.layers.map(() => 1);
  const seen = new Array<boolean>(model.layers.length).fill(false);
  const byName = new Map(network.layers.map((l) => [l.name, l.index]));
  arch.mapping!.layers.forEach((ml, j) => {
    const i = byName.get(ml.layer);
    if (i === undefined) throw new UserError(`layer "${ml.layer}" is not in network ${network.name}`, { file, pointer: `/mapping/layers/${j}/layer` });
    const L = model.layers[i];
    seen[i] = true;
    if (L.role === "mvm") {
      if (ml.crossbarsPerCopy !== L.set)
        throw new UserError(`crossbarsPerCopy ${ml.crossbarsPerCopy} differs from Eq. 1's ${L.set} for this crossbar and cell size`, {
          file,
          pointer: `/mapping/layers/${j}/crossbarsPerCopy`,
        });
      dup[i] = ml.duplication;
    } else blockPixels[i] = ml.duplication;
  });
  for (const i of model.mvmLayers)
    if (!seen[i]) throw new UserError(`crossbar layer "${model.layers[i].name}" has no mapping entry`, { file, pointer: "/mapping/layers" });
  return { dup, blockPixels };
}

export function resolveCopies(
  model: NetworkModel,
  network: Network,
  arch: ArchSpec,
  chipCrossbars: number,
  choice: "keep" | "none" | "greedy" | readonly number[] | undefined,
  file?: string,
): Copies {
  const minCrossbars = used(model, model.layers.map(() => 1));
  if (minCrossbars > chipCrossbars)
    throw new UserError(`the chip has ${chipCrossbars} crossbars; one copy of every layer of ${network.name} needs ${minCrossbars}`, {
      file,
      pointer: "/hardware/chip",
    });
  // A run's arch carries its design's mapping: scheduling another network on it by default would time a design
  // that does not exist (issue 12), so it is an error unless other copies are asked for explicitly.
  if (choice === undefined && arch.mapping && !mapsNetwork(arch, network))
    throw new UserError(
      `the architecture's mapping is for network "${arch.mapping.network.name}", not "${network.name}": schedule ${arch.mapping.network.name} on it, ` +
        `or pass --duplication greedy or none to schedule ${network.name} on its chip`,
      { file, pointer: "/mapping/network" },
    );
  const mode = choice ?? (arch.mapping ? "keep" : "greedy");
  const ones = model.layers.map(() => 1);
  let dup: number[];
  let blockPixels = ones;
  if (mode === "keep") {
    if (!arch.mapping) throw new UserError("the architecture has no mapping to keep; expected none or greedy", { pointer: "--duplication" });
    if (!mapsNetwork(arch, network))
      throw new UserError(`the mapping is for network "${arch.mapping.network.name}", not "${network.name}"; expected none or greedy`, {
        pointer: "--duplication",
      });
    ({ dup, blockPixels } = fromMapping(arch, network, model, file));
  } else if (mode === "none") dup = ones;
  else if (mode === "greedy") dup = greedyDuplication(model, chipCrossbars).dup;
  else {
    if (mode.length !== model.layers.length || mode.some((d) => !Number.isSafeInteger(d) || d < 1))
      throw new UserError(`expected ${model.layers.length} positive integer copies, one per layer`, { pointer: "duplication" });
    dup = model.layers.map((L, i) => (L.role === "mvm" ? mode[i] : 1));
  }
  const crossbars = used(model, dup);
  if (crossbars > chipCrossbars)
    throw new UserError(`the duplication uses ${crossbars} crossbars; the chip has ${chipCrossbars}`, {
      file: mode === "keep" ? file : undefined,
      pointer: mode === "keep" ? "/mapping/layers" : "--duplication",
    });
  return { mode: typeof mode === "string" ? mode : "explicit", dup, blockPixels, crossbars, minCrossbars };
}
