/** Small builders for hand-written specs in the network tests. */
import { UserError } from "../../src/errors.ts";
import type { LayerSpec, NetworkSpec } from "../../src/network/types.ts";

export function spec(layers: LayerSpec[], shape: [number, number, number] = [3, 32, 32]): NetworkSpec {
  return { schemaVersion: 1, name: "t", input: { name: "x", shape }, layers };
}

/** Run f, expect a UserError, return it (fails the test with the actual error otherwise). */
export function userError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error("expected a UserError, but nothing was thrown");
}

export async function userErrorAsync(f: () => Promise<unknown>): Promise<UserError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error("expected a UserError, but nothing was thrown");
}
