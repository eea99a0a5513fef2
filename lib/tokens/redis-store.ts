// The token-cache store for several instances: one Redis string per partition,
// `<prefix>token-cache:<tenantId>:<homeAccountId>` = `<keyId>:<base64url(sealed)>`, expiring a
// little after the refresh token inside it would (90 days unused). Every command has a short
// deadline: a Redis that is down or hanging turns into TokenStoreUnavailableError at once,
// which the layers above degrade on, instead of requests queueing behind it.
import "server-only";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
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

const connecting = new WeakMap<Redis, Promise<void>>();
const listening = new WeakSet<Redis>();

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** lib/redis.ts connects lazily and without an offline queue: connect once, shared by callers. */
function ensureConnected(client: Redis, ms: number): Promise<void> {
  if (client.status !== "wait" && client.status !== "end") return Promise.resolve();
  let pending = connecting.get(client);
  if (!pending) {
    pending = client.connect().finally(() => connecting.delete(client));
    // A failed connect is reported to the caller below; this copy must not be "unhandled".
    pending.catch(() => {});
    connecting.set(client, pending);
  }
  return withDeadline(pending, ms);
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

  if (!listening.has(client)) {
    listening.add(client);
    // Without a listener ioredis prints every reconnect failure as an "unhandled error event".
    let lastLogged = 0;
    client.on("error", (error: Error) => {
      if (Date.now() - lastLogged < 30_000) return;
      lastLogged = Date.now();
      options.log?.warn({ err: error }, "Redis connection error (token cache)");
    });
  }

  async function run<T>(command: () => Promise<T>): Promise<T> {
    try {
      await ensureConnected(client, ms);
      return await withDeadline(command(), ms);
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
