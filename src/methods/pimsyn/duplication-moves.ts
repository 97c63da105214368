/**
 * Neighbour moves of the duplication SA (method §6.2 describes the reference's; these are our own). Every
 * move keeps Σ dup·set within the budget and ends with a fill, so no layer could take one more copy (unless
 * `strictFill` is off, below).
 *  - raise: one layer gains copies (log-uniform, up to a fifth of what it could reach, as the reference
 *    bounds its step); other layers give copies back until the vector fits;
 *  - lower: one layer gives up copies (log-uniform, up to a fifth of them); the freed crossbars go to
 *    other layers first.
 * Each move is greedy or random with equal odds. Greedy is water-filling on block counts: copies come from the
 * layer that stays fastest without one, and go to the layer with the most blocks. It makes the plateaus of
 * the max-blocks energy crossable (raising one of several equally slow layers changes nothing until all are
 * raised); random moves keep the chains diverse.
 */
import type { Rng } from "../../search/rng.ts";

/** The searched layers' constants, as flat arrays for the hot loop. */
export interface DupProblem {
  /** Output pixels WO·HO per searched layer. */
  pixels: Float64Array;
  /** Crossbars per copy (Eq. 1). */
  set: Float64Array;
  /** Most copies per layer (budget with all others at one copy, and its pixel count). */
  cap: Int32Array;
  /** Crossbars for the searched layers. */
  budget: number;
}

/** 1..max, log-uniformly: mostly small steps for fine tuning, now and then a large jump. */
function logUniform(rng: Rng, max: number): number {
  if (max <= 1) return 1;
  return Math.min(max, Math.max(1, Math.floor(Math.exp(rng.next() * Math.log(max + 1)))));
}

/**
 * `strictFill` false: the lower move does not give the lowered layer its copies back, so vectors may leave
 * some crossbars unused. Needed with the monotonicity constraint, which a maximal vector may be unable to meet.
 */
export function neighborFunction(p: DupProblem, strictFill = true): (state: Int32Array, rng: Rng) => Int32Array | null {
  const into = neighborIntoFunction(p, strictFill);
  return (state, rng) => {
    const d = new Int32Array(state.length);
    return into(state, d, rng) ? d : null;
  };
}

/** The same moves, written into `d` (the SA's scratch buffer): true when `d` now holds a different vector. */
export function neighborIntoFunction(p: DupProblem, strictFill = true): (state: Int32Array, d: Int32Array, rng: Rng) => boolean {
  const { pixels, set, cap } = p;
  const n = pixels.length;
  const order = new Int32Array(n);
  const pickable = new Int32Array(n);
  /** pixels/dup of the candidate being built, kept up to date so scans need no division. */
  const blocks = new Float64Array(n);

  const setDup = (d: Int32Array, k: number, value: number) => {
    d[k] = value;
    blocks[k] = pixels[k] / value;
  };

  /**
   * Spends free crossbars while a layer (other than `exclude`) can take a copy; returns what is left.
   * Greedy: to the slowest layer that fits, enough copies to bring it level with the runner-up, and at least
   * its share (1/count) of what is free, so balanced layers do not take one copy per round. Random: random
   * layers, random amounts.
   */
  const fill = (d: Int32Array, free: number, exclude: number, greedy: boolean, rng: Rng): number => {
    for (;;) {
      let count = 0;
      let slowest = -1;
      let runnerUp = 0;
      for (let k = 0; k < n; k++) {
        if (k === exclude || d[k] >= cap[k] || set[k] > free) continue;
        pickable[count++] = k;
        if (slowest < 0 || blocks[k] > blocks[slowest]) {
          if (slowest >= 0) runnerUp = blocks[slowest];
          slowest = k;
        } else if (blocks[k] > runnerUp) runnerUp = blocks[k];
      }
      if (count === 0) return free;
      const k = greedy ? slowest : pickable[rng.int(0, count - 1)];
      const most = Math.min(cap[k] - d[k], Math.floor(free / set[k]));
      const add = greedy
        ? Math.min(most, Math.max(1, Math.ceil(pixels[k] / Math.max(runnerUp, 1)) - d[k], Math.floor(free / set[k] / count)))
        : rng.int(1, most);
      setDup(d, k, d[k] + add);
      free -= add * set[k];
    }
  };

  /** Frees at least `need` crossbars from layers other than j (the caller checked they exist); returns the surplus. */
  const giveBack = (d: Int32Array, need: number, j: number, greedy: boolean, rng: Rng): number => {
    if (greedy) {
      // Water-filling: from the layer that stays fastest without a copy, as many copies as keep it no slower
      // than the runner-up would be, and at least its share (1/donors) of what is still needed.
      while (need > 0) {
        let best = -1;
        let bestAfter = Infinity;
        let runnerUp = Infinity;
        let donors = 0;
        for (let k = 0; k < n; k++) {
          if (k === j || d[k] <= 1) continue;
          donors++;
          const after = pixels[k] / (d[k] - 1);
          if (after < bestAfter) {
            runnerUp = bestAfter;
            bestAfter = after;
            best = k;
          } else if (after < runnerUp) runnerUp = after;
        }
        const most = Math.min(d[best] - 1, Math.ceil(need / set[best]));
        const level = runnerUp === Infinity ? most : d[best] - Math.ceil(pixels[best] / runnerUp);
        const cut = Math.min(most, Math.max(1, level, Math.floor(need / set[best] / donors)));
        setDup(d, best, d[best] - cut);
        need -= cut * set[best];
      }
      return -need;
    }
    let donors = 0;
    for (let k = 0; k < n; k++) if (k !== j && d[k] > 1) order[donors++] = k;
    const shuffled = rng.shuffle(order.subarray(0, donors));
    // First pass: random cuts in random order; second pass: whatever is still needed.
    for (let pass = 0; pass < 2 && need > 0; pass++) {
      for (let i = 0; i < donors && need > 0; i++) {
        const k = shuffled[i];
        const most = Math.min(d[k] - 1, Math.ceil(need / set[k]));
        if (most < 1) continue;
        const cut = pass === 0 ? rng.int(1, most) : most;
        setDup(d, k, d[k] - cut);
        need -= cut * set[k];
      }
    }
    return -need;
  };

  /** Raise one layer; returns the free crossbars afterwards, or null if no layer can be raised. */
  const raise = (d: Int32Array, free: number, greedy: boolean, rng: Rng): number | null => {
    let spare = 0; // crossbars all layers could give back
    for (let k = 0; k < n; k++) spare += (d[k] - 1) * set[k];
    const reachable = (k: number) => Math.min(cap[k] - d[k], Math.floor((free + spare - (d[k] - 1) * set[k]) / set[k]));
    let count = 0;
    for (let k = 0; k < n; k++) if (reachable(k) >= 1) pickable[count++] = k;
    if (count === 0) return null;
    const j = pickable[rng.int(0, count - 1)];
    const r = logUniform(rng, Math.ceil(reachable(j) / 5));
    setDup(d, j, d[j] + r);
    const need = r * set[j] - free;
    return need > 0 ? giveBack(d, need, j, greedy, rng) : -need;
  };

  /** Lower one layer; returns it, or -1 if every layer has one copy. */
  const lower = (d: Int32Array, rng: Rng): number => {
    let count = 0;
    for (let k = 0; k < n; k++) if (d[k] > 1) pickable[count++] = k;
    if (count === 0) return -1;
    const k = pickable[rng.int(0, count - 1)];
    setDup(d, k, d[k] - logUniform(rng, Math.ceil((d[k] - 1) / 5)));
    return k;
  };

  return (state, d, rng) => {
    d.set(state);
    let free = p.budget;
    for (let k = 0; k < n; k++) {
      free -= d[k] * set[k];
      blocks[k] = pixels[k] / d[k];
    }
    const greedy = rng.chance(0.5);
    if (rng.chance(0.5)) {
      const left = raise(d, free, greedy, rng);
      if (left === null) return false;
      fill(d, left, -1, greedy, rng);
    } else {
      const k = lower(d, rng);
      if (k < 0) return false;
      free += (state[k] - d[k]) * set[k];
      free = fill(d, free, k, greedy, rng); // the freed crossbars go elsewhere first
      if (strictFill) fill(d, free, -1, greedy, rng);
    }
    for (let k = 0; k < n; k++) if (d[k] !== state[k]) return true;
    return false;
  };
}
