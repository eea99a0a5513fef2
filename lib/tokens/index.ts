// The web app's tokens (ARCHITECTURE 3.4), as server code uses them: one process-wide service
// on the configured identity settings and store. Tests and tools build their own with
// createTokenService.
import "server-only";
import { db } from "@/lib/db";
import { requireIdentity } from "@/lib/env";
import { logger } from "@/lib/log";
import { redis } from "@/lib/redis";
import { createDatabaseStore } from "./database-store";
import { withFallback } from "./fallback-store";
import { createRedisStore } from "./redis-store";
import type { TokenCacheStore } from "./store";
import {
  type AcquireOptions,
  type CallOptions,
  createTokenService,
  type SignedInAccount,
  type SignInTokens,
  type TokenService,
  type TokenStats,
  type TokenUser,
} from "./token-service";

export { purgeUnusedTokenCaches } from "./database-store";
export { IdentityProviderUnavailableError, type ReauthenticationReason, ReauthenticationRequiredError } from "./errors";
export type { TokenSource } from "./token-service";
export type { AcquireOptions, CallOptions, SignedInAccount, SignInTokens, TokenService, TokenStats, TokenUser };

const globalForTokens = globalThis as unknown as { surveysTokens?: TokenService };

/** The database by default; Redis when REDIS_URL is set, with the database as its fallback. */
export function defaultTokenStore(): TokenCacheStore {
  const log = logger().child({ component: "token-cache" });
  const database = createDatabaseStore(db());
  const client = redis();
  return client ? withFallback(createRedisStore(client, { log }), database, log) : database;
}

function service(): TokenService {
  globalForTokens.surveysTokens ??= createTokenService({
    identity: requireIdentity(),
    store: defaultTokenStore(),
    log: logger().child({ component: "tokens" }),
  });
  return globalForTokens.surveysTokens;
}

/**
 * At sign-in: hands the refresh token next-auth redeemed to msal (tenant authority,
 * forceCache), which keeps it encrypted in the user's cache partition. The session cookie must
 * not keep it. Throws ReauthenticationRequiredError if the identity provider refuses it,
 * IdentityProviderUnavailableError if it cannot be reached.
 */
export function storeSignInTokens(input: SignInTokens, options?: CallOptions): Promise<SignedInAccount> {
  return service().storeSignInTokens(input, options);
}

/**
 * An access token for the signed-in user (default scope: the Survey API's), silently renewed.
 * Throws ReauthenticationRequiredError (sign in again, then come back) or
 * IdentityProviderUnavailableError (retry later); never anything a page should show as a 500.
 */
export function getAccessToken(user: TokenUser, scopes?: readonly string[], options?: AcquireOptions): Promise<string> {
  return service().getAccessToken(user, scopes, options);
}

/** At sign-out: the user's cache partition (in the store) and everything this process holds for them. */
export function forgetUserTokens(user: TokenUser): Promise<void> {
  return service().forgetUserTokens(user);
}

/** At offboarding: every partition of the tenant's users. */
export function forgetTenantTokens(tenantId: string): Promise<void> {
  return service().forgetTenantTokens(tenantId);
}

export function tokenStats(): TokenStats {
  return service().stats();
}
