/**
 * Alg. 1's outer space: RatioRram × cell bits × crossbar size (DAC bits inside each point), ADC bits by the
 * lossless rule. Infeasible points are counted and skipped; each feasible point gets a provably optimistic
 * efficiency bound used to prune it later; the design-space energy bound (the best GOPS/W any design of the space
 * could reach, whatever the budget) for the report. No feasible point → a user error naming the minimum feasible
 * power (or area, when the area budget is what rules every point out).
 */
import type { Stage } from "../../src/flow/stage.ts";
import type { SynthContext } from "../../src/methods/pimsyn/context.ts";
import { enumerateOuterPoints, minimumFeasibleAreaMm2 as minimumArea, ModelCache, spaceEnergyBound } from "../../src/methods/pimsyn/space.ts";
import { findableMinimumPowerW } from "../../src/methods/pimsyn/minimum-power.ts";
import { InfeasibleError } from "../../src/errors.ts";

export const explore: Stage<SynthContext, "options" | "network" | "preset" | "sink", "outerPoints" | "minimumFeasiblePowerW" | "spaceBound"> = {
  name: "explore",
  needs: ["options", "network", "preset", "sink"],
  adds: ["outerPoints", "minimumFeasiblePowerW", "spaceBound"],
  run({ options, network, preset }) {
    const cache = new ModelCache(network);
    const outerPoints = enumerateOuterPoints(network, preset, options.space, options.powerW, cache, options.areaMm2);
    const minimumFeasiblePowerW = findableMinimumPowerW(network, preset, options.space, options.macroMode, cache);
    if (!outerPoints.some((p) => p.feasible)) {
      const withoutArea = options.areaMm2 !== undefined && enumerateOuterPoints(network, preset, options.space, options.powerW, cache).some((p) => p.feasible);
      if (withoutArea) {
        const minimumAreaMm2 = minimumArea(network, preset, options.space, cache);
        throw new InfeasibleError(
          `no design fits ${options.areaMm2} mm²: minimum feasible area for ${network.name} under ${preset.name} is ${minimumAreaMm2.toPrecision(4)} mm² ` +
            `(crossbars for one copy of the weights, DACs, one ADC and ALU set per layer, scratchpads and routers)`,
        );
      }
      throw new InfeasibleError(
        `no design fits ${options.powerW} W: minimum feasible power for ${network.name} under ${preset.name} is ${minimumFeasiblePowerW.toPrecision(4)} W ` +
          `(one copy of the weights, the fewest macros per layer with the scratchpad their buffers need, one ADC and ALU set per layer and macro, NoC; crossbars within the largest crossbar share)`,
        minimumFeasiblePowerW,
      );
    }
    return { outerPoints, minimumFeasiblePowerW, spaceBound: spaceEnergyBound(network, preset, options.space, cache) };
  },
};
