/** Report cards that must not mislead (issue 12): crossbar power share, unused budget, gain only when comparable. */
import { describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/render.ts";
import { tempRuns, readJson, writeJson } from "./fixture.ts";

const tmpRun = tempRuns();
const card = (html: string, id: string) => {
  const start = html.indexOf(`id="item-${id}"`);
  expect(start).toBeGreaterThan(0);
  const next = html.indexOf('id="item-', start + 1);
  return html.slice(start, next < 0 ? undefined : next);
};

describe("report cards", () => {
  it("crossbar power share is what crossbars draw, not RatioRram; unused budget is explained; no gain when not comparable", () => {
    const dir = tmpRun();
    const m = readJson(dir, "metrics.json");
    m.summary.crossbarPowerRatio = 0.2;
    m.summary.crossbarPowerShare = 7.73 / 300;
    m.summary.budgetNote = "82.7 % of the budget unused: the bottleneck is layer1.1.add's NoC transfers";
    delete m.summary.gainOverBaseline;
    m.summary.gainNote = "one copy of the weights in ISAAC tiles needs 89.84 W, more than the 49 W budget";
    writeJson(dir, "metrics.json", m);
    const html = renderReport(dir).html;
    const ratio = card(html, "ratio");
    expect(ratio).toContain("2.58");
    expect(ratio).toContain("RatioRram allotted them 20");
    expect(card(html, "power")).toContain("the bottleneck is layer1.1.add&#x27;s NoC transfers");
    const gain = card(html, "gain");
    expect(gain).toContain("none");
    expect(gain).toContain("needs 89.84 W, more than the 49 W budget");
    expect(gain).not.toMatch(/×\s*\d/);
  });
});
