/**
 * A design-space study: networks × power budgets × presets × seeds, each combination one synthesis. TypeBox is
 * the single source of the type and of specs/study.schema.json; a study file is JSON or YAML of this shape.
 */
import { Type, type Static } from "@sinclair/typebox";
import { literals } from "../io/schema-util.ts";

/** Most jobs one study may expand to (a typo in a range should not enqueue millions of syntheses). */
export const MAX_STUDY_JOBS = 100_000;

const PowerW = Type.Number({ exclusiveMinimum: 0, maximum: 1e6, description: "watts" });

/** `fromW` to `toW` inclusive in steps of `stepW` (what `--power 20W:200W:20W` says on the command line). */
export const PowerRange = Type.Object(
  {
    fromW: PowerW,
    toW: PowerW,
    stepW: PowerW,
  },
  { additionalProperties: false },
);

/** Synthesis options every job of the study shares (the search space and the search's effort). */
export const StudyOptions = Type.Object(
  {
    /** Exact cap on analytic evaluations per synthesis: keeps a large study's jobs short. */
    maxEvaluations: Type.Optional(Type.Integer({ minimum: 1, maximum: 1e12 })),
    /** SA candidates kept per outer point (paper: 30). */
    candidates: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    /** EA generations for the evolved candidates. */
    generations: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    crossbarSizes: Type.Optional(Type.Array(Type.Union([Type.Literal(128), Type.Literal(256), Type.Literal(512)]), { minItems: 1, maxItems: 3, uniqueItems: true })),
    cellBits: Type.Optional(Type.Array(Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(4)]), { minItems: 1, maxItems: 3, uniqueItems: true })),
    dacBits: Type.Optional(Type.Array(Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(4)]), { minItems: 1, maxItems: 3, uniqueItems: true })),
    /** RatioRram values (share of the budget given to crossbars). */
    ratios: Type.Optional(Type.Array(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), { minItems: 1, maxItems: 1000, uniqueItems: true })),
    macroMode: Type.Optional(literals(["specified", "unified"] as const)),
    sharing: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type StudyOptions = Static<typeof StudyOptions>;

export const StudySpec = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    /** Names the default study folder (out/study-<name>). */
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._-]+$" })),
    /** Zoo names or network files (.json, reference .json, .onnx); a relative path is relative to the study file. */
    networks: Type.Array(Type.String({ minLength: 1, maxLength: 4096 }), { minItems: 1, maxItems: 1000, uniqueItems: true }),
    /** Power budgets: a list of watts or a range. */
    powerW: Type.Union([Type.Array(PowerW, { minItems: 1, maxItems: 10_000, uniqueItems: true }), PowerRange]),
    /** Built-in preset names or preset files (default: pimsyn-date24). */
    presets: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 4096 }), { minItems: 1, maxItems: 100, uniqueItems: true })),
    /** Seeds (default: 1). */
    seeds: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 4294967295 }), { minItems: 1, maxItems: 1000, uniqueItems: true })),
    options: Type.Optional(StudyOptions),
  },
  { additionalProperties: false },
);
export type StudySpec = Static<typeof StudySpec>;
