// A small least-recently-used map: per-process state (msal instances, memos) must stay bounded
// however many users pass through one instance.

export class Lru<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be a positive integer");
  }

  get size(): number {
    return this.entries.size;
  }

  /** Returns the value and marks it most recently used. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  /** Deletes every entry the predicate selects; returns how many. */
  deleteWhere(predicate: (key: K, value: V) => boolean): number {
    let count = 0;
    for (const [key, value] of this.entries) {
      if (predicate(key, value)) {
        this.entries.delete(key);
        count += 1;
      }
    }
    return count;
  }

  clear(): void {
    this.entries.clear();
  }
}
