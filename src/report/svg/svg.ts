/**
 * The smallest SVG writer the charts need: escaped text and attributes, rounded coordinates, and a root element
 * that scales to its container (viewBox + max-width 100%) so charts stay readable on a narrow screen and in print.
 * Every chart marks its data elements with class "mark" so tests (and readers of the source) can count them.
 */

/** Markup produced by a chart helper: every piece of text in it has been escaped. */
export interface SvgMarkup {
  readonly svg: string;
  /** Number of data marks drawn (bars, points, bins, cells, series). */
  readonly marks: number;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escape text for SVG/HTML content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A coordinate rounded to 0.01 px: shorter files, identical output across platforms. */
export function px(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

export type Attrs = Record<string, string | number | undefined>;

function attrText(attrs: Attrs): string {
  let out = "";
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    out += ` ${k}="${typeof v === "number" ? px(v) : esc(v)}"`;
  }
  return out;
}

/** One element; `children` is markup (already escaped), `undefined` for a self-closing element. */
export function el(name: string, attrs: Attrs, children?: string): string {
  return children === undefined ? `<${name}${attrText(attrs)}/>` : `<${name}${attrText(attrs)}>${children}</${name}>`;
}

/** A text element with escaped content. */
export function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  return el("text", { x, y, ...attrs }, esc(content));
}

/** A tooltip: browsers show a <title> child on hover; screen readers read it. */
export function tooltip(content: string): string {
  return el("title", {}, esc(content));
}

export interface ChartFrame {
  /** Unique on the page; also names the chart for tests (data-chart). */
  id: string;
  title: string;
  /** One sentence for screen readers: what the chart shows. */
  desc: string;
  width: number;
  height: number;
}

/** Height of the visible title line above every chart's body. */
export const TITLE_HEIGHT = 24;

/**
 * The root element: fixed aspect ratio, scales down to the container width. The title is drawn as visible text
 * on top (a chart saved or printed alone still says what it shows); the body is shifted below it.
 */
export function svgRoot(frame: ChartFrame, body: string, marks: number): SvgMarkup {
  const height = frame.height + TITLE_HEIGHT;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${px(frame.width)} ${px(height)}" width="${px(frame.width)}"` +
    ` height="${px(height)}" role="img" aria-labelledby="${esc(frame.id)}-t ${esc(frame.id)}-d" class="chart"` +
    ` data-chart="${esc(frame.id)}" data-marks="${marks}" style="max-width:100%;height:auto"` +
    ` font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="11">` +
    el("title", { id: `${frame.id}-t` }, esc(frame.title)) +
    el("desc", { id: `${frame.id}-d` }, esc(frame.desc)) +
    text(4, 16, frame.title, { class: "chart-title", "font-size": 13, "font-weight": "650", fill: "#1f2328", "aria-hidden": "true" }) +
    el("g", { transform: `translate(0 ${TITLE_HEIGHT})` }, body) +
    `</svg>`;
  return { svg, marks };
}

/** Shorten a label to `max` characters for an axis (the full text stays in the tooltip). */
export function clip(label: string, max: number): string {
  return label.length <= max ? label : label.slice(0, Math.max(1, max - 1)) + "…";
}
