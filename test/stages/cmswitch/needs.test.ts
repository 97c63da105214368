/** Every CMSwitch stage's declared needs: met by the list before it, and enforced before it runs. */
import { describe, expect, it } from "vitest";
import { MissingFieldError, runStages } from "../../../src/flow/stage.ts";
import { dualModeStages } from "../../../src/methods/cmswitch/stage-list.ts";

// What src/methods/cmswitch/run.ts puts in the context before the first stage.
const INITIAL = ["request", "renderReports", "stageTimings"];

describe("the CMSwitch stage list", () => {
  it("every need is added by an earlier stage or the runner, and nothing is added twice", () => {
    const have = new Set(INITIAL);
    for (const s of dualModeStages) {
      for (const need of s.needs) expect(have.has(need as string), `${s.name} needs ${String(need)}`).toBe(true);
      for (const a of s.adds) {
        expect(have.has(a as string), `${s.name} re-adds ${String(a)}`).toBe(false);
        have.add(a as string);
      }
    }
  });

  it.each(dualModeStages.flatMap((s) => s.needs.map((n) => [s.name, String(n)] as const)))("%s fails early without %s", async (stageName, field) => {
    const stage = dualModeStages.find((s) => s.name === stageName)!;
    const ctx = Object.fromEntries(stage.needs.filter((n) => n !== field).map((n) => [n, {}]));
    const err = await runStages([stage], ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingFieldError);
    expect((err as Error).message).toContain(`stage "${stageName}" needs context field "${field}"`);
  });
});
