/**
 * The only source of randomness in pimsyn (style.md §3): a seeded sfc32 generator whose 128-bit state is
 * filled by splitmix32 from a 32-bit seed. sfc32 passes PractRand to terabytes, needs only 32-bit integer
 * arithmetic (fast in V8) and has a counter word, so no seed falls into a short cycle.
 *
 * Streams: every generator carries a 64-bit identity (seed, then the path of fork ids). `fork(id)` derives a
 * child from that identity alone, not from how many numbers the parent has drawn, so "chain 3" or "work item
 * 17" gets the same stream whatever else ran before it or on which worker thread it runs.
 */

const GOLDEN = 0x9e3779b9;

/** Murmur3's 32-bit finaliser: a bijective avalanche mix. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function checkInt32(value: number, what: string): number {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0xffffffff) {
    throw new RangeError(`${what} must be an integer in [-2^31, 2^32), got ${value}`);
  }
  return value >>> 0;
}

export class Rng {
  /** Identity words: define this stream and its forks; set once at construction. */
  private id0: number;
  private id1: number;
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  private spareNormal: number | undefined;

  /** A generator for a 32-bit integer seed (negative seeds are taken modulo 2^32). */
  constructor(seed: number) {
    this.id0 = checkInt32(seed, "seed");
    this.id1 = 0x6a09e667; // an arbitrary fixed word (√2's fraction) so the root identity is (seed, const)
    this.init();
  }

  private static fromIdentity(id0: number, id1: number): Rng {
    const r = Object.create(Rng.prototype) as Rng;
    r.id0 = id0;
    r.id1 = id1;
    r.spareNormal = undefined;
    r.init();
    return r;
  }

  private init(): void {
    // splitmix32 over each identity word gives the four state words; the warm-up discards the first
    // outputs, which still correlate with the seed.
    let s = this.id0;
    const split = (): number => {
      s = (s + GOLDEN) | 0;
      return fmix32(s);
    };
    this.a = split();
    this.b = split();
    s = this.id1;
    this.c = split();
    this.d = split();
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /** The next raw 32-bit output (sfc32). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Uniform integer in [lo, hiInclusive], exactly unbiased (rejection sampling); the range may span 2^32 values. */
  int(lo: number, hiInclusive: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hiInclusive) || hiInclusive < lo) {
      throw new RangeError(`int(lo, hi) needs integers with lo <= hi, got (${lo}, ${hiInclusive})`);
    }
    const n = hiInclusive - lo + 1;
    if (n > 4294967296) throw new RangeError(`int(lo, hi) spans ${n} values; at most 2^32 supported`);
    if (n === 1) return lo;
    if (n <= 0x40000000) {
      // Mask to the next power of two and redraw values >= n: exact, integer-only, < 2 draws on average.
      const mask = 0xffffffff >>> Math.clz32(n - 1);
      let v = this.uint32() & mask;
      while (v >= n) v = this.uint32() & mask;
      return lo + v;
    }
    // Wide ranges: reject the top partial bucket of 2^32 so every residue is equally likely.
    const limit = 4294967296 - (4294967296 % n);
    let u = this.uint32();
    while (u >= limit) u = this.uint32();
    return lo + (u % n);
  }

  /** A uniformly chosen element; throws on an empty array (a caller bug). */
  pick<T>(items: ArrayLike<T>): T {
    if (items.length === 0) throw new RangeError("pick() from an empty array");
    return items[this.int(0, items.length - 1)];
  }

  /** Fisher–Yates in place; returns the same array. */
  shuffle<T, A extends { length: number; [i: number]: T }>(items: A): A {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return z;
    }
    const u1 = 1 - this.next(); // (0, 1]: log stays finite
    const u2 = this.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /**
   * An independent generator for stream `streamId`, a function of this generator's identity and the id only:
   * drawing from the parent does not change it, and `fork(i).fork(j)` differs from `fork(j).fork(i)`.
   */
  fork(streamId: number): Rng {
    const s = checkInt32(streamId, "streamId");
    const h0 = fmix32((this.id0 ^ fmix32((s + GOLDEN) >>> 0)) >>> 0);
    const h1 = fmix32((((this.id1 + Math.imul(h0, 0x27d4eb2d)) | 0) ^ s) >>> 0);
    return Rng.fromIdentity(h0, h1 ^ 0x5bd1e995);
  }
}

/** A generator for a 32-bit integer seed. */
export function createRng(seed: number): Rng {
  return new Rng(seed);
}
