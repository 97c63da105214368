/** Dataflow hardware descriptions: the built-ins load, every row is cited, and bad files are one-line user errors. */
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UserError } from "../../src/errors.ts";
import { DATAFLOW_HW_DIR, listDataflowHardware, loadDataflowHardware, macroSizeBits } from "../../src/hardware/dataflow-hw.ts";

const dir = mkdtempSync(join(tmpdir(), "pimsyn-dfhw-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function variant(edit: (hw: Record<string, any>) => void): string {
  const hw = JSON.parse(readFileSync(join(DATAFLOW_HW_DIR, "miredo-8core-28nm.json"), "utf8"));
  edit(hw);
  const file = join(dir, `hw-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(hw));
  return file;
}

function userError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error("expected a UserError");
}

describe("dataflow hardware", () => {
  it("lists and loads both built-ins with the reference template's figures", () => {
    expect(listDataflowHardware().map((h) => h.name)).toEqual(["miredo-8core-28nm", "miredo-transformer"]);
    const d = loadDataflowHardware("miredo-8core-28nm");
    expect(d.spatial.map((a) => a.size)).toEqual([8, 32, 16]);
    expect(d.levels.find((l) => l.name === "GlobalBuffer")?.sizeBits).toBe(256 * 1024 * 8);
    expect(macroSizeBits(d)).toBe(32 * 16 * 8 * 8);
    const t = loadDataflowHardware("miredo-transformer");
    expect(t.spatial.map((a) => a.size)).toEqual([16, 64, 32]);
  });

  it("every level, axis, the macro, precision and leakage carry a source", () => {
    for (const { name } of listDataflowHardware()) {
      const hw = loadDataflowHardware(name);
      for (const row of [...hw.levels, ...hw.spatial, hw.macro, hw.precision, hw.leakage]) expect(row.source.length).toBeGreaterThan(10);
    }
  });

  it.each([
    ["a level with no operand", (hw: any) => (hw.levels[2].operands = []), "/levels/2/operands"],
    ["zero bandwidth", (hw: any) => (hw.levels[1].readBitsPerCycle = 0), "/levels/1/readBitsPerCycle"],
    ["a buffer too small for one MAC", (hw: any) => (hw.levels[5].sizeBits = 8), "/levels/5/sizeBits"],
    ["an axis over a loop the macro cannot unroll", (hw: any) => (hw.spatial[1].loops = ["R", "K"]), "/spatial/1/loops/1"],
    ["a row without a source", (hw: any) => delete hw.levels[0].source, "/levels/0/source"],
  ])("%s: a user error naming the file and the JSON pointer", (_what, edit, pointer) => {
    const file = variant(edit);
    const e = userError(() => loadDataflowHardware(file));
    expect(e.file).toBe(file);
    expect(e.pointer).toBe(pointer);
    expect(e.toLine()).not.toMatch(/\n/);
  });

  it("an unknown name lists the built-ins", () => {
    expect(userError(() => loadDataflowHardware("nope")).message).toMatch(/miredo-8core-28nm/);
  });
});
