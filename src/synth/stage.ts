/**
 * Stages in the ZigZag/Stream style (style.md §1): each declares the context fields it needs and the ones it
 * adds; `runStages` checks the needs before running a stage and fails naming the stage and the missing field.
 * The whole flow is one list (src/synth/flow.ts).
 */
export interface Stage<C, N extends keyof C, A extends keyof C> {
  name: string;
  needs: readonly N[];
  adds: readonly A[];
  run(ctx: Pick<C, N> & Partial<C>): Promise<Pick<C, A>> | Pick<C, A>;
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

export async function runStages<C extends object>(
  stages: readonly AnyStage<C>[],
  initial: Partial<C>,
  onStage?: (name: string) => void,
): Promise<{ ctx: Partial<C>; timings: StageTiming[] }> {
  let ctx: Partial<C> = { ...initial };
  const timings: StageTiming[] = [];
  for (const stage of stages) {
    for (const field of stage.needs) {
      if ((ctx as Record<PropertyKey, unknown>)[field as PropertyKey] === undefined) throw new MissingFieldError(stage.name, String(field));
    }
    onStage?.(stage.name);
    const t0 = performance.now();
    const added = await stage.run(ctx as never);
    timings.push({ stage: stage.name, wallMs: performance.now() - t0 });
    ctx = { ...ctx, ...added };
  }
  return { ctx, timings };
}
