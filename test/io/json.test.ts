/** Reading JSON: failures are one line naming the file, never quoting its text; Infinity is refused with its pointer. */
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Type } from "@sinclair/typebox";
import { nonFinitePointer, parseJsonText, readJsonFile, validate } from "../../src/io/json.ts";
import { UserError } from "../../src/errors.ts";

function lineOf(work: () => unknown): string {
  try {
    work();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).toLine();
  }
  throw new Error("no error");
}

describe("readJsonFile and parseJsonText", () => {
  it("never quote the text they could not parse (a passwd file given as JSON)", () => {
    const dir = mkdtempSync(join(tmpdir(), "pimsyn-json-"));
    const f = join(dir, "passwd");
    writeFileSync(f, "root:x:0:0:root:/root:/bin/bash\n");
    const line = lineOf(() => readJsonFile(f));
    expect(line).toBe(`${f}: malformed JSON (unexpected character)`);
    expect(lineOf(() => parseJsonText('{"a": 1,\n "b" 2}', "f.json"))).toBe("f.json: malformed JSON (unexpected character at line 2, column 6)");
    expect(lineOf(() => parseJsonText('{"secret": "hunter2', "f.json"))).not.toContain("hunter2");
    expect(lineOf(() => parseJsonText('{"a": ', "f.json"))).toBe("f.json: malformed JSON (unexpected end of input)");
  });

  it("binary content is one line", () => {
    const bytes = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256));
    const line = lineOf(() => parseJsonText(bytes.toString("utf8"), "x.onnx"));
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toBe("x.onnx: malformed JSON (unexpected character)");
  });

  it("refuse numbers that parse as Infinity, with the JSON pointer", () => {
    expect(lineOf(() => parseJsonText('{"rows": [{"a": 1}, {"p/q": -1e999}]}', "o.json"))).toBe(
      "o.json: /rows/1/p~1q: expected a finite number, found one too large for a double (it reads as Infinity)",
    );
    expect(nonFinitePointer(JSON.parse('{"a": [1, 2.5e308, {"b": 1e308}]}'))).toBe("/a/1");
    expect(nonFinitePointer({ a: [1, { b: 1e308 }] })).toBeUndefined();
    expect(nonFinitePointer(JSON.parse("[".repeat(100_000) + "1e999" + "]".repeat(100_000)))).toMatch(/^(\/0){100000}$/);
  });

  it("validate refuses non-finite numbers from any source (not only JSON text)", () => {
    expect(lineOf(() => validate(Type.Object({ x: Type.Number() }), { x: Number.POSITIVE_INFINITY }, "m.onnx"))).toMatch(/^m\.onnx: \/x: /);
    expect(lineOf(() => validate(Type.Object({ x: Type.Number() }), { x: Number.NaN }, "m.onnx"))).toMatch(/^m\.onnx: \/x: /);
  });
});
