/** The event simulator agrees with the analytic latency within 5 % on every transformer of the zoo (defaults: seq 64, batch 1). */
import { describe, it } from "vitest";
import { ZOO, listZoo } from "../../../src/network/zoo/zoo.ts";
import { checkAgreement, compileZoo } from "./agreement.ts";

const TRANSFORMERS = listZoo().filter((n) => ZOO[n].transformer);
const worst = { model: "", diff: 0 };

describe("simulator vs analytic latency, transformer zoo", () => {
  it.each(TRANSFORMERS)("%s", { timeout: 240_000 }, async (model) => {
    const diff = checkAgreement(await compileZoo(model));
    if (Math.abs(diff) >= Math.abs(worst.diff)) Object.assign(worst, { model, diff });
  });
  it("prime-reram: opt-6.7b", { timeout: 240_000 }, async () => {
    checkAgreement(await compileZoo("opt-6.7b", "prime-reram"));
  });
  it("worst case", () => console.log(`worst transformer agreement: ${worst.model} ${(100 * worst.diff).toFixed(3)} %`));
});
