/** src/report/templates.gen.ts must be what tools/precompile-templates.ts makes from templates/ today. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { GENERATED_FILE, generateTemplatesModule } from "../../tools/precompile-templates.ts";
import { TEMPLATE_NAMES } from "../../src/report/engine.ts";

describe("precompiled templates", () => {
  it("are up to date with templates/ (run `npm run gen:templates` if this fails)", () => {
    expect(readFileSync(GENERATED_FILE, "utf8") === generateTemplatesModule(), "src/report/templates.gen.ts is stale: run npm run gen:templates").toBe(true);
  });

  it("include the report, the Markdown summary, the comparison page and the study report, compiled strict", () => {
    expect(TEMPLATE_NAMES.sort()).toEqual(["compare.html", "report.html", "study.html", "study.md", "summary.md"]);
    expect(readFileSync(GENERATED_FILE, "utf8")).toContain("container.strict(");
  });
});
