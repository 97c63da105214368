/** README.txt beside every export: the three lists, and every mapping field the target drops, with its values. */
import { beforeAll, describe, expect, it } from "vitest";
import { EXPORT_FORMATS } from "../../src/export/index.ts";
import { exportDesign } from "../../src/index.ts";
import { designs, type Case } from "./helpers.ts";

let cases: Case[];
beforeAll(async () => {
  cases = await designs();
}, 60_000);

const readme = (c: Case, format: string) => exportDesign(c.arch, format, { preset: c.preset, network: c.network }).files.find((f) => f.path === "README.txt")!.text;

describe("export README.txt", () => {
  it("has the three lists and says no validator ran, for every format and design", () => {
    for (const c of cases)
      for (const f of EXPORT_FORMATS) {
        const text = readme(c, f);
        for (const h of ["Dropped (", "Approximated (", "Not in the design or preset"]) expect(text, `${c.name} ${f}`).toContain(h);
        expect(text).toContain("No validator of this tool runs");
      }
  });

  it("lists every unit kind with its counts when the design has several", () => {
    for (const c of cases) {
      const kinds = c.arch.hardware.chip.children.filter((k) => k.count > 0);
      if (kinds.length < 2) continue;
      for (const f of EXPORT_FORMATS) {
        const text = readme(c, f).replace(/\s+/g, " ");
        for (const k of kinds) expect(text, `${c.name} ${f} ${k.name}`).toContain(`${k.name} x${k.count}:`);
      }
    }
  });

  it("lists each layer's duplication (where dropped), placement, allocation and ADC sharing", () => {
    for (const c of cases) {
      const m = c.arch.mapping;
      if (!m) continue;
      for (const f of EXPORT_FORMATS) {
        const text = readme(c, f).replace(/\s+/g, " ");
        for (const l of m.layers) {
          expect(text, `${c.name} ${f}`).toContain(`${l.layer}: ${l.macros.join(" ")}`);
          if (f !== "timeloop" && l.crossbarsPerCopy > 0) expect(text, `${c.name} ${f}`).toContain(`${l.layer} x${l.duplication}`);
          if (l.sharesWith) expect(text, `${c.name} ${f}`).toContain(`${l.layer} shares ${l.sharesWith}'s units and ADC bank`);
          const first = Object.entries(l.allocation)[0];
          if (first) expect(text).toContain(`${l.layer}: ${first[0]} ${first[1]}`);
        }
      }
    }
  });
});
