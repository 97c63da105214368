/**
 * The K lowest-score distinct items seen so far, distinct by a string key. Built for hot loops: `accepts`
 * answers from the score alone, so callers build the key (a string allocation) only for items that could
 * enter. Ties keep the item seen first, which keeps results deterministic.
 */
export interface Scored<T> {
  item: T;
  score: number;
  key: string;
}

export class TopK<T> {
  /** Sorted by ascending score; at most `capacity` entries. */
  private readonly entries: Scored<T>[] = [];
  private readonly keys = new Set<string>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`TopK capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Score of the current worst kept entry, or +Infinity while there is room. */
  get threshold(): number {
    return this.entries.length < this.capacity ? Infinity : this.entries[this.entries.length - 1].score;
  }

  /** Whether an item with this score could be kept (NaN never is). */
  accepts(score: number): boolean {
    return this.entries.length < this.capacity ? !Number.isNaN(score) : score < this.threshold;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Offer an item; returns true if it was kept. A key already kept is ignored (its score is the same). */
  offer(item: T, score: number, key: string): boolean {
    if (!this.accepts(score) || this.keys.has(key)) return false;
    if (this.entries.length === this.capacity) {
      const worst = this.entries.pop()!;
      this.keys.delete(worst.key);
    }
    // Insert after every entry with score <= this one, so earlier ties stay ahead.
    let i = this.entries.length;
    while (i > 0 && this.entries[i - 1].score > score) i--;
    this.entries.splice(i, 0, { item, score, key });
    this.keys.add(key);
    return true;
  }

  /** The kept entries, best first (a copy). */
  sorted(): Scored<T>[] {
    return this.entries.slice();
  }
}
