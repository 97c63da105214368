/** Horizontal bar chart: one bar per category (layers, runs), value axis at the bottom with its unit. */
import { bottomAxis, legend, type LegendEntry } from "./axes.ts";
import { autoScale, linearScale } from "./scale.ts";
import { clip, el, svgRoot, text, tooltip, type ChartFrame, type SvgMarkup } from "./svg.ts";
import { ACCENT, INK } from "./palette.ts";

export interface Bar {
  label: string;
  value: number;
  color: string;
  /** Outlined in the accent colour and named in the tooltip (e.g. the bottleneck layer). */
  highlight?: boolean;
  /** Extra tooltip text. */
  note?: string;
}

export interface BarChartSpec {
  id: string;
  title: string;
  desc: string;
  bars: readonly Bar[];
  /** Axis label with unit, e.g. "crossbars (count)". */
  axisLabel: string;
  /** Value printed at the end of each bar. */
  valueText: (v: number) => string;
  /** Log axis when values span decades (counts such as crossbars per layer). */
  allowLog?: boolean;
  legend?: readonly LegendEntry[];
  width?: number;
}

const ROW = 15;

export function barChart(spec: BarChartSpec): SvgMarkup {
  const width = spec.width ?? 900;
  const labelChars = Math.min(28, Math.max(6, ...spec.bars.map((b) => b.label.length)));
  const left = 12 + labelChars * 6.6;
  const top = 10;
  const area = { left, top, right: width - 70, bottom: top + Math.max(1, spec.bars.length) * ROW };
  const values = spec.bars.map((b) => b.value);
  const positive = values.filter((v) => v > 0);
  const scale =
    spec.allowLog && positive.length > 0
      ? autoScale(positive, [area.left, area.right], { zero: true })
      : linearScale(0, Math.max(0, ...values), [area.left, area.right]);
  const base = scale.log ? area.left : scale(0);
  let body = bottomAxis(scale, area, spec.axisLabel + (scale.log ? ", log scale" : ""));
  spec.bars.forEach((b, i) => {
    const y = top + i * ROW;
    const x1 = b.value > 0 || !scale.log ? scale(Math.max(b.value, scale.log ? scale.domain[0] : 0)) : base;
    const tip = `${b.label}: ${spec.valueText(b.value)}${b.highlight ? " (highlighted)" : ""}${b.note ? `; ${b.note}` : ""}`;
    body += text(left - 6, y + ROW * 0.7, clip(b.label, labelChars), { "text-anchor": "end", fill: INK });
    body += el(
      "rect",
      {
        class: "mark",
        x: Math.min(base, x1),
        y: y + 2,
        width: Math.max(0.5, Math.abs(x1 - base)),
        height: ROW - 4,
        fill: b.color,
        stroke: b.highlight ? ACCENT : undefined,
        "stroke-width": b.highlight ? 2 : undefined,
      },
      tooltip(tip),
    );
    body += text(Math.max(base, x1) + 4, y + ROW * 0.7, spec.valueText(b.value), { fill: INK, "font-size": 10 });
  });
  let height = area.bottom + 42;
  if (spec.legend && spec.legend.length) {
    const l = legend(spec.legend, left, height, width - left - 10);
    body += l.svg;
    height += l.height + 4;
  }
  const frame: ChartFrame = { id: spec.id, title: spec.title, desc: spec.desc, width, height };
  return svgRoot(frame, body, spec.bars.length);
}

