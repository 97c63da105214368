/**
 * Renders the precompiled templates (templates.gen.ts) in an isolated Handlebars environment. Templates are
 * compiled in strict mode (a missing field throws); the block helpers `if`, `unless` and `each` and the `md`
 * helper are made strict too, because Handlebars does not check helper arguments: `{{#if x}}` on a missing `x`
 * throws here rather than silently rendering nothing. Null is the explicit "nothing to show".
 */
import Handlebars from "handlebars";
import { partials, templates } from "./templates.gen.ts";

type Spec = Parameters<typeof Handlebars.template>[0];
type Options = Handlebars.HelperOptions & { loc?: { start: { line: number; column: number } }; name?: string };

/** A template asked for a field the view model does not have: a bug in pimsyn, never the user's input. */
export class TemplateFieldError extends Error {
  override name = "TemplateFieldError";
}

function where(options: Options): string {
  const loc = options.loc?.start;
  return loc ? ` at ${loc.line}:${loc.column}` : "";
}

function defined(value: unknown, helper: string, options: Options): void {
  if (value === undefined) throw new TemplateFieldError(`{{${helper}}} on a missing field${where(options)}`);
}

function isEmpty(v: unknown): boolean {
  return !v || (Array.isArray(v) && v.length === 0);
}

const env = Handlebars.create();
const builtinEach = env.helpers.each as Handlebars.HelperDelegate;
env.registerHelper("if", function (this: unknown, cond: unknown, options: Options) {
  defined(cond, "#if", options);
  return isEmpty(cond) ? options.inverse(this) : options.fn(this);
});
env.registerHelper("unless", function (this: unknown, cond: unknown, options: Options) {
  defined(cond, "#unless", options);
  return isEmpty(cond) ? options.fn(this) : options.inverse(this);
});
env.registerHelper("each", function (this: unknown, list: unknown, options: Options) {
  defined(list, "#each", options);
  return builtinEach.call(this, list, options);
});
/**
 * Markdown text: HTML's special characters as entities (so a name cannot inject markup), Markdown's table and
 * emphasis characters backslash-escaped, line breaks flattened (a cell is one line). Quotes and "=" stay readable.
 */
export function markdownText(value: string): string {
  return value
    .replace(/[\\`*|[\]]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\s*\n\s*/g, " ");
}
env.registerHelper("md", (value: unknown, options: Options) => {
  defined(value, "md", options);
  return new Handlebars.SafeString(markdownText(String(value)));
});
for (const [name, spec] of Object.entries(partials)) env.registerPartial(name, env.template(spec as unknown as Spec));

const compiled = new Map<string, Handlebars.TemplateDelegate>();

export const TEMPLATE_NAMES = Object.keys(templates);

/** Render a top-level template (`report.html`, `summary.md`, `compare.html`) with a view model. */
export function renderTemplate(name: string, data: object): string {
  let t = compiled.get(name);
  if (!t) {
    const spec = (templates as Record<string, unknown>)[name];
    if (!spec) throw new Error(`no template "${name}"; expected one of ${TEMPLATE_NAMES.join(", ")}`);
    t = env.template(spec as Spec);
    compiled.set(name, t);
  }
  return t(data);
}
