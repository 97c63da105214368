/**
 * Stages in the ZigZag/Stream style (style.md §1): each declares the context fields it needs and the ones it
 * adds; `runStages` checks the needs before running a stage and fails naming the stage and the missing field.
 * A stage sees only the fields it declares (`run` is typed with `Pick<C, N>` and is handed exactly those), so a
 * stage cannot read what an earlier stage did not promise. Each method keeps its list in
 * src/methods/<method>/stage-list.ts.
 */
export interface Stage<C, N extends keyof C, A extends keyof C> {
  name: string;
  needs: readonly N[];
  adds: readonly A[];
  run(ctx: Pick<C, N>): Promise<Pick<C, A>> | Pick<C, A>;
}

// A stage of any needs/adds over context C (for heterogeneous lists).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStage<C> = Stage<C, any, any>;

export class MissingFieldError extends Error {
  constructor(stage: string, field: string) {
    super(`stage "${stage}" needs context field "${field}", which no earlier stage added`);
    this.name = "MissingFieldError";
  }
}

export interface StageTiming {
  stage: string;
  wallMs: number;
}

/** Run stages in order; `timings` (if given) is appended to as each stage ends. Errors carry the context so far. */
export async function runStages<C extends object>(
  stages: readonly AnyStage<C>[],
  initial: Partial<C>,
  onStage?: (name: string) => void,
  timings: StageTiming[] = [],
): Promise<{ ctx: Partial<C>; timings: StageTiming[] }> {
  let ctx: Partial<C> = { ...initial };
  for (const stage of stages) {
    for (const field of stage.needs) {
      if ((ctx as Record<PropertyKey, unknown>)[field as PropertyKey] === undefined) throw new MissingFieldError(stage.name, String(field));
    }
    onStage?.(stage.name);
    const view: Record<PropertyKey, unknown> = {};
    for (const field of stage.needs) view[field as PropertyKey] = (ctx as Record<PropertyKey, unknown>)[field as PropertyKey];
    const t0 = performance.now();
    let added: object;
    try {
      added = await stage.run(view as never);
    } catch (e) {
      // Configurable: a stage may itself run stages (inline point search), and the outermost runner's context,
      // set last, is the one its caller cleans up with.
      if (e !== null && typeof e === "object") Object.defineProperty(e, "stageContext", { value: ctx, enumerable: false, configurable: true });
      throw e;
    }
    timings.push({ stage: stage.name, wallMs: performance.now() - t0 });
    ctx = { ...ctx, ...added };
  }
  return { ctx, timings };
}

/** The context a failed runStages call had reached, if the error came from a stage. */
export function stageContextOf<C>(e: unknown): Partial<C> | undefined {
  return (e as { stageContext?: Partial<C> } | undefined)?.stageContext;
}
