// Per-process window counters: the limiter without Redis, and its fallback while Redis is down
// (each instance then limits on its own, which is looser but never blocks everyone).
import type { RateRule } from "./window";
import { windowOf } from "./window";

export class MemoryCounter {
  private readonly counts = new Map<string, { index: number; count: number }>();

  constructor(private readonly maxKeys = 100_000) {}

  increment(key: string, rule: RateRule, nowMs: number): number {
    const { index } = windowOf(nowMs, rule);
    const current = this.counts.get(key);
    const count = current && current.index === index ? current.count + 1 : 1;
    // Re-inserting keeps the Map in last-used order, so the oldest keys go first when full.
    this.counts.delete(key);
    this.counts.set(key, { index, count });
    if (this.counts.size > this.maxKeys) {
      const oldest = this.counts.keys().next().value;
      if (oldest !== undefined) this.counts.delete(oldest);
    }
    return count;
  }
}
