// The Redis connection, when REDIS_URL is set (scale-out: shared token cache, rate limits).
// Without it the product runs on the database alone.
import "server-only";
import { Redis } from "ioredis";
import type { Logger } from "pino";
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

const connecting = new WeakMap<Redis, Promise<void>>();
const watched = new WeakSet<Redis>();

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** The client connects lazily and without an offline queue: connect once, shared by callers. */
function ensureConnected(client: Redis, ms: number): Promise<void> {
  if (client.status !== "wait" && client.status !== "end") return Promise.resolve();
  let pending = connecting.get(client);
  if (!pending) {
    pending = client.connect().finally(() => connecting.delete(client));
    // A failed connect is reported to the caller; this copy must not be "unhandled".
    pending.catch(() => {});
    connecting.set(client, pending);
  }
  return withDeadline(pending, ms);
}

/** One command with a deadline: a Redis that is down answers "unavailable" fast, never hangs. */
export async function runRedisCommand<T>(client: Redis, command: () => Promise<T>, ms = 1_000): Promise<T> {
  await ensureConnected(client, ms);
  return withDeadline(command(), ms);
}

/**
 * Logs connection errors at most every 30 s (without a listener ioredis prints each retry).
 * Once per client, whichever user of it asks first: the token cache and rate limits share one.
 */
export function watchRedisErrors(client: Redis, log: Logger | undefined): void {
  if (watched.has(client)) return;
  watched.add(client);
  let lastLogged = 0;
  client.on("error", (error: Error) => {
    if (Date.now() - lastLogged < 30_000) return;
    lastLogged = Date.now();
    log?.warn({ err: error }, "Redis connection error");
  });
}
