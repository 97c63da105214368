import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { schemaFiles } from "../src/schemas.ts";

const specs = new URL("../specs/", import.meta.url);
const read = (rel: string) => JSON.parse(readFileSync(new URL(rel, specs), "utf8"));

describe("published JSON Schemas (specs/*.schema.json)", () => {
  it("are the ones generated from the TypeBox definitions (run `npm run gen:schemas` after changing a type)", () => {
    for (const { file, schema } of schemaFiles()) expect(read(file), file).toEqual(schema);
  });

  it("validate every shipped example, preset and network with a plain ajv (no TypeBox involved)", () => {
    const ajv = new Ajv2020({ strict: false });
    const check = (schemaFile: string, dir: string) => {
      const validate = ajv.compile(read(schemaFile));
      const files = readdirSync(new URL(dir, specs)).filter((f) => f.endsWith(".json"));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(validate(read(`${dir}${f}`)), `${dir}${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    check("arch.schema.json", "examples/");
    check("preset.schema.json", "presets/");
    check("network.schema.json", "networks/");
  });

  it("reject a negative crossbar count in an arch spec", () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(read("arch.schema.json"));
    const arch = read("examples/isaac.arch.json");
    arch.hardware.chip.children[0].children[0].components[3].count = -1;
    expect(validate(arch)).toBe(false);
  });

  it("give every number a finite range: no numeric field accepts 1e999 (Infinity) or an absurd count", () => {
    const unbounded: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
      if (node === null || typeof node !== "object") return;
      const n = node as Record<string, unknown>;
      if ((n.type === "number" || n.type === "integer") && n.const === undefined) {
        const low = typeof n.minimum === "number" || typeof n.exclusiveMinimum === "number";
        const high = typeof n.maximum === "number" || typeof n.exclusiveMaximum === "number";
        if (!low || !high) unbounded.push(at);
      }
      for (const [k, v] of Object.entries(n)) walk(v, `${at}/${k}`);
    };
    for (const { file, schema } of schemaFiles()) walk(schema, file);
    expect(unbounded).toEqual([]);
  });
});
