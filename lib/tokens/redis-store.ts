// The token-cache store for several instances: one Redis string per partition,
// `<prefix>token-cache:<tenantId>:<homeAccountId>` = `<keyId>:<base64url(sealed)>`, expiring a
// little after the refresh token inside it would (90 days unused). Every command has a short
// deadline: a Redis that is down or hanging turns into TokenStoreUnavailableError at once,
// which the layers above degrade on, instead of requests queueing behind it.
import "server-only";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { runRedisCommand, watchRedisErrors } from "@/lib/redis";
import type { SealedEntry } from "./envelope";
import type { Partition } from "./partition";
import { type TokenCacheStore, TokenStoreUnavailableError } from "./store";

/** Refresh tokens die after 90 days unused; each write (a refresh) restarts both clocks. */
export const REDIS_TOKEN_TTL_SECONDS = 92 * 86_400;

export interface RedisStoreOptions {
  /** Namespace of every key; default "surveys:". */
  keyPrefix?: string;
  ttlSeconds?: number;
  /** Per-command deadline; default 1000 ms. */
  timeoutMs?: number;
  log?: Logger;
}

function encode(entry: SealedEntry): string {
  return `${entry.keyId}:${Buffer.from(entry.ciphertext).toString("base64url")}`;
}

function decode(value: string): SealedEntry {
  const colon = value.indexOf(":");
  // Not ours or damaged: an entry no key opens, which the reader treats as a miss.
  if (colon < 0) return { keyId: "", ciphertext: new Uint8Array() };
  return { keyId: value.slice(0, colon), ciphertext: Buffer.from(value.slice(colon + 1), "base64url") };
}

export function createRedisStore(client: Redis, options: RedisStoreOptions = {}): TokenCacheStore {
  const prefix = `${options.keyPrefix ?? "surveys:"}token-cache:`;
  const ttl = options.ttlSeconds ?? REDIS_TOKEN_TTL_SECONDS;
  const ms = options.timeoutMs ?? 1_000;
  const keyOf = (p: Partition) => `${prefix}${p.tenantId}:${p.homeAccountId}`;

  watchRedisErrors(client, options.log);

  async function run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await runRedisCommand(client, command, ms);
    } catch (error) {
      throw new TokenStoreUnavailableError("redis", error);
    }
  }

  return {
    description: "redis",
    async get(partition) {
      const value = await run(() => client.get(keyOf(partition)));
      return value === null ? null : decode(value);
    },
    async set(partition, entry) {
      await run(() => client.set(keyOf(partition), encode(entry), "EX", ttl));
    },
    async delete(partition) {
      await run(() => client.unlink(keyOf(partition)));
    },
    async deleteTenant(tenantId) {
      // SCAN, not KEYS: offboarding is rare and must not block Redis for everyone else.
      const pattern = `${prefix}${tenantId}:*`;
      let cursor = "0";
      do {
        const [next, keys] = await run(() => client.scan(cursor, "MATCH", pattern, "COUNT", 500));
        if (keys.length > 0) await run(() => client.unlink(...keys));
        cursor = next;
      } while (cursor !== "0");
    },
  };
}
