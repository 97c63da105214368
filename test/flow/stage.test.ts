import { describe, expect, it } from "vitest";
import { MissingFieldError, runStages, stageContextOf, type AnyStage, type Stage } from "../../src/flow/stage.ts";

interface Ctx {
  a: number;
  b: number;
  c: number;
  secret: string;
}

const double: Stage<Ctx, "a", "b"> = { name: "double", needs: ["a"], adds: ["b"], run: ({ a }) => ({ b: 2 * a }) };
const sum: Stage<Ctx, "a" | "b", "c"> = { name: "sum", needs: ["a", "b"], adds: ["c"], run: ({ a, b }) => ({ c: a + b }) };

describe("runStages", () => {
  it("runs the stages in order, merging what each adds, and times each", async () => {
    const seen: string[] = [];
    const { ctx, timings } = await runStages<Ctx>([double, sum], { a: 3 }, (n) => seen.push(n));
    expect(ctx).toMatchObject({ a: 3, b: 6, c: 9 });
    expect(seen).toEqual(["double", "sum"]);
    expect(timings.map((t) => t.stage)).toEqual(["double", "sum"]);
    expect(timings.every((t) => t.wallMs >= 0)).toBe(true);
  });

  it("fails before running a stage whose need no earlier stage added, naming the stage and the field", async () => {
    let ran = false;
    const spy: Stage<Ctx, "c", never> = { name: "spy", needs: ["c"], adds: [], run: () => ((ran = true), {}) };
    const err = await runStages<Ctx>([double, spy], { a: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingFieldError);
    expect((err as Error).message).toBe('stage "spy" needs context field "c", which no earlier stage added');
    expect(ran).toBe(false);
  });

  it("hands a stage exactly the fields it declares", async () => {
    let keys: string[] = [];
    const peek: Stage<Ctx, "b", never> = {
      name: "peek",
      needs: ["b"],
      adds: [],
      run: (ctx) => ((keys = Object.keys(ctx)), {}),
    };
    await runStages<Ctx>([double, peek], { a: 1, secret: "not declared" });
    expect(keys).toEqual(["b"]);
  });

  it("attaches the context reached to a stage's error; a nested runner does not mask it", async () => {
    const boom: Stage<Ctx, "a", never> = { name: "boom", needs: ["a"], adds: [], run: () => { throw new RangeError("inner"); } };
    const nested: AnyStage<Ctx> = {
      name: "nested",
      needs: ["a"],
      adds: [],
      run: async ({ a }: Pick<Ctx, "a">) => (await runStages<Ctx>([boom], { a: a + 100 })).ctx,
    };
    const err = await runStages<Ctx>([double, nested], { a: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangeError);
    expect((err as Error).message).toBe("inner");
    // The outermost runner's context, the one its caller cleans up with.
    expect(stageContextOf<Ctx>(err)).toMatchObject({ a: 1, b: 2 });
  });
});
