// The Redis connection, when REDIS_URL is set (scale-out: shared token cache, rate limits).
// Without it the product runs on the database alone.
import "server-only";
import { Redis } from "ioredis";
import { env } from "./env";

const globalForRedis = globalThis as unknown as { surveysRedis?: Redis | null };

function createRedis(): Redis | null {
  const url = env().REDIS_URL;
  if (!url) return null;
  return new Redis(url, {
    lazyConnect: true,
    // Answer "unavailable" quickly rather than queueing commands while Redis is down.
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 1,
  });
}

/** The process-wide Redis client, or null when REDIS_URL is not configured. */
export function redis(): Redis | null {
  if (globalForRedis.surveysRedis === undefined) globalForRedis.surveysRedis = createRedis();
  return globalForRedis.surveysRedis;
}

export async function disconnectRedis(): Promise<void> {
  const client = globalForRedis.surveysRedis;
  globalForRedis.surveysRedis = undefined;
  client?.disconnect();
}
