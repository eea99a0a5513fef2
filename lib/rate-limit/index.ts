// Rate limits shared by every instance (Redis when REDIS_URL is set, one INCR per request in
// a fixed window), or per process without Redis or while it is down. A limiter that cannot
// reach Redis limits locally rather than refusing everyone or letting everything through.
import "server-only";
import type { Redis } from "ioredis";
import { RateLimitedError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { redis, runRedisCommand, watchRedisErrors } from "@/lib/redis";
import { MemoryCounter } from "./memory-counter";
import { decide, type RateDecision, type RateRule, windowOf } from "./window";

export type { RateDecision, RateRule };
export { RateLimitedError };

export interface RateLimiter {
  /** Counts one request against `key` (e.g. "submit:<survey>:<client>") and decides. */
  consume(key: string, rule: RateRule, nowMs?: number): Promise<RateDecision>;
}

export function createRateLimiter(client: Redis | null, prefix = "surveys:rate:"): RateLimiter {
  const memory = new MemoryCounter();
  if (client) watchRedisErrors(client, logger());

  async function countInRedis(key: string, rule: RateRule, nowMs: number): Promise<number | null> {
    if (!client) return null;
    const windowKey = `${prefix}${key}:${windowOf(nowMs, rule).index}`;
    try {
      const replies = await runRedisCommand(client, () =>
        client
          .multi()
          .incr(windowKey)
          .expire(windowKey, rule.windowSeconds + 1)
          .exec(),
      );
      const count = replies?.[0]?.[1];
      return typeof count === "number" ? count : null;
    } catch {
      return null;
    }
  }

  return {
    async consume(key, rule, nowMs = Date.now()) {
      const count = (await countInRedis(key, rule, nowMs)) ?? memory.increment(key, rule, nowMs);
      return decide(count, rule, nowMs);
    },
  };
}

let shared: RateLimiter | undefined;

/** Counts one request against the process-wide limiter; RateLimitedError (429) when over. */
export async function enforce(key: string, rule: RateRule): Promise<void> {
  shared ??= createRateLimiter(redis());
  const decision = await shared.consume(key, rule);
  if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
}
