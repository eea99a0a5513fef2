// Tokens for the web app's server code (ARCHITECTURE 3.4). The refresh token from sign-in is
// handed to msal-node, which owns it from then on: each user's msal cache is one encrypted
// partition in the store, read before and written after every msal operation, so any instance
// serves any user. Every operation uses a fresh msal instance: msal merges what it reads into
// what an instance already holds, so a long-lived one would keep serving (and write back) a
// partition that a sign-out on another instance deleted; the store must be the only state.
// In front of msal sit a per-process memo of valid access tokens (the warm path: no msal, no
// store, no identity provider) and a single-flight per user and scope set (concurrent callers
// after expiry share one refresh).
import "server-only";
import { performance } from "node:perf_hooks";
import type { AccountInfo, ConfidentialClientApplication } from "@azure/msal-node";
import type { Logger } from "pino";
import type { IdentityConfig } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { requestLogger } from "@/lib/log";
import { createPartitionPlugin, EncryptedCacheClient } from "./cache-plugin";
import type { CacheKey } from "./envelope";
import { IdentityProviderUnavailableError, ReauthenticationRequiredError } from "./errors";
import { IdpHttpClient, type IdpHttpOptions, type IdpTraffic } from "./idp-http";
import { Lru } from "./lru";
import { AccessTokenMemo, DEFAULT_MEMO_OPTIONS, type MemoOptions } from "./memo";
import { createMsalApp, tenantAuthority } from "./msal-app";
import { classifyMsalError } from "./msal-errors";
import { isTenantId, type Partition, partitionKey, partitionOf } from "./partition";
import { normalizeScopes, scopeKey } from "./scopes";
import { SingleFlight } from "./single-flight";
import { type TokenCacheStore, TokenStoreUnavailableError } from "./store";

/** Who the token is for: the verified `tid` of the session and msal's homeAccountId. */
export interface TokenUser {
  tenantId: string;
  homeAccountId: string;
}

export interface SignInTokens {
  /** The verified `tid` of the sign-in. */
  tenantId: string;
  /**
   * `${client_info.uid}.${client_info.utid}` if the caller has it. Optional: msal reads the same
   * from the identity provider's answer, and that is what the partition is keyed on (a guest's
   * is their home oid and tenant, not `${oid}.${tid}` of the session). The result says which.
   */
  homeAccountId?: string;
  /** From next-auth's code redemption; not kept anywhere but in msal's encrypted cache. */
  refreshToken: string;
  /** The scopes to ask for now, e.g. the Survey API's; the refresh token serves others later. */
  scopes: readonly string[];
}

export interface SignedInAccount extends TokenUser {
  /** The user's object id in the tenant of the session (msal's localAccountId). */
  oid: string;
  username: string;
}

export interface CallOptions {
  /** The request's correlation id: on our log lines and on msal's requests (client-request-id). */
  correlationId?: string;
}

export interface AcquireOptions extends CallOptions {
  /** Skip the memo and msal's cache, e.g. after the API rejected a token as outdated. */
  forceRefresh?: boolean;
}

/** memory: this process's memo · cache: msal's persisted cache · refresh: the refresh token at the IdP · network: another grant at the IdP (sign-in hand-over). */
export type TokenSource = "memory" | "cache" | "refresh" | "network";

export interface TokenStats {
  acquisitions: Record<TokenSource, number>;
  /** Callers that shared another caller's in-flight acquisition (counted in acquisitions too). */
  coalesced: number;
  failures: { reauthentication: number; unavailable: number; unexpected: number };
  /** What this service sent to the identity provider. */
  idp: IdpTraffic;
  /** Users with a memo in this process. */
  usersInMemory: number;
}

export interface TokenService {
  storeSignInTokens(input: SignInTokens, options?: CallOptions): Promise<SignedInAccount>;
  getAccessToken(user: TokenUser, scopes?: readonly string[], options?: AcquireOptions): Promise<string>;
  forgetUserTokens(user: TokenUser): Promise<void>;
  forgetTenantTokens(tenantId: string): Promise<void>;
  stats(): TokenStats;
}

export interface TokenServiceOptions {
  identity: Pick<IdentityConfig, "instance" | "knownAuthority" | "web" | "api" | "tokenCacheKeys">;
  store: TokenCacheStore;
  log: Logger;
  /** Defaults to identity.tokenCacheKeys: the first encrypts, all decrypt. */
  keys?: readonly CacheKey[];
  /** Users whose memo stays in memory (least recently used leave first). */
  maxUsers?: number;
  memo?: Partial<MemoOptions>;
  http?: Omit<IdpHttpOptions, "log">;
}

interface Acquired {
  accessToken: string;
  source: Exclude<TokenSource, "memory">;
}

interface UserContext {
  partition: Partition;
  memo: AccessTokenMemo;
  flights: SingleFlight<Acquired>;
}

export function createTokenService(options: TokenServiceOptions): TokenService {
  const { identity, store } = options;
  const baseLog = options.log;
  const http = new IdpHttpClient({ ...options.http, log: baseLog });
  const cacheClient = new EncryptedCacheClient({ store, keys: options.keys ?? identity.tokenCacheKeys, log: baseLog });
  const memoOptions: MemoOptions = { ...DEFAULT_MEMO_OPTIONS, ...options.memo };
  const users = new Lru<string, UserContext>(options.maxUsers ?? 5_000);
  const counters = {
    acquisitions: { memory: 0, cache: 0, refresh: 0, network: 0 } as Record<TokenSource, number>,
    coalesced: 0,
    failures: { reauthentication: 0, unavailable: 0, unexpected: 0 },
  };

  /** An msal instance with nothing in memory; bound to the partition's store entry if given. */
  function msalApp(partition?: Partition): ConfidentialClientApplication {
    return createMsalApp({
      clientId: identity.web.clientId,
      clientSecret: identity.web.clientSecret,
      instance: identity.instance,
      knownAuthority: identity.knownAuthority,
      network: http,
      log: baseLog,
      ...(partition ? { cachePlugin: createPartitionPlugin(partition, cacheClient) } : {}),
    });
  }

  function contextFor(partition: Partition): UserContext {
    const key = partitionKey(partition);
    const existing = users.get(key);
    if (existing) return existing;
    const context: UserContext = {
      partition,
      memo: new AccessTokenMemo(memoOptions),
      flights: new SingleFlight<Acquired>(),
    };
    users.set(key, context);
    return context;
  }

  const logFor = (correlationId: string | undefined): Logger =>
    correlationId ? requestLogger(correlationId, {}, baseLog) : baseLog;

  const elapsed = (started: number): number => Math.round((performance.now() - started) * 100) / 100;

  /** msal's errors → ours; what is neither expected nor ours stays as it is (a bug, a misconfiguration). */
  function translate(error: unknown): unknown {
    if (error instanceof AppError) return error;
    const failure = classifyMsalError(error);
    switch (failure.kind) {
      case "no_tokens":
        return new ReauthenticationRequiredError("no_cached_tokens");
      case "invalid_grant":
        return new ReauthenticationRequiredError("invalid_grant", { aadstsCode: failure.aadstsCode });
      case "interaction_required":
        return new ReauthenticationRequiredError("interaction_required", {
          aadstsCode: failure.aadstsCode,
          claims: failure.claims,
        });
      case "unavailable":
        return new IdentityProviderUnavailableError(
          failure.status ? `${failure.errorCode} (HTTP ${failure.status})` : failure.errorCode,
        );
      case "unexpected":
        return error;
    }
  }

  function reportFailure(log: Logger, error: unknown, partition: Partition, latencyMs: number): void {
    const where = { tenantId: partition.tenantId, homeAccountId: partition.homeAccountId, latencyMs };
    if (error instanceof ReauthenticationRequiredError) {
      counters.failures.reauthentication += 1;
      log.info({ ...where, reason: error.reason, aadstsCode: error.details.aadstsCode }, "reauthentication required");
    } else if (error instanceof IdentityProviderUnavailableError) {
      counters.failures.unavailable += 1;
      log.warn({ ...where, detail: error.detail }, "identity provider unavailable");
    } else {
      counters.failures.unexpected += 1;
      log.error({ ...where, err: error }, "token acquisition failed");
    }
  }

  /** The account of this partition in the persisted cache; for a guest, its profile in the session's tenant. */
  async function accountOf(
    app: ConfidentialClientApplication,
    partition: Partition,
    correlationId: string | undefined,
  ): Promise<AccountInfo> {
    const { homeAccountId, tenantId } = partition;
    const accounts = (await app.getTokenCache().getAllAccounts(correlationId)).filter(
      (a) => a.homeAccountId.toLowerCase() === homeAccountId,
    );
    const account = accounts.find((a) => a.tenantId.toLowerCase() === tenantId) ?? accounts[0];
    if (!account) throw new ReauthenticationRequiredError("no_cached_tokens");
    return account;
  }

  async function acquireSilently(
    context: UserContext,
    scopes: string[],
    key: string,
    options: AcquireOptions,
  ): Promise<Acquired> {
    try {
      const app = msalApp(context.partition);
      const account = await accountOf(app, context.partition, options.correlationId);
      const result = await app.acquireTokenSilent({
        account,
        scopes,
        authority: tenantAuthority(identity.instance, context.partition.tenantId),
        forceRefresh: options.forceRefresh ?? false,
        ...(options.correlationId ? { correlationId: options.correlationId } : {}),
      });
      context.memo.put(key, result.accessToken, result.expiresOn);
      return { accessToken: result.accessToken, source: result.fromCache ? "cache" : "refresh" };
    } catch (error) {
      throw translate(error);
    }
  }

  return {
    async storeSignInTokens(input, callOptions = {}) {
      const started = performance.now();
      const tenantId = input.tenantId.toLowerCase();
      if (!isTenantId(tenantId)) throw new TypeError("tenantId must be a GUID");
      const scopes = normalizeScopes(input.scopes);
      const log = logFor(callOptions.correlationId);
      // An msal instance of its own, without the store: the partition is known only once msal has
      // read client_info (a guest's homeAccountId is their home oid.tid, not the session's).
      const handOver = msalApp();
      let partition: Partition | undefined;
      try {
        const result = await handOver.acquireTokenByRefreshToken({
          refreshToken: input.refreshToken,
          scopes,
          authority: tenantAuthority(identity.instance, tenantId),
          // Keep what comes back although no account was cached before: this is the hand-over.
          forceCache: true,
          ...(callOptions.correlationId ? { correlationId: callOptions.correlationId } : {}),
        });
        if (!result?.account) throw new Error("msal returned no account for the signed-in user");
        partition = partitionOf({ tenantId, homeAccountId: result.account.homeAccountId });
        if (input.homeAccountId && input.homeAccountId.toLowerCase() !== partition.homeAccountId) {
          log.warn(
            { given: input.homeAccountId, fromIdentityProvider: partition.homeAccountId },
            "homeAccountId given at sign-in differs from client_info; using client_info's",
          );
        }
        // A sign-in replaces whatever the partition held, and whatever this process held for it.
        await cacheClient.set(partitionKey(partition), handOver.getTokenCache().serialize());
        users.delete(partitionKey(partition));
        contextFor(partition).memo.put(scopeKey(scopes), result.accessToken, result.expiresOn);
        counters.acquisitions.network += 1;
        log.info(
          { source: "network", latencyMs: elapsed(started), tenantId, homeAccountId: partition.homeAccountId, scopes },
          "sign-in tokens handed to msal",
        );
        return {
          tenantId,
          homeAccountId: partition.homeAccountId,
          oid: result.account.localAccountId,
          username: result.account.username,
        };
      } catch (caught) {
        const error = translate(caught);
        reportFailure(
          log,
          error,
          partition ?? { tenantId, homeAccountId: input.homeAccountId ?? "" },
          elapsed(started),
        );
        throw error;
      }
    },

    async getAccessToken(user, scopes, acquireOptions = {}) {
      const started = performance.now();
      const partition = partitionOf(user);
      const wanted = normalizeScopes(scopes ?? [identity.api.scope]);
      const key = scopeKey(wanted);
      const context = contextFor(partition);
      if (!acquireOptions.forceRefresh) {
        const memoized = context.memo.get(key);
        if (memoized) {
          counters.acquisitions.memory += 1;
          if (baseLog.isLevelEnabled("debug")) {
            logFor(acquireOptions.correlationId).debug(
              { source: "memory", latencyMs: elapsed(started), tenantId: partition.tenantId },
              "access token acquired",
            );
          }
          return memoized;
        }
      }
      const log = logFor(acquireOptions.correlationId);
      const flightKey = `${key}|${acquireOptions.forceRefresh ? "force" : "silent"}`;
      const { result, joined } = context.flights.run(flightKey, () =>
        acquireSilently(context, wanted, key, acquireOptions),
      );
      try {
        const acquired = await result;
        counters.acquisitions[acquired.source] += 1;
        if (joined) counters.coalesced += 1;
        log.info(
          {
            source: acquired.source,
            latencyMs: elapsed(started),
            tenantId: partition.tenantId,
            homeAccountId: partition.homeAccountId,
            scopes: wanted,
            ...(joined ? { coalesced: true } : {}),
          },
          "access token acquired",
        );
        return acquired.accessToken;
      } catch (error) {
        // Shared failures are reported once, by the caller whose work failed.
        if (!joined) reportFailure(log, error, partition, elapsed(started));
        throw error;
      }
    },

    async forgetUserTokens(user) {
      const partition = partitionOf(user);
      users.delete(partitionKey(partition));
      try {
        await store.delete(partition);
      } catch (error) {
        if (!(error instanceof TokenStoreUnavailableError)) throw error;
        baseLog.error({ tenantId: partition.tenantId, reason: error.message }, "token cache partition not deleted");
      }
    },

    async forgetTenantTokens(tenantId) {
      const tenant = tenantId.toLowerCase();
      if (!isTenantId(tenant)) throw new TypeError("tenantId must be a GUID");
      users.deleteWhere((_, context) => context.partition.tenantId === tenant);
      try {
        await store.deleteTenant(tenant);
      } catch (error) {
        if (!(error instanceof TokenStoreUnavailableError)) throw error;
        baseLog.error({ tenantId: tenant, reason: error.message }, "token cache partitions of tenant not deleted");
      }
    },

    stats() {
      return {
        acquisitions: { ...counters.acquisitions },
        coalesced: counters.coalesced,
        failures: { ...counters.failures },
        idp: {
          ...http.traffic,
          tokenRequests: { ...http.traffic.tokenRequests },
        },
        usersInMemory: users.size,
      };
    },
  };
}
