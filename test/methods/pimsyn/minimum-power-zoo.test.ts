/** The search finds a design at 1.05 × the named minimum feasible power: every zoo CNN (issue 12 item 9). */
import { describe, it } from "vitest";
import { checkMinimum, ZOO_MODELS } from "./minimum-power.ts";

describe("minimum feasible power", () => {
  it(`is reached by the search for every zoo CNN (${ZOO_MODELS.length})`, () => checkMinimum(ZOO_MODELS), 300_000);
  it("and with identical (unified) macros", () => checkMinimum(["alexnet", "resnet18", "mobilenetv2"], "unified"), 120_000);
});
