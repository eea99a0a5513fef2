import assert from "node:assert/strict";
import { test } from "node:test";
import { Lru } from "./lru";
import { AccessTokenMemo } from "./memo";
import { normalizeScopes, scopeKey } from "./scopes";
import { SingleFlight } from "./single-flight";

test("single flight: concurrent callers of one key share one piece of work, then it is forgotten", async () => {
  const flights = new SingleFlight<number>();
  let runs = 0;
  let release: (n: number) => void = () => {};
  const work = () =>
    new Promise<number>((resolve) => {
      runs += 1;
      release = resolve;
    });
  const calls = Array.from({ length: 20 }, () => flights.run("user|scope", work));
  assert.deepEqual(
    calls.map((c) => c.joined),
    [false, ...Array(19).fill(true)],
  );
  const other = flights.run("other", async () => 7);
  await new Promise((r) => setImmediate(r));
  release(42);
  assert.deepEqual(await Promise.all(calls.map((c) => c.result)), Array(20).fill(42));
  assert.equal(await other.result, 7);
  assert.equal(runs, 1);
  assert.equal(flights.size, 0);
  assert.equal(flights.run("user|scope", async () => 1).joined, false, "a later call starts afresh");
});

test("single flight: a failure reaches every caller and is not cached", async () => {
  const flights = new SingleFlight<number>();
  const a = flights.run("k", async () => {
    throw new Error("refused");
  });
  const b = flights.run("k", async () => 1);
  await assert.rejects(a.result, /refused/);
  await assert.rejects(b.result, /refused/);
  assert.equal(await flights.run("k", async () => 2).result, 2);
});

test("memo: serves until the renewal offset before expiry, at most maxAge, and forgets on clear", () => {
  let now = 1_000_000;
  const memo = new AccessTokenMemo({ renewalOffsetMs: 300_000, maxAgeMs: 600_000, now: () => now });
  memo.put("s", "token-a", new Date(now + 3_600_000));
  assert.equal(memo.get("s"), "token-a");
  now += 599_999;
  assert.equal(memo.get("s"), "token-a");
  now += 1;
  assert.equal(memo.get("s"), undefined, "max age reached");
  memo.put("s", "token-b", new Date(now + 400_000));
  now += 99_999;
  assert.equal(memo.get("s"), "token-b");
  now += 1;
  assert.equal(memo.get("s"), undefined, "within the renewal offset: msal's turn");
  memo.put("s", "token-c", new Date(now + 200_000));
  assert.equal(memo.get("s"), undefined, "too close to expiry to keep at all");
  memo.put("s", "token-d", null);
  assert.equal(memo.get("s"), undefined, "no expiry, no memo");
  memo.put("s", "token-e", new Date(now + 3_600_000));
  memo.clear();
  assert.equal(memo.get("s"), undefined);
});

test("lru: bounded, least recently used leaves first", () => {
  const lru = new Lru<string, number>(2);
  lru.set("a", 1);
  lru.set("b", 2);
  assert.equal(lru.get("a"), 1);
  lru.set("c", 3);
  assert.equal(lru.get("b"), undefined);
  assert.equal(lru.size, 2);
  assert.equal(
    lru.deleteWhere((k) => k === "a"),
    1,
  );
  assert.equal(lru.get("c"), 3);
  assert.throws(() => new Lru(0), RangeError);
});

test("scope sets compare as sets", () => {
  assert.equal(scopeKey(["B", "a", "a "]), scopeKey(["A", "b"]));
  assert.deepEqual(normalizeScopes([" x ", "x", "y"]), ["x", "y"]);
  assert.throws(() => normalizeScopes([" "]), TypeError);
});
