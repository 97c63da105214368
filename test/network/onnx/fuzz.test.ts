/**
 * Robustness: whatever the bytes, importOnnxBytes returns a network or throws a UserError (exit 2), never a
 * TypeError, RangeError or stack trace (exit 1).
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/errors.ts";
import { importOnnxBytes } from "../../../src/network/onnx/import.ts";

const valid = new Uint8Array(readFileSync(new URL("../../fixtures/onnx/resnet18.onnx", import.meta.url)));
const withWeights = new Uint8Array(readFileSync(new URL("../../fixtures/onnx/tiny_cnn_weights.onnx", import.meta.url)));

/** "ok" or "user-error"; anything else is rethrown so fast-check reports the input that caused it. */
function outcome(bytes: Uint8Array): "ok" | "user-error" {
  try {
    importOnnxBytes(bytes, "fuzz.onnx");
    return "ok";
  } catch (e) {
    if (e instanceof UserError) return "user-error";
    throw e;
  }
}

describe("importOnnxBytes on arbitrary bytes", () => {
  it("random bytes: success or UserError", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
      expect(["ok", "user-error"]).toContain(outcome(bytes));
    }), { numRuns: 400, seed: 1 });
  });

  it("truncations of a valid file: success or UserError", () => {
    expect(outcome(valid)).toBe("ok");
    fc.assert(fc.property(fc.integer({ min: 0, max: valid.length - 1 }), (n) => {
      expect(["ok", "user-error"]).toContain(outcome(valid.subarray(0, n)));
    }), { numRuns: 300, seed: 2 });
  });

  it("a valid file with a few bytes overwritten: success or UserError", () => {
    const mutation = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(fc.constantFrom(valid, withWeights), mutation, (file, edits) => {
      const bytes = file.slice();
      for (const [pos, value] of edits) bytes[pos % bytes.length] = value;
      expect(["ok", "user-error"]).toContain(outcome(bytes));
    }), { numRuns: 400, seed: 3 });
  });

  it("every truncation of the file with initializers ends in success or UserError", () => {
    // Every cut point, since this file is small: truncation inside raw_data is the case most likely to slip.
    for (let n = 0; n < withWeights.length; n += 7) expect(["ok", "user-error"]).toContain(outcome(withWeights.subarray(0, n)));
  });
});
