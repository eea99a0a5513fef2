// The default token-cache store: the `token_caches` table, keyed (tenantId, partitionKey) like
// every tenant-owned table. Rows of a tenant go with it (foreign key, cascade on purge).
import "server-only";
import type { Db } from "@/lib/db";
import type { Partition } from "./partition";
import type { TokenCacheStore } from "./store";

const where = (p: Partition) => ({ tenantId: p.tenantId, partitionKey: p.homeAccountId });

export function createDatabaseStore(database: Db): TokenCacheStore {
  return {
    description: "database",
    async get(partition) {
      const row = await database.tokenCache.findUnique({
        where: { tenantId_partitionKey: where(partition) },
        select: { keyId: true, ciphertext: true },
      });
      return row ? { keyId: row.keyId, ciphertext: row.ciphertext } : null;
    },
    async set(partition, entry) {
      const data = { keyId: entry.keyId, ciphertext: new Uint8Array(entry.ciphertext) };
      await database.tokenCache.upsert({
        where: { tenantId_partitionKey: where(partition) },
        create: { ...where(partition), ...data },
        update: data,
      });
    },
    async delete(partition) {
      await database.tokenCache.deleteMany({ where: where(partition) });
    },
    async deleteTenant(tenantId) {
      await database.tokenCache.deleteMany({ where: { tenantId } });
    },
  };
}

/**
 * Deletes partitions nobody wrote for longer than a refresh token lives unused (90 days): their
 * refresh tokens are dead, so the rows are only ciphertext at rest. Redis expires its keys itself.
 * Meant for a periodic job.
 */
export async function purgeUnusedTokenCaches(database: Db, olderThanDays = 91, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - olderThanDays * 86_400_000);
  const { count } = await database.tokenCache.deleteMany({ where: { updatedAt: { lt: before } } });
  return count;
}
