/**
 * Shared by the export tests: the designs exported (two hand-written/reference specs, the synthesized fixture
 * run, and one design synthesized here with 4-bit cells and 2-bit DACs), real parsers for the three file
 * kinds (`yaml` 2.x with the tools' local tags, JSON, a strict INI reader), and counts recomputed from the
 * arch.json itself rather than from the exporter's own helpers.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import type { ArchSpec, Level } from "../../src/hardware/arch.ts";
import { loadPreset } from "../../src/hardware/preset.ts";
import type { Preset } from "../../src/hardware/components.ts";
import { loadArch } from "../../src/io/arch-io.ts";
import { loadNetwork } from "../../src/network/load.ts";
import type { Network } from "../../src/network/types.ts";
import { synthesize } from "../../src/api/synthesize.ts";

export const root = (p: string) => new URL(`../../${p}`, import.meta.url).pathname;

export interface Case {
  name: string;
  arch: ArchSpec;
  preset: Preset;
  network?: Network;
}

let cases: Promise<Case[]> | undefined;

/** The exported designs; the synthesis runs once per test file. */
export function designs(): Promise<Case[]> {
  cases ??= (async () => {
    const out: Case[] = [];
    const isaac = loadArch(root("specs/examples/isaac.arch.json"));
    out.push({ name: "isaac (hand-written, no mapping)", arch: isaac, preset: loadPreset(isaac.preset) });
    const ref = loadArch(root("specs/examples/reference-alexnet.arch.json"));
    out.push({
      name: "reference-alexnet (PIMSYN reference design)",
      arch: ref,
      preset: loadPreset(ref.preset),
      network: (await loadNetwork(root("specs/reference/pimsyn-nn/models_JSON_alexnet.json"))).network,
    });
    const run = loadArch(root("test/fixtures/run/arch.json"));
    out.push({ name: "fixture run (synthesized resnet18)", arch: run, preset: loadPreset(run.preset), network: (await loadNetwork("resnet18")).network });
    const ctx = await synthesize({
      model: "alexnet",
      powerW: 30,
      seed: 7,
      workers: 1,
      space: { crossbarSizes: [128], cellBits: [4], dacBits: [2], ratios: [0.3] },
      candidates: 2,
      saChains: 2,
      eaGenerations: 3,
      eaPopulation: 6,
      finalists: 1,
      maxEvaluations: 100,
      outDir: mkdtempSync(join(tmpdir(), "pimsyn-export-")),
    });
    const synth = loadArch(join(ctx.runDir, "arch.json"));
    out.push({ name: "synthesized here (alexnet, 4-bit cells, 2-bit DACs)", arch: synth, preset: loadPreset(synth.preset), network: ctx.network });
    return out;
  })();
  return cases;
}

// ---------------------------------------------------------------- counts from the arch.json

export interface Counts {
  units: number;
  crossbars: number;
  adcs: number;
  dacs: number;
  scratchpadKb?: number;
}

function countIn(l: Level, kind: string): number {
  const own = l.components.filter((c) => c.kind === kind).reduce((s, c) => s + c.count, 0);
  return own + l.children.reduce((s, ch) => s + ch.count * countIn(ch, kind), 0);
}

/** Largest per-unit count over the unit kinds (the tools take one unit kind), and the unit total. */
export function counts(arch: ArchSpec): Counts {
  const kinds = arch.hardware.chip.children.filter((k) => k.count > 0);
  const max = (kind: string) => Math.max(...kinds.map((k) => countIn(k, kind)));
  const pad = kinds[0].components.find((c) => c.kind === "scratchpad")?.select?.capacityKb;
  return { units: kinds.reduce((s, k) => s + k.count, 0), crossbars: max("crossbar"), adcs: max("adc"), dacs: max("dac"), scratchpadKb: pad };
}

// ---------------------------------------------------------------- YAML with the tools' local tags

export const TAGS = ["!Container", "!Component", "!Parallel", "!Nothing", "!ArrayContainer", "!Hierarchical"];
const customTags = TAGS.flatMap((tag) => [
  { tag, collection: "map" as const, resolve: (m: unknown) => m },
  { tag, collection: "seq" as const, resolve: (s: unknown) => s },
]);

export type Tree = { [k: string]: unknown; $tag?: string };

function toTree(node: unknown, doc: Document): unknown {
  if (isAlias(node)) return toTree(node.resolve(doc), doc);
  if (isMap(node)) {
    const o: Tree = {};
    for (const p of node.items) {
      const k = isScalar(p.key) ? String(p.key.value) : String(p.key);
      if (k in o) throw new Error(`duplicate key ${k}`);
      o[k] = toTree(p.value, doc);
    }
    if (node.tag?.startsWith("!")) o.$tag = node.tag;
    return o;
  }
  if (isSeq(node)) return node.items.map((n) => toTree(n, doc));
  if (isScalar(node)) return node.value;
  return node as Node;
}

/**
 * Parse strictly: no errors, no warnings (an unknown tag is a warning), unique keys. `prefix` is prepended
 * before parsing (the CiMLoop files' anchors live in CiMLoop's defines.yaml; the test supplies stand-ins).
 */
export function parseYaml(text: string, prefix = ""): Tree {
  const doc = parseDocument(prefix + text, { customTags, uniqueKeys: true, strict: true });
  if (doc.errors.length) throw new Error(doc.errors[0].message);
  if (doc.warnings.length) throw new Error(doc.warnings[0].message);
  return toTree(doc.contents, doc) as Tree;
}

export const keysOf = (o: unknown): string[] => Object.keys(o as object).filter((k) => k !== "$tag").sort();

// ---------------------------------------------------------------- strict INI (Python configparser dialect, as MNSIM reads it)

export type Ini = Map<string, Map<string, string>>;

/** `[section]` headers, `key = value` lines, `#`/`;` comment lines; anything else, a key outside a section or a repeated key throws. */
export function parseIni(text: string): Ini {
  const out: Ini = new Map();
  let section: Map<string, string> | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) return;
    const head = /^\[([^\]]+)\]$/.exec(line);
    if (head) {
      if (out.has(head[1])) throw new Error(`line ${i + 1}: section [${head[1]}] repeated`);
      section = new Map();
      out.set(head[1], section);
      return;
    }
    const kv = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`line ${i + 1}: not a section, key = value or comment: ${line}`);
    if (!section) throw new Error(`line ${i + 1}: key outside a section`);
    if (section.has(kv[1])) throw new Error(`line ${i + 1}: key ${kv[1]} repeated`);
    section.set(kv[1], kv[2]);
  });
  return out;
}

export const golden = (name: string) => JSON.parse(readFileSync(root(`test/fixtures/export/${name}.keys.json`), "utf8"));
