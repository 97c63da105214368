/**
 * Names to edges and a topological order. A layer may reference a later-defined layer; among layers that are
 * ready at the same time, file order wins, so a file that is already in order keeps its order exactly.
 */
import type { NetworkSpec } from "./types.ts";

/** Reports a problem with a field of layer `index` (a path below `/layers/<index>`); never returns. */
export type LayerFail = (index: number, field: (string | number)[], message: string) => never;

export interface LayerGraph {
  /** File indices of the layers in topological order. */
  order: number[];
  /** For each layer (by file index): producer file indices, −1 for the network input. */
  producers: number[][];
}

/** Binary min-heap of integers: O(n log n) ordering even for networks with many thousands of layers. */
class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(v: number): void {
    const a = this.items;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= v) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = v;
  }
  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as number;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && a[l + 1] < a[l] ? l + 1 : l;
        if (a[c] >= last) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

export function buildGraph(spec: NetworkSpec, fail: LayerFail): LayerGraph {
  const inputName = spec.input.name;
  const indexOf = new Map<string, number>();
  spec.layers.forEach((layer, i) => {
    if (layer.name === inputName) fail(i, ["name"], `name "${layer.name}" is already the network input's name`);
    const earlier = indexOf.get(layer.name);
    if (earlier !== undefined) fail(i, ["name"], `duplicate layer name "${layer.name}" (also layer ${earlier})`);
    indexOf.set(layer.name, i);
  });

  const producers = spec.layers.map((layer, i) => {
    // Omitted inputs: the previous layer in the file, or the network input for the first layer.
    const refs = layer.inputs ?? [i === 0 ? inputName : spec.layers[i - 1].name];
    return refs.map((ref, j) => {
      if (ref === inputName) return -1;
      const p = indexOf.get(ref);
      if (p === undefined) return fail(i, ["inputs", j], `unknown input "${ref}"`);
      return p;
    });
  });

  const consumers: number[][] = spec.layers.map(() => []);
  const pending = spec.layers.map(() => 0);
  producers.forEach((ps, i) => {
    for (const p of new Set(ps)) {
      if (p < 0) continue;
      consumers[p].push(i);
      pending[i] += 1;
    }
  });

  const ready = new MinHeap();
  pending.forEach((n, i) => n === 0 && ready.push(i));
  const order: number[] = [];
  while (ready.size > 0) {
    const i = ready.pop();
    order.push(i);
    for (const c of consumers[i]) if (--pending[c] === 0) ready.push(c);
  }
  if (order.length < spec.layers.length) reportCycle(spec, producers, pending, fail);
  return { order, producers };
}

/** Every layer left unplaced has an unplaced producer; walking producers from one must close a cycle. */
function reportCycle(spec: NetworkSpec, producers: number[][], pending: number[], fail: LayerFail): never {
  const stuck = (i: number) => i >= 0 && pending[i] > 0;
  let node = pending.findIndex((n) => n > 0);
  const seenAt = new Map<number, number>();
  const walk: number[] = [];
  while (!seenAt.has(node)) {
    seenAt.set(node, walk.length);
    walk.push(node);
    node = producers[node].find(stuck) as number;
  }
  // walk follows producers (against the data flow); reverse it to read in data-flow order.
  const cycle = walk.slice(seenAt.get(node)).reverse();
  const start = cycle.indexOf(Math.min(...cycle));
  const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
  const names = [...rotated, rotated[0]].map((i) => spec.layers[i].name);
  return fail(rotated[0], ["inputs"], `cycle: ${names.join(" → ")}`);
}
