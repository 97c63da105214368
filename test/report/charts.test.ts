/** The chart helpers' arithmetic: scales and ticks, Pareto front, binning, escaping, number formats. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { autoScale, linearScale, logScale, tickLabel } from "../../src/report/svg/scale.ts";
import { bin2d, paretoFront } from "../../src/report/pareto.ts";
import { esc, px } from "../../src/report/svg/svg.ts";
import { barChart } from "../../src/report/svg/bar.ts";
import { floorplanChart } from "../../src/report/svg/floorplan.ts";
import { duration, fmtInt, fmtNum, timeNs } from "../../src/report/format.ts";

describe("scales", () => {
  it("linear: nice ticks covering the data, mapped onto the range", () => {
    const s = linearScale(3, 97, [0, 100]);
    expect(s.ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(s(0)).toBe(0);
    expect(s(100)).toBe(100);
    expect(s(50)).toBe(50);
  });

  it("linear with whole-number ticks never steps below 1", () => {
    expect(linearScale(0, 4, [0, 1], 8, true).ticks).toEqual([0, 1, 2, 3, 4]);
  });

  it("log: ticks at 1, 2, 5 × 10^k inside the padded domain", () => {
    const s = logScale(12, 300, [0, 1]); // padded to about 10.4 .. 344
    expect(s.ticks).toEqual([20, 50, 100, 200]);
    expect(s(12)).toBeGreaterThan(0);
    expect(s(300)).toBeLessThan(1);
    expect(logScale(12, 440, [0, 1]).ticks).toContain(500); // 440 padded by 15 % reaches 500
  });

  it("auto picks log only when positive values span decades", () => {
    expect(autoScale([1, 10, 1000], [0, 1]).log).toBe(true);
    expect(autoScale([5, 10, 40], [0, 1]).log).toBe(false);
    expect(autoScale([0, 1000], [0, 1]).log).toBe(false);
  });

  it("property: every value lies inside the range, every tick inside the domain", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), (vs) => {
        const s = autoScale(vs, [10, 510]);
        for (const v of vs) {
          expect(s(v)).toBeGreaterThanOrEqual(10 - 1e-6);
          expect(s(v)).toBeLessThanOrEqual(510 + 1e-6);
        }
        for (const t of s.ticks) {
          expect(t).toBeGreaterThanOrEqual(s.domain[0] * (1 - 1e-9));
          expect(t).toBeLessThanOrEqual(s.domain[1] * (1 + 1e-9));
        }
        expect(s.ticks.length).toBeGreaterThan(0);
      }),
    );
  });

  it("tick labels have no float noise", () => {
    expect(tickLabel(0.30000000000000004)).toBe("0.3");
    expect(tickLabel(25000)).toBe("25k");
    expect(tickLabel(3e6)).toBe("3M");
  });
});

describe("Pareto front and binning", () => {
  it("keeps exactly the points no other point beats on both coordinates", () => {
    const pts = [
      { x: 1, y: 5 },
      { x: 2, y: 4 },
      { x: 2, y: 3 },
      { x: 3, y: 1 },
      { x: 0.5, y: 4.5 },
    ];
    expect(paretoFront(pts)).toEqual([
      { x: 1, y: 5 },
      { x: 2, y: 4 },
      { x: 3, y: 1 },
    ]);
  });

  it("property: front points are undominated, every other point is dominated by one", () => {
    const pt = fc.record({ x: fc.integer({ min: 0, max: 50 }), y: fc.integer({ min: 0, max: 50 }) });
    fc.assert(
      fc.property(fc.array(pt, { minLength: 1, maxLength: 60 }), (pts) => {
        const front = paretoFront(pts);
        const dominates = (a: { x: number; y: number }, b: { x: number; y: number }) =>
          a.x >= b.x && a.y >= b.y && (a.x > b.x || a.y > b.y);
        for (const f of front) expect(pts.some((p) => dominates(p, f))).toBe(false);
        for (const p of pts) expect(front.some((f) => dominates(f, p) || (f.x === p.x && f.y === p.y))).toBe(true);
        for (let i = 1; i < front.length; i++) {
          expect(front[i].x).toBeGreaterThan(front[i - 1].x);
          expect(front[i].y).toBeLessThan(front[i - 1].y);
        }
      }),
    );
  });

  it("bins count every point in [0, 1]² once", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.double({ min: 0, max: 1, noNaN: true }), y: fc.double({ min: 0, max: 1, noNaN: true }) })), (pts) => {
        const b = bin2d(pts, 7, 5);
        expect(b.counts.reduce((s, c) => s + c, 0)).toBe(pts.length);
        expect(b.max).toBe(pts.length ? Math.max(...b.counts) : 0);
      }),
    );
  });
});

describe("SVG writer", () => {
  it("escapes text and attributes, rounds coordinates", () => {
    expect(esc(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    expect(px(1.23456)).toBe("1.23");
    expect(px(-0.001)).toBe("0");
  });

  it("a bar chart has one mark per bar, a viewBox and max-width 100%", () => {
    const c = barChart({ id: "t", title: "T <1>", desc: "d", bars: [1, 2, 3].map((v) => ({ label: `b${v}`, value: v, color: "#000" })), axisLabel: "x (W)", valueText: String });
    expect(c.marks).toBe(3);
    expect((c.svg.match(/class="mark"/g) ?? []).length).toBe(3);
    expect(c.svg).toMatch(/viewBox="0 0 \d+(\.\d+)? \d+(\.\d+)?"/);
    expect(c.svg).toContain("max-width:100%");
    expect(c.svg).toContain("T &lt;1&gt;");
    expect(c.svg).toContain(">x (W)<");
  });

  it("a floorplan draws a cell per macro, an outline per empty position, and areas to scale by crossbars", () => {
    const groups = [
      { color: "#123", label: "1", legend: "#1 a: 2 macros", shared: false },
      { color: "#456", label: "2+3", legend: "#2+#3 b + c: 1 macro", shared: true },
    ];
    const crossbars = [400, 100, 25];
    const c = floorplanChart({
      id: "f",
      title: "t",
      desc: "d",
      meshRows: 2,
      meshCols: 3,
      groups,
      cells: [0, 1, 4].map((i, k) => ({ index: i, group: k === 2 ? 1 : 0, crossbars: crossbars[k], tooltip: "m" })),
    });
    expect(c.marks).toBe(3);
    expect((c.svg.match(/class="empty"/g) ?? []).length).toBe(3);
    expect((c.svg.match(/class="mark shared"/g) ?? []).length).toBe(1);
    expect(c.svg).toContain('id="f-hatch"');
    // Each cell's first rect is its square: areas in the ratio of the crossbars (400 : 100 : 25 → sides 4 : 2 : 1).
    const sides = [...c.svg.matchAll(/<g class="mark[^"]*"[^>]*><title>m<\/title><rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(sides).toHaveLength(3);
    expect(sides[0] / sides[1]).toBeCloseTo(2, 1);
    expect(sides[1] / sides[2]).toBeCloseTo(2, 1);
    for (const g of groups) expect(c.svg).toContain(`>${g.legend}<`);
  });

  it("a floorplan without crossbar counts says it is a mesh map, not to scale", () => {
    const c = floorplanChart({
      id: "f",
      title: "t",
      desc: "d",
      meshRows: 1,
      meshCols: 2,
      groups: [{ color: "#123", label: "1", legend: "#1", shared: false }],
      cells: [{ index: 0, group: 0, crossbars: null, tooltip: "m" }],
    });
    expect(c.svg).toContain("mesh map, not to scale");
  });
});

describe("number formats", () => {
  it("significant digits, grouping and units", () => {
    expect(fmtNum(442.2218654)).toBe("442.2");
    expect(fmtNum(48.9997311)).toBe("49");
    expect(fmtNum(1923824)).toBe("1,923,824");
    expect(fmtNum(0.0538)).toBe("0.0538");
    expect(fmtInt(16328)).toBe("16,328");
    expect(timeNs(313522.4)).toEqual({ value: "313.5", unit: "µs" });
    expect(timeNs(25757914)).toEqual({ value: "25.76", unit: "ms" });
    expect(duration(92244)).toBe("1 min 32 s");
    expect(duration(850)).toBe("850 ms");
    expect(duration(7_380_000)).toBe("2 h 3 min");
  });
});
