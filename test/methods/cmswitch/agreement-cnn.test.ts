/** The event simulator over program.dmo agrees with the analytic latency within 5 % on every CNN of the zoo. */
import { describe, it } from "vitest";
import { ZOO, listZoo } from "../../../src/network/zoo/zoo.ts";
import { checkAgreement, compileZoo } from "./agreement.ts";

const CNNS = listZoo().filter((n) => !ZOO[n].transformer);
const worst = { model: "", diff: 0 };

describe("simulator vs analytic latency, CNN zoo (dynaplasia)", () => {
  it.each(CNNS)("%s", { timeout: 240_000 }, async (model) => {
    const diff = checkAgreement(await compileZoo(model));
    if (Math.abs(diff) >= Math.abs(worst.diff)) Object.assign(worst, { model, diff });
  });
  it("worst case", () => console.log(`worst CNN agreement: ${worst.model} ${(100 * worst.diff).toFixed(3)} %`));
});
