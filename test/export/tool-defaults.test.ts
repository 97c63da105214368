/** specs/export/tool-defaults.json: valid against its schema, every row cited by a reference key, every row used by its exporter. */
import { describe, expect, it } from "vitest";
import { loadToolDefaults } from "../../src/export/tool-defaults.ts";
import { exportDesign } from "../../src/index.ts";
import { loadArch } from "../../src/io/arch-io.ts";
import { loadPreset } from "../../src/hardware/preset.ts";
import { root } from "./helpers.ts";

describe("export tool defaults", () => {
  const data = loadToolDefaults();

  it("cites a reference (repository and commit) and a file on every row", () => {
    for (const [tool, rows] of Object.entries(data.tools))
      for (const r of rows) {
        const [ref, ...rest] = r.source.split(" ");
        expect(data.references[ref], `${tool} ${r.key}`).toMatch(/^[\w.-]+\/[\w.-]+, commit [0-9a-f]{40}$/);
        expect(rest.join(" "), `${tool} ${r.key}`).toMatch(/\.(yaml|json|ini)\b/);
      }
  });

  it("has no row an exporter never uses: each is listed in some export's README.txt", () => {
    const pimsyn = loadArch(root("specs/examples/reference-alexnet.arch.json"));
    const isaac = loadArch(root("specs/examples/isaac.arch.json"));
    for (const [tool, rows] of Object.entries(data.tools)) {
      const readmes = [pimsyn, isaac].map((a) => exportDesign(a, tool, { preset: loadPreset(a.preset) }).files.find((f) => f.path === "README.txt")!.text).join("\n");
      for (const r of rows) expect(readmes, `${tool} ${r.key}`).toContain(`${r.key} = ${JSON.stringify(r.value)}`);
    }
  });
});
