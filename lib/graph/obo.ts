// On-behalf-of (ARCHITECTURE 3.6): the Survey API trades the caller's access token for a Graph
// token, always at the caller's tenant authority (/common would let the token come from
// anywhere). msal caches OBO results keyed by the assertion's hash; but one msal instance keeps
// every assertion it ever saw, and user tokens change hourly, so a long-running API would grow
// without bound. Here each assertion gets a small msal instance of its own, kept in an LRU and
// dropped when the assertion expires: msal's own cache, bounded.
import "server-only";
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { ConfidentialClientApplication } from "@azure/msal-node";
import type { Logger } from "pino";
import type { IdentityConfig } from "@/lib/env";
import { UnauthorizedError } from "@/lib/errors";
import { requestLogger } from "@/lib/log";
import { IdentityProviderUnavailableError } from "@/lib/tokens/errors";
import type { IdpHttpClient } from "@/lib/tokens/idp-http";
import { Lru } from "@/lib/tokens/lru";
import { createMsalApp, tenantAuthority } from "@/lib/tokens/msal-app";
import { classifyMsalError } from "@/lib/tokens/msal-errors";
import { isTenantId } from "@/lib/tokens/partition";
import { normalizeScopes, scopeKey } from "@/lib/tokens/scopes";
import { SingleFlight } from "@/lib/tokens/single-flight";
import { ConsentRequiredError } from "./errors";

export interface OboOptions {
  identity: Pick<IdentityConfig, "instance" | "knownAuthority" | "api">;
  http: IdpHttpClient;
  log: Logger;
  /** Distinct user tokens whose Graph tokens stay cached; default 2,000. */
  maxAssertions?: number;
}

export interface OboToken {
  accessToken: string;
  source: "cache" | "network";
}

interface AssertionEntry {
  app: ConfidentialClientApplication;
  /** Past this the assertion cannot be exchanged any more (and its cached tokens are useless). */
  expiresAt: number;
}

const FALLBACK_LIFETIME_MS = 3_600_000;

/** The `exp` of the (already validated) incoming token, read without verifying it again. */
function expiryOf(assertion: string): number {
  try {
    const payload = JSON.parse(Buffer.from(assertion.split(".")[1] ?? "", "base64url").toString("utf8")) as {
      exp?: unknown;
    };
    if (typeof payload.exp === "number") return payload.exp * 1000;
  } catch {
    // Not a JWT we can read; the identity provider will say what it is.
  }
  return Date.now() + FALLBACK_LIFETIME_MS;
}

/** msal's OBO failures → ours. */
export function translateOboError(error: unknown, scopes: readonly string[]): unknown {
  const failure = classifyMsalError(error);
  switch (failure.kind) {
    case "interaction_required": {
      const consent =
        failure.aadstsCode === 65001 ||
        failure.subError === "consent_required" ||
        failure.errorCode === "consent_required";
      return consent
        ? new ConsentRequiredError(scopes, "consent_required", { aadstsCode: failure.aadstsCode })
        : new ConsentRequiredError(scopes, "claims_challenge", {
            aadstsCode: failure.aadstsCode,
            ...(failure.claims ? { claims: failure.claims } : {}),
          });
    }
    case "invalid_grant":
      if (failure.aadstsCode === 65001) {
        return new ConsentRequiredError(scopes, "consent_required", { aadstsCode: 65001 });
      }
      // The caller's token cannot be exchanged (expired, AADSTS500133; invalid, 50013): a new one is needed.
      return new UnauthorizedError("Your sign-in is no longer valid for this operation. Sign in again.");
    case "unavailable":
      return new IdentityProviderUnavailableError(
        failure.status ? `${failure.errorCode} (HTTP ${failure.status})` : failure.errorCode,
      );
    default:
      return error;
  }
}

export class OnBehalfOf {
  private readonly assertions: Lru<string, AssertionEntry>;
  private readonly flights = new SingleFlight<OboToken>();
  readonly acquisitions = { cache: 0, network: 0, failures: 0 };

  constructor(private readonly options: OboOptions) {
    this.assertions = new Lru(options.maxAssertions ?? 2_000);
  }

  get assertionsInMemory(): number {
    return this.assertions.size;
  }

  async acquire(
    assertion: string,
    tenantId: string,
    scopes: readonly string[],
    correlationId?: string,
  ): Promise<OboToken> {
    const tenant = tenantId.toLowerCase();
    if (!isTenantId(tenant)) throw new TypeError("tenantId must be a GUID");
    const wanted = normalizeScopes(scopes);
    const hash = createHash("sha256").update(assertion).digest("base64url");
    const started = performance.now();
    const log = correlationId ? requestLogger(correlationId, {}, this.options.log) : this.options.log;
    const { result, joined } = this.flights.run(`${hash}|${tenant}|${scopeKey(wanted)}`, async () => {
      const entry = this.entryFor(hash, assertion);
      try {
        const token = await entry.app.acquireTokenOnBehalfOf({
          oboAssertion: assertion,
          scopes: wanted,
          authority: tenantAuthority(this.options.identity.instance, tenant),
          ...(correlationId ? { correlationId } : {}),
        });
        if (!token) throw new Error("msal returned no on-behalf-of token");
        return { accessToken: token.accessToken, source: token.fromCache ? "cache" : "network" };
      } catch (error) {
        throw translateOboError(error, wanted);
      }
    });
    try {
      const token = await result;
      this.acquisitions[token.source] += 1;
      log.info(
        {
          source: token.source,
          latencyMs: Math.round((performance.now() - started) * 100) / 100,
          tenantId: tenant,
          scopes: wanted,
        },
        "graph token acquired on behalf of the user",
      );
      return token;
    } catch (error) {
      if (!joined) {
        this.acquisitions.failures += 1;
        const fields = { tenantId: tenant, scopes: wanted, reason: error instanceof Error ? error.name : "unknown" };
        if (error instanceof ConsentRequiredError || error instanceof UnauthorizedError)
          log.info(fields, "on-behalf-of refused");
        else log.warn({ ...fields, err: error }, "on-behalf-of failed");
      }
      throw error;
    }
  }

  private entryFor(hash: string, assertion: string): AssertionEntry {
    const existing = this.assertions.get(hash);
    if (existing && existing.expiresAt > Date.now()) return existing;
    const { identity, http, log } = this.options;
    const entry: AssertionEntry = {
      app: createMsalApp({
        clientId: identity.api.clientId,
        clientSecret: identity.api.clientSecret,
        instance: identity.instance,
        knownAuthority: identity.knownAuthority,
        network: http,
        log,
      }),
      expiresAt: expiryOf(assertion),
    };
    this.assertions.set(hash, entry);
    return entry;
  }
}
