/**
 * Colours. Component kinds get fixed categorical colours (the same kind is the same colour in every chart and
 * every report); layers get evenly spread hues, so neighbouring layers differ; a density scale shades histogram bins.
 * All colours are chosen to stay distinguishable when printed on white paper.
 */

const CATEGORICAL = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

const KIND_ORDER = ["crossbar", "adc", "dac", "alu", "scratchpad", "router", "sampleHold", "register", "bus"];
/** Static (idle) energy is not a component kind: neutral grey, unlike any kind's colour. */
const STATIC_COLOR = "#8c8c8c";

/** Fixed colour for a component kind (unknown kinds fall back on their position). */
export function kindColor(kind: string, fallbackIndex = 0): string {
  if (kind === "static") return STATIC_COLOR;
  const i = KIND_ORDER.indexOf(kind);
  return CATEGORICAL[(i >= 0 ? i : KIND_ORDER.length + fallbackIndex) % KIND_ORDER.length];
}

/** The i-th categorical colour (runs in a comparison, series in a legend). */
export function seriesColor(i: number): string {
  return CATEGORICAL[i % CATEGORICAL.length];
}

/** Hue for layer i: golden-angle steps, so consecutive layers never look alike; lightness alternates by parity. */
export function layerColor(i: number): string {
  // Start at blue so the first layer is never read as the red accent.
  const hue = (210 + i * 137.508) % 360;
  const light = i % 2 === 0 ? 48 : 62;
  return `hsl(${hue.toFixed(1)} 62% ${light}%)`;
}

/** Sequential shade for t in [0, 1]: pale blue to dark blue. */
export function densityColor(t: number): string {
  const c = Math.max(0, Math.min(1, t));
  const from = [222, 235, 247];
  const to = [8, 48, 107];
  const mix = from.map((a, k) => Math.round(a + (to[k] - a) * c));
  return `rgb(${mix[0]} ${mix[1]} ${mix[2]})`;
}

/** Highlight colour (chosen design, bottleneck). */
export const ACCENT = "#d62728";
/** Ink for axes and labels. */
export const INK = "#333";
export const GRID = "#e3e3e3";
export const MUTED = "#9aa0a6";

/**
 * Colours for macro groups that share ADCs (floorplan): strong, far-apart hues (ColorBrewer Dark2), so two shared
 * pairs never look alike, whatever layers they join.
 */
const SHARED = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4"];
export function sharedGroupColor(i: number): string {
  return SHARED[i % SHARED.length];
}
