/** Consistency rules of arch.json beyond its schema: one clear error per rule, and the shipped specs pass. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { checkArchConsistency, unitCounts } from "../../src/hardware/arch-check.ts";
import { loadArch } from "../../src/io/arch-io.ts";
import { UserError } from "../../src/errors.ts";
import type { ArchSpec } from "../../src/hardware/arch.ts";

const example = (name: string) => new URL(`../../specs/examples/${name}.arch.json`, import.meta.url).pathname;
const fresh = (name: string): ArchSpec => JSON.parse(readFileSync(example(name), "utf8"));

function problem(arch: ArchSpec): { pointer?: string; message: string; file?: string } {
  try {
    checkArchConsistency(arch, "spec.json");
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    const u = e as UserError;
    return { pointer: u.pointer, message: u.message, file: u.file };
  }
  throw new Error("no error");
}

describe("architecture consistency", () => {
  it("the shipped example specs are consistent", () => {
    for (const name of ["isaac", "reference-alexnet", "reference-resnet18"]) expect(() => checkArchConsistency(loadArch(example(name)), name)).not.toThrow();
  });

  it("counts units through the tree (ISAAC: 168 tiles × 12 IMAs × 8 crossbars)", () => {
    const { units, macros } = unitCounts(fresh("isaac"));
    expect(units.get("crossbar")).toBe(168 * 12 * 8);
    expect(units.get("alu shiftAdd")).toBe(168 + 168 * 12 * 4);
    expect(macros).toBe(168);
  });

  it("a macro off the mesh", () => {
    const a = fresh("reference-alexnet");
    a.mapping!.layers[0].macros = [999];
    expect(problem(a)).toMatchObject({ file: "spec.json", pointer: "/mapping/layers/0/macros/0", message: expect.stringMatching(/macro 999 is off the 8×8 mesh/) });
  });

  it("a macro listed twice for one layer", () => {
    const a = fresh("reference-alexnet");
    a.mapping!.layers[0].macros = [3, 4, 3];
    expect(problem(a)).toMatchObject({ pointer: "/mapping/layers/0/macros/2", message: "macro 3 is listed twice for this layer" });
  });

  it("a mesh too small for the macros", () => {
    const a = fresh("reference-alexnet");
    a.hardware.noc = { meshRows: 1, meshCols: 1, unitsPerRouter: 1 };
    expect(problem(a)).toMatchObject({ pointer: "/hardware/noc", message: expect.stringMatching(/room for 1 macros or tiles; the chip has 64/) });
  });

  it("more ADCs allocated than the chip has (shared banks counted once)", () => {
    const a = fresh("reference-alexnet");
    a.mapping!.layers[2].allocation.adc = 1_000_000;
    expect(problem(a)).toMatchObject({ pointer: "/mapping/layers/2/allocation/adc", message: expect.stringMatching(/allocated \d+ ADCs .* the chip has 27648/) });
  });

  it("more ALUs of an op allocated to a layer than the chip has", () => {
    const a = fresh("reference-alexnet");
    a.mapping!.layers[1].allocation.pool = 99_999;
    expect(problem(a)).toMatchObject({ pointer: "/mapping/layers/1/allocation/pool", message: expect.stringMatching(/99999 pool ALUs; the chip has/) });
  });

  it("absurd counts: more than 1e9 units of a kind", () => {
    const a = fresh("isaac");
    a.hardware.chip.children[0].count = 9_000_000;
    expect(problem(a)).toMatchObject({ pointer: "/hardware/chip", message: expect.stringMatching(/the chip holds [0-9.]+e\+\d+ \w+ units; at most 1e\+9 expected/) });
  });
});
