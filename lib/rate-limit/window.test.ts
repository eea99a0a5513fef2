import assert from "node:assert/strict";
import { test } from "node:test";
import { MemoryCounter } from "./memory-counter";
import { decide, windowOf } from "./window";

const rule = { limit: 3, windowSeconds: 60 };

test("a window is a fixed slice of time; the retry waits for its end", () => {
  const now = Date.UTC(2026, 11, 2, 10, 0, 45);
  assert.equal(windowOf(now, rule).endsAtMs, Date.UTC(2026, 11, 2, 10, 1, 0));
  assert.deepEqual(decide(3, rule, now), { allowed: true, remaining: 0, retryAfterSeconds: 0 });
  assert.deepEqual(decide(4, rule, now), { allowed: false, remaining: 0, retryAfterSeconds: 15 });
  assert.equal(decide(4, rule, Date.UTC(2026, 11, 2, 10, 0, 59, 900)).retryAfterSeconds, 1);
});

test("memory counter: counts per key and window, forgets the oldest key when full", () => {
  const counter = new MemoryCounter(2);
  const t = Date.UTC(2026, 11, 2, 10, 0, 0);
  assert.equal(counter.increment("a", rule, t), 1);
  assert.equal(counter.increment("a", rule, t + 1000), 2);
  assert.equal(counter.increment("b", rule, t), 1);
  assert.equal(counter.increment("a", rule, t + 60_000), 1, "a new window starts from one");
  counter.increment("c", rule, t); // evicts b, the least recently used
  assert.equal(counter.increment("a", rule, t + 60_000), 2, "a, used since, is kept");
  assert.equal(counter.increment("b", rule, t), 1, "b starts again");
});
