/** The search finds a design at 1.05 × the named minimum feasible power: every CNN ONNX fixture (issue 12 item 9). */
import { describe, it } from "vitest";
import { checkMinimum, ONNX_FIXTURES } from "./minimum-power.ts";

describe("minimum feasible power", () => {
  it(`is reached by the search for every CNN ONNX fixture (${ONNX_FIXTURES.length})`, () => checkMinimum(ONNX_FIXTURES), 300_000);
});
