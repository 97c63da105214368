/** compileDualMode, the library face: the whole stage list without a run directory. */
import { describe, expect, it } from "vitest";
import { compileDualMode } from "../../../src/index.ts";

describe("compileDualMode", () => {
  it("compiles a transformer at the requested shape and writes nothing without outDir", { timeout: 120_000 }, async () => {
    const ctx = await compileDualMode({ model: "gpt2-medium", seq: [32], batch: 2, phase: "decode" });
    expect(ctx.runDir).toBe("");
    expect(ctx.network.inputShape).toEqual({ c: 1024, h: 1, w: 2 });
    expect(ctx.result.metrics.speedup).toBeGreaterThanOrEqual(1);
    expect(ctx.result.program).toMatch(/^# pimsyn dualmode program/);
    expect(Math.abs(ctx.simulation.totalCycles / ctx.result.metrics.latencyCycles - 1)).toBeLessThan(0.05);
  });
});
