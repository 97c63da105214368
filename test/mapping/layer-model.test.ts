/**
 * Crossbar geometry of one weight copy: dense layers follow Eq. 1 (every column converted, §9.2); depthwise groups
 * are packed block-diagonally and checked against an explicit placement of every group's rows and columns.
 */
import { describe, expect, it } from "vitest";
import { crossbarGeometry, type DesignPoint } from "../../src/mapping/layer-model.ts";

const point = (crossbarSize: number, cellBits: number): DesignPoint => ({ crossbarSize, cellBits, dacBits: 1, adcBits: 8, weightBits: 16, activationBits: 16 });

/** Places groups greedily on crossbars (rows × columns blocks, bit slices side by side); returns crossbars used. */
function placeSideBySide(rows: number, cols: number, groups: number, xb: number, cells: number): number {
  let crossbars = 0, r = xb, c = xb;
  for (let g = 0; g < groups; g++) {
    if (r + rows > xb || c + cols * cells > xb) {
      crossbars++;
      r = c = 0;
    }
    r += rows;
    c += cols * cells;
  }
  return crossbars;
}

describe("crossbarGeometry", () => {
  it("dense layers: Eq. 1 crossbars, every column converted, one DAC per row and slice", () => {
    const g = crossbarGeometry({ rows: 3 * 3 * 64, cols: 128, groups: 1 }, point(128, 2));
    expect(g.set).toBe(5 * 1 * 8);
    expect(g.usedColumns).toBe(g.set * 128);
    expect(g.drivenRows).toBe(576 * 8);
    expect(g.rowBlocks).toBe(5);
  });

  it("depthwise 3×3: channels packed with their bit slices side by side, only weight columns converted", () => {
    for (const [xb, cellBits, channels, k] of [[128, 2, 32, 3], [128, 1, 96, 3], [256, 4, 144, 5], [512, 2, 960, 5], [128, 1, 1152, 5]]) {
      const rows = k * k;
      const g = crossbarGeometry({ rows, cols: 1, groups: channels }, point(xb, cellBits));
      const cells = 16 / cellBits;
      expect(g.usedColumns).toBe(channels * cells);
      expect(g.set).toBeLessThanOrEqual(placeSideBySide(rows, 1, channels, xb, cells));
      // Never more crossbars than one channel per crossbar set, and no more conversions than whole crossbars.
      expect(g.set).toBeLessThanOrEqual(channels * cells);
      expect(g.usedColumns).toBeLessThanOrEqual(g.set * xb);
      // A packed crossbar holds whole channels: its rows and columns fit.
      const perCrossbar = Math.ceil(channels / g.groupTiles);
      expect(perCrossbar * rows).toBeLessThanOrEqual(xb);
    }
  });

  it("grouped layers too large to share a crossbar keep one crossbar set per group", () => {
    const g = crossbarGeometry({ rows: 9 * 16, cols: 16, groups: 8 }, point(128, 2));
    expect(g.set).toBe(8 * 2 * 1 * 8);
    expect(g.rowBlocks).toBe(16);
  });
});
