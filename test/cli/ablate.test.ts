/** `pimsyn ablate`: one run directory (the full method's) whose report holds the ablation table (issue 18, item 13). */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ablate } from "../../src/cli/commands/ablate.ts";

describe("ablate", () => {
  it("leaves one run directory with ablation.json and the table rendered in its report", async () => {
    const out = mkdtempSync(join(tmpdir(), "pimsyn-ablate-test-"));
    const { runDir, table } = await ablate({
      model: "specs/networks/chain4.json",
      powerW: 5,
      seed: 2,
      workers: 1,
      space: { crossbarSizes: [128], cellBits: [1, 2], dacBits: [1], ratios: [0.3] },
      candidates: 2,
      eaGenerations: 2,
      outDir: out,
    });
    expect(readdirSync(out)).toEqual([runDir.split("/").pop()]);
    const files = readdirSync(runDir);
    expect(files).toContain("ablation.json");
    expect(JSON.parse(readFileSync(join(runDir, "ablation.json"), "utf8"))).toEqual(JSON.parse(JSON.stringify(table)));
    // The ISAAC-like designs are named for what they are and labelled with their power (issue 12).
    expect(table.rows.map((r) => r.name.replace(/ \([\d.]+ W\)$/, ""))).toEqual([
      "pimsyn", "heuristic-duplication", "identical-macros", "no-sharing", "no-duplication", "isaac-like-same-budget", "isaac-like-weights-once",
    ]);
    for (const r of table.rows.slice(5)) expect(r.name).toMatch(/ \([\d.]+ W\)$/);
    expect(table.rows[0].gainVsFull).toBe(1);
    const metrics = JSON.parse(readFileSync(join(runDir, "metrics.json"), "utf8"));
    expect(table.rows[0].gopsPerW).toBe(metrics.summary.gopsPerW);
    const html = readFileSync(join(runDir, "report.html"), "utf8");
    expect(html).toContain('id="ablation"');
    for (const r of table.rows) expect(html).toContain(r.name);
    expect(readFileSync(join(runDir, "report.md"), "utf8")).toMatch(/no-duplication/);
  });
});
