/** Every subcommand, in the order `pimsyn --help` lists them. Each module exports `register(program)`. */
import type { Command } from "@commander-js/extra-typings";

export type Register = (program: Command) => void;

export const commandModules: (() => Promise<{ register: Register }>)[] = [
  () => import("./synth.ts"),
  () => import("./ablate.ts"),
  () => import("./evaluate.ts"),
  () => import("./import.ts"),
  () => import("./models.ts"),
  () => import("./presets.ts"),
  () => import("./schedule.ts"),
  () => import("./dualmode.ts"),
  () => import("./report.ts"),
  () => import("./compare.ts"),
  () => import("./sweep.ts"),
  () => import("./study.ts"),
  () => import("./worker.ts"),
  () => import("./export.ts"),
];
