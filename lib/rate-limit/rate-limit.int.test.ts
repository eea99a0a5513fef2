// The limiter against the real Redis of this machine: one count shared by every instance, and
// local limiting (not failure, not a free pass) when Redis cannot be reached.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, test } from "node:test";
import { Redis } from "ioredis";
import { createRateLimiter } from "./index";

const clients: Redis[] = [];
function redisAt(url: string, reconnect = true): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 1,
    ...(reconnect ? {} : { retryStrategy: () => null }),
  });
  clients.push(client);
  return client;
}

after(() => {
  for (const client of clients) client.disconnect();
});

const rule = { limit: 3, windowSeconds: 60 };
const prefix = `surveys-test:${randomUUID()}:`;

test("two instances on one Redis share one count per key and window", async () => {
  const probe = redisAt("redis://127.0.0.1:6379");
  const a = createRateLimiter(probe, prefix);
  const b = createRateLimiter(redisAt("redis://127.0.0.1:6379"), prefix);
  const now = Date.now();
  const allowed = [
    await a.consume("submit:s1:203.0.113.7", rule, now),
    await b.consume("submit:s1:203.0.113.7", rule, now),
    await a.consume("submit:s1:203.0.113.7", rule, now),
  ];
  assert.deepEqual(
    allowed.map((d) => d.remaining),
    [2, 1, 0],
  );
  const refused = await b.consume("submit:s1:203.0.113.7", rule, now);
  assert.equal(refused.allowed, false);
  assert.ok(refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 60);
  assert.equal((await a.consume("submit:s1:198.51.100.2", rule, now)).allowed, true, "another client is not affected");

  // The window key expires on its own: nothing is left behind in Redis.
  const [key] = await probe.keys(`${prefix}submit:s1:203.0.113.7:*`);
  assert.ok(key);
  const ttl = await probe.ttl(key);
  assert.ok(ttl > 0 && ttl <= rule.windowSeconds + 1);
  await probe.del(...(await probe.keys(`${prefix}*`)));
});

test("Redis unreachable: each instance limits on its own, quickly, without throwing", async () => {
  const limiter = createRateLimiter(redisAt("redis://127.0.0.1:9", false), prefix);
  const started = Date.now();
  const decisions = [];
  for (let i = 0; i < 4; i++) decisions.push(await limiter.consume("submit:s2:203.0.113.9", rule));
  assert.deepEqual(
    decisions.map((d) => d.allowed),
    [true, true, true, false],
  );
  assert.ok(Date.now() - started < 5_000, "no hanging on a dead Redis");
});
