/** Every PIMSYN stage's declared needs: met by the list before it, and enforced before it runs. */
import { describe, expect, it } from "vitest";
import { MissingFieldError, runStages, type AnyStage } from "../../../src/flow/stage.ts";
import { pointStages, synthesisStages } from "../../../src/methods/pimsyn/stage-list.ts";

// What the runners put in the context before the first stage (src/methods/pimsyn/synthesize.ts, point-search.ts).
const SYNTH_INITIAL = ["options", "outDir", "hooks", "renderReports", "startedAt", "timings"];
const POINT_INITIAL = ["task", "network", "preset", "evaluations"];

const lists: [string, readonly AnyStage<object>[], string[]][] = [
  ["synthesis", synthesisStages as readonly AnyStage<object>[], SYNTH_INITIAL],
  ["per point", pointStages as readonly AnyStage<object>[], POINT_INITIAL],
];

describe.each(lists)("the %s stage list", (_name, stages, initial) => {
  it("has unique stage names and every need is added by an earlier stage or the runner", () => {
    expect(new Set(stages.map((s) => s.name)).size).toBe(stages.length);
    const have = new Set(initial);
    for (const s of stages) {
      for (const need of s.needs) expect(have.has(need as string), `${s.name} needs ${String(need)}`).toBe(true);
      for (const a of s.adds) have.add(a as string);
    }
  });

  it("adds every field some later stage needs, and no stage adds what is already there", () => {
    const have = new Set(initial);
    for (const s of stages) {
      for (const a of s.adds) expect(have.has(a as string), `${s.name} re-adds ${String(a)}`).toBe(false);
      for (const a of s.adds) have.add(a as string);
    }
  });

  it.each(stages.flatMap((s) => s.needs.map((n) => [s.name, String(n)] as const)))("%s fails early without %s", async (stageName, field) => {
    const stage = stages.find((s) => s.name === stageName)!;
    const ctx = Object.fromEntries(stage.needs.filter((n) => n !== field).map((n) => [n, {}]));
    const err = await runStages([stage], ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingFieldError);
    expect((err as Error).message).toContain(`stage "${stageName}" needs context field "${field}"`);
  });
});
