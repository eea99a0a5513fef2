// msal's DistributedCachePlugin, fed by an encrypting cache client and a partition manager
// bound to one user. msal reads the partition before every token operation and writes it back
// after any change, so any instance can serve any user (no sticky sessions).
import "server-only";
import { DistributedCachePlugin, type ICacheClient, type IPartitionManager } from "@azure/msal-node";
import type { Logger } from "pino";
import { type CacheKey, openEntry, sealEntry } from "./envelope";
import { Lru } from "./lru";
import { type Partition, parsePartitionKey, partitionKey } from "./partition";
import { type TokenCacheStore, TokenStoreUnavailableError } from "./store";

/** What a miss reads as: msal deserializes nothing, and the (fresh) instance stays empty. */
export const EMPTY_CACHE = "";

/** The account msal is about to save is not the user this partition belongs to. */
export class PartitionMismatchError extends Error {
  constructor() {
    super("msal's account does not match the token-cache partition; nothing was stored");
    this.name = "PartitionMismatchError";
  }
}

export interface EncryptedCacheClientOptions {
  store: TokenCacheStore;
  keys: readonly { id: string; key: Buffer }[];
  log: Logger;
}

/**
 * Seals on write, opens on read. Whatever cannot be read (unknown key, tampered or swapped row,
 * store unavailable) is a miss: the user signs in again, nobody gets a 500. A failed write is
 * logged and dropped for the same reason.
 */
export class EncryptedCacheClient implements ICacheClient {
  // msal reads a partition twice per operation; say so once per bad entry, not on every read.
  private readonly reported = new Lru<string, true>(1_000);

  constructor(private readonly options: EncryptedCacheClientOptions) {}

  private get keys(): readonly CacheKey[] {
    return this.options.keys;
  }

  async get(key: string): Promise<string> {
    const partition = parsePartitionKey(key);
    let entry: Awaited<ReturnType<TokenCacheStore["get"]>>;
    try {
      entry = await this.options.store.get(partition);
    } catch (error) {
      if (!(error instanceof TokenStoreUnavailableError)) throw error;
      this.reportOnce(partition, "store_unavailable", error.message);
      return EMPTY_CACHE;
    }
    if (!entry) return EMPTY_CACHE;
    const opened = openEntry(entry, partition, this.keys);
    if (opened.ok) return opened.plaintext;
    this.reportOnce(partition, opened.reason, `key ${entry.keyId || "(none)"}`);
    return EMPTY_CACHE;
  }

  async set(key: string, value: string): Promise<string> {
    const partition = parsePartitionKey(key);
    try {
      await this.options.store.set(partition, sealEntry(value, partition, this.keys));
      this.reported.deleteWhere((k) => k.startsWith(`${key}|`));
    } catch (error) {
      if (!(error instanceof TokenStoreUnavailableError)) throw error;
      this.options.log.error(
        { tenantId: partition.tenantId, reason: error.message },
        "token cache write failed; the user will have to sign in again",
      );
    }
    return "";
  }

  private reportOnce(partition: Partition, reason: string, detail: string): void {
    const id = `${partitionKey(partition)}|${reason}|${detail}`;
    if (this.reported.get(id)) return;
    this.reported.set(id, true);
    this.options.log.warn(
      { tenantId: partition.tenantId, homeAccountId: partition.homeAccountId, reason, detail },
      "token cache entry unreadable; treated as a miss",
    );
  }
}

export function createPartitionPlugin(partition: Partition, client: ICacheClient): DistributedCachePlugin {
  const key = partitionKey(partition);
  const manager: IPartitionManager = {
    getKey: async () => key,
    // Called with the account msal is saving: never write one user's tokens under another's key.
    extractKey: async (account: { homeAccountId: string }) => {
      if (account.homeAccountId.toLowerCase() !== partition.homeAccountId) throw new PartitionMismatchError();
      return key;
    },
  };
  return new DistributedCachePlugin(client, manager);
}
