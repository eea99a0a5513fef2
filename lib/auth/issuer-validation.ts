// Our issuer validation for a multi-tenant app on Entra ID's `common` endpoint, in one module:
// the ID tokens of sign-in and the bearer tokens of the Survey API pass through here. Host-agnostic
// (the public cloud, a national cloud or the emulator: the instance comes from config) and fail
// closed: anything not proven is refused. next-auth's bundled OIDC client substitutes `{tenantid}`
// only for login.microsoftonline.com, so it is not relied on.
import "server-only";
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from "jose";
import { requireIdentity } from "@/lib/env";
import { getTenant, type Tenant } from "@/lib/tenants/queries";

/** The personal Microsoft account "tenant" (consumers). */
export const CONSUMERS_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Entra's clocks and ours may differ a little; more than this is not "a little". */
const CLOCK_SKEW_SECONDS = 120;
const MAX_CACHED_KEY_SETS = 500;

export type TokenRejection =
  | "malformed"
  | "algorithm"
  | "tenant_id"
  | "issuer"
  | "signature"
  | "unknown_key"
  | "audience"
  | "expired"
  | "not_yet_valid"
  | "nonce"
  | "claims";

/** A token that is not what it claims to be. Expected: answered 401 / a refusal page. */
export class TokenRejectedError extends Error {
  constructor(readonly reason: TokenRejection) {
    super(`token rejected: ${reason}`);
    this.name = "TokenRejectedError";
  }
}

export type TenantRefusal = "personal_account" | "unregistered_tenant" | "offboarded_tenant";

/** A genuine token of someone we do not serve. Expected: each reason has its own page. */
export class TenantRefusedError extends Error {
  constructor(
    readonly reason: TenantRefusal,
    readonly tenantId: string,
  ) {
    super(`tenant refused: ${reason}`);
    this.name = "TenantRefusedError";
  }
}

export interface VerifiedToken {
  tenantId: string;
  oid: string;
  version: "1.0" | "2.0";
  claims: JWTPayload & Record<string, unknown>;
}

export interface VerifyOptions {
  /** Accepted `aud` values. */
  audience: string | string[];
  /**
   * The nonce sent with the authorization request (ID tokens of a code flow). `null` means none
   * was sent, so the token must not carry one either (openid-client's rule).
   */
  nonce?: string | null;
}

export function issuerV2(tenantId: string, instance = requireIdentity().instance): string {
  return `${instance}/${tenantId}/v2.0`;
}

/** v1 tokens name the cloud's STS host, which the v1 discovery document publishes. */
let v1IssuerTemplate: Promise<string> | undefined;
async function issuerV1(tenantId: string): Promise<string> {
  v1IssuerTemplate ??= (async () => {
    const response = await fetch(`${requireIdentity().instance}/common/.well-known/openid-configuration`);
    const document = (await response.json()) as { issuer?: unknown };
    if (!response.ok || typeof document.issuer !== "string" || !document.issuer.includes("{tenantid}")) {
      throw new Error("the v1 discovery document has no {tenantid} issuer template");
    }
    return document.issuer;
  })().catch((error: unknown) => {
    v1IssuerTemplate = undefined;
    throw error;
  });
  return (await v1IssuerTemplate).replace("{tenantid}", tenantId);
}

// One key set per tenant, as Entra publishes them; jose caches each and refetches on an unknown
// `kid` (key rotation), with a cooldown so a flood of bad tokens cannot hammer the IdP.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function keySetFor(tenantId: string): ReturnType<typeof createRemoteJWKSet> {
  let keySet = keySets.get(tenantId);
  if (!keySet) {
    if (keySets.size >= MAX_CACHED_KEY_SETS) keySets.delete(keySets.keys().next().value as string);
    keySet = createRemoteJWKSet(new URL(`${requireIdentity().instance}/${tenantId}/discovery/v2.0/keys`), {
      cooldownDuration: 30_000,
      cacheMaxAge: 24 * 3600_000,
    });
    keySets.set(tenantId, keySet);
  }
  return keySet;
}

function unverifiedParts(token: string): { alg: unknown; claims: JWTPayload & Record<string, unknown> } {
  try {
    return { alg: decodeProtectedHeader(token).alg, claims: decodeJwt(token) as JWTPayload & Record<string, unknown> };
  } catch {
    throw new TokenRejectedError("malformed");
  }
}

function rejectionFor(error: unknown): TokenRejectedError {
  if (error instanceof TokenRejectedError) return error;
  if (error instanceof errors.JWTExpired) return new TokenRejectedError("expired");
  if (error instanceof errors.JWKSNoMatchingKey) return new TokenRejectedError("unknown_key");
  if (error instanceof errors.JWSSignatureVerificationFailed) return new TokenRejectedError("signature");
  if (error instanceof errors.JOSEAlgNotAllowed) return new TokenRejectedError("algorithm");
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud") return new TokenRejectedError("audience");
    if (error.claim === "iss") return new TokenRejectedError("issuer");
    if (error.claim === "nbf" || error.claim === "iat") return new TokenRejectedError("not_yet_valid");
    return new TokenRejectedError("claims");
  }
  if (error instanceof errors.JOSEError) return new TokenRejectedError("malformed");
  // Network trouble fetching keys and the like: not the token's fault, so not a rejection.
  throw error;
}

/**
 * Verifies an Entra-issued JWT: RS256 only, `tid` a GUID, `iss` exactly the v2 or v1 issuer of
 * that `tid` on our instance, signature by that tenant's published keys, `aud`, `exp`/`nbf`/`iat`
 * with small skew, and the nonce rule. Throws TokenRejectedError; says nothing about whether we
 * serve the tenant (admitTenant does).
 */
export async function verifyEntraToken(token: string, options: VerifyOptions): Promise<VerifiedToken> {
  const { alg, claims } = unverifiedParts(token);
  if (alg !== "RS256") throw new TokenRejectedError("algorithm");
  const tenantId = typeof claims.tid === "string" ? claims.tid.toLowerCase() : "";
  if (!GUID.test(tenantId)) throw new TokenRejectedError("tenant_id");
  const version = claims.ver === "1.0" ? "1.0" : claims.ver === "2.0" ? "2.0" : null;
  if (!version) throw new TokenRejectedError("claims");
  // Checked before any key is fetched: a token naming one tenant but issued for another is the
  // classic multi-tenant mistake, and must not be "fixed" by trusting the token's own `iss`.
  const expectedIssuer = version === "2.0" ? issuerV2(tenantId) : await issuerV1(tenantId);
  if (claims.iss !== expectedIssuer) throw new TokenRejectedError("issuer");

  let payload: JWTPayload & Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, keySetFor(tenantId), {
      algorithms: ["RS256"],
      issuer: expectedIssuer,
      audience: options.audience,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ["exp", "iat"],
    }));
  } catch (error) {
    throw rejectionFor(error);
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.iat !== "number" || payload.iat > now + CLOCK_SKEW_SECONDS) {
    throw new TokenRejectedError("not_yet_valid");
  }
  if (options.nonce !== undefined) {
    const expected = options.nonce;
    if (expected === null ? payload.nonce !== undefined : payload.nonce !== expected) {
      throw new TokenRejectedError("nonce");
    }
  }
  const oid = typeof payload.oid === "string" ? payload.oid.toLowerCase() : "";
  if (!GUID.test(oid)) throw new TokenRejectedError("claims");
  return { tenantId, oid, version, claims: payload };
}

/** Personal accounts, unregistered and offboarded tenants are refused; returns the registered tenant. */
export async function admitTenant(tenantId: string): Promise<Tenant> {
  if (tenantId === CONSUMERS_TENANT_ID) throw new TenantRefusedError("personal_account", tenantId);
  const tenant = await getTenant(tenantId);
  if (!tenant) throw new TenantRefusedError("unregistered_tenant", tenantId);
  if (tenant.status !== "ACTIVE") throw new TenantRefusedError("offboarded_tenant", tenantId);
  return tenant;
}

/** Test seam: forget cached key sets and templates (e.g. between emulator restarts). */
export function resetKeyCaches(): void {
  keySets.clear();
  v1IssuerTemplate = undefined;
}
