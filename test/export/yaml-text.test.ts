/** The export's YAML emitter against an independent reader: whatever it writes, `yaml` 2.x reads back the same. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "yaml";
import { Raw, Tagged, yamlText, type YamlMap, type YamlValue } from "../../src/export/yaml-text.ts";
import { parseYaml } from "./helpers.ts";

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 8, unit: "grapheme" }),
  fc.string({ maxLength: 6, unit: fc.constantFrom("a", " ", "\t", "\r", "\n", "\u0085", "\u2028", "\u2029", "\u007f", "\u009b", "\ufeff", "\\", '"', ":", "#") }),
  fc.constantFrom("N", "y", "no", "true", "null", "1e-9", "0x10", "- a", "a: b", "#x", "[a]", "{b}", "*a", "&a", "!t", "@", "'q'", '"q"', " lead", "trail ", "multi\nline"),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }).filter((x) => !Object.is(x, -0)),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ minLength: 1, maxLength: 4, unit: "grapheme" })).filter((k) => k !== "<<" && k !== "<<<");
const value: fc.Arbitrary<YamlValue> = fc.letrec<{ v: YamlValue }>((tie) => ({
  v: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("v"), { maxLength: 4 }), fc.dictionary(key, tie("v"), { maxKeys: 4 })),
})).v;

describe("yamlText", () => {
  it("round-trips nested maps, lists and scalars through the yaml package", () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), (doc) => {
        expect(parse(yamlText(doc as YamlMap))).toEqual(doc);
      }),
      { numRuns: 300 },
    );
  });

  it("escapes the characters YAML 1.1 readers (PyYAML) take as line breaks or reject", () => {
    const text = yamlText({ a: "x\u2028y\u0085z\u009b" });
    expect(text).toContain(String.raw`a: "x\u2028y\u0085z\u009b"`);
    expect(parse(text)).toEqual({ a: "x\u2028y\u0085z\u009b" });
  });

  it("keeps names from user files out of comment lines' line breaks", () => {
    expect(parse(yamlText({ a: 1 }, ["layer x\n  evil: 1\u2028y"]))).toEqual({ a: 1 });
  });

  it("writes YAML 1.1-safe floats (a dot before the exponent) that read back exactly", () => {
    const text = yamlText({ a: 1e-9, b: 2.5e-7, c: 1e21 });
    expect(text).toContain("a: 1.0e-9");
    expect(parse(text)).toEqual({ a: 1e-9, b: 2.5e-7, c: 1e21 });
  });

  it("writes local tags on list items and verbatim aliases", () => {
    const text = yamlText({ nodes: [new Tagged("!Container", { name: "macro", "<<<": new Raw("[*defaults]") }), new Tagged("!Hierarchical", { nodes: new Raw("*mac") })] });
    expect(text).toContain("- !Container\n    name: macro\n    <<<: [*defaults]");
    const tree = parseYaml(text, "x: [&defaults {}, &mac []]\n");
    expect((tree.nodes as { $tag: string }[]).map((n) => n.$tag)).toEqual(["!Container", "!Hierarchical"]);
  });
});
