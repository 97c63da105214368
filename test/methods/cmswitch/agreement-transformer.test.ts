/**
 * The event simulator agrees with the analytic latency within 5 % on the zoo's encoders and GPT-2 (defaults:
 * seq 64, batch 1); the large decoders are in agreement-llm.test.ts (split for wall time).
 */
import { describe, it } from "vitest";
import { ZOO, listZoo } from "../../../src/network/zoo/zoo.ts";
import { checkAgreement, compileZoo } from "./agreement.ts";

const LARGE = ["opt-6.7b", "opt-13b", "llama2-7b"];
const TRANSFORMERS = listZoo().filter((n) => ZOO[n].transformer && !LARGE.includes(n));
const worst = { model: "", diff: 0 };

describe("simulator vs analytic latency, transformer zoo", () => {
  it.each(TRANSFORMERS)("%s", { timeout: 240_000 }, async (model) => {
    const diff = checkAgreement(await compileZoo(model));
    if (Math.abs(diff) >= Math.abs(worst.diff)) Object.assign(worst, { model, diff });
  });
  it("prime-reram: bert-large", { timeout: 240_000 }, async () => {
    checkAgreement(await compileZoo("bert-large", "prime-reram"));
  });
  it("worst case", () => console.log(`worst transformer agreement: ${worst.model} ${(100 * worst.diff).toFixed(3)} %`));
});
