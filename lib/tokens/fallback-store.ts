// Redis first, the database when Redis cannot answer. Chosen over "Redis down = cache miss"
// because a miss sends the user to sign in, and the sign-in's write would fail the same way:
// with every instance unable to keep tokens, users would loop through sign-in for as long as
// Redis is down. With the fallback they do not notice the outage.
//
// Semantics:
// - get: Redis; if Redis is unavailable, or has no entry (a partition written during an
//   outage), the database. Misses are rare (only users who must sign in anyway), so the extra
//   read costs little.
// - set: Redis; the database only if Redis is unavailable.
// - delete, deleteTenant: both, always (an outage may have left a copy in the database).
import "server-only";
import type { Logger } from "pino";
import { type TokenCacheStore, TokenStoreUnavailableError } from "./store";

export function withFallback(primary: TokenCacheStore, fallback: TokenCacheStore, log?: Logger): TokenCacheStore {
  let lastWarned = 0;
  const degrade = (operation: string, error: unknown): void => {
    if (!(error instanceof TokenStoreUnavailableError)) throw error;
    // One line per 30 s: during an outage every request would otherwise say the same thing.
    if (Date.now() - lastWarned < 30_000) return;
    lastWarned = Date.now();
    log?.warn(
      { store: primary.description, fallback: fallback.description, operation, reason: error.message },
      "token cache store unavailable; using the fallback",
    );
  };

  return {
    description: `${primary.description}, falling back to ${fallback.description}`,
    async get(partition) {
      try {
        const entry = await primary.get(partition);
        if (entry) return entry;
      } catch (error) {
        degrade("get", error);
      }
      return fallback.get(partition);
    },
    async set(partition, entry) {
      try {
        await primary.set(partition, entry);
      } catch (error) {
        degrade("set", error);
        await fallback.set(partition, entry);
      }
    },
    async delete(partition) {
      try {
        await primary.delete(partition);
      } catch (error) {
        degrade("delete", error);
      }
      await fallback.delete(partition);
    },
    async deleteTenant(tenantId) {
      try {
        await primary.deleteTenant(tenantId);
      } catch (error) {
        degrade("deleteTenant", error);
      }
      await fallback.deleteTenant(tenantId);
    },
  };
}
