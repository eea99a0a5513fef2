// Where encrypted token-cache partitions live. Stores see only sealed entries: encryption
// happens above them (cache-client.ts), so no store implementation can leak a token.
import type { SealedEntry } from "./envelope";
import type { Partition } from "./partition";

export interface TokenCacheStore {
  /** For logs: "database", "redis", "redis, falling back to database". */
  readonly description: string;
  get(partition: Partition): Promise<SealedEntry | null>;
  set(partition: Partition, entry: SealedEntry): Promise<void>;
  delete(partition: Partition): Promise<void>;
  /** Offboarding: every partition of users who signed in to this tenant. */
  deleteTenant(tenantId: string): Promise<void>;
}

/** The store could not answer in time (Redis down or hanging); callers degrade, never crash. */
export class TokenStoreUnavailableError extends Error {
  constructor(
    readonly store: string,
    cause: unknown,
  ) {
    super(`token cache store ${store} is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "TokenStoreUnavailableError";
  }
}
