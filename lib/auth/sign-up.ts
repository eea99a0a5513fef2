// Tenant sign-up (onboarding): Entra's v2 admin-consent endpoint, then a verified sign-in of that
// tenant, then the tenant registry. The consent response's `tenant` is a claim, not a fact: the
// tenant is registered only when the verified `tid` of the sign-in that follows equals it.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import type { Account } from "next-auth";
import type { BaseClient } from "openid-client";
import { writeAuditEvent } from "@/lib/audit/events";
import { db } from "@/lib/db";
import { requireIdentity } from "@/lib/env";
import { getOrganization } from "@/lib/graph";
import { logger } from "@/lib/log";
import { enforce, type RateRule } from "@/lib/rate-limit";
import { registerTenant } from "@/lib/tenants/mutations";
import { cookieAttributes, cookieNames, isSecureOrigin } from "./cookies";
import { CONSUMERS_TENANT_ID, issuerV2 } from "./issuer-validation";
import type { EntraProfile } from "./options";
import { aadstsCode, type Refusal } from "./refusals";

/** Long enough to read Entra's consent page and sign in; short enough that a stale link dies. */
const ATTEMPT_TTL_MS = 15 * 60_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Sign-up starts per client address (RateLimitedError beyond). */
export const SIGN_UP_STARTS: RateRule = { limit: 20, windowSeconds: 600 };

const hash = (state: string) => createHash("sha256").update(state).digest("base64url");

function signUpCookie() {
  const secure = isSecureOrigin(requireIdentity().appUrl);
  return { name: cookieNames(secure).signUp, attributes: cookieAttributes(secure, ATTEMPT_TTL_MS / 1000) };
}

export function signUpCallbackUrl(): string {
  return `${requireIdentity().appUrl}/signup/callback`;
}

/**
 * Starts a sign-up: a single-use `state` stored (hashed) server-side and bound to this browser by
 * a cookie, and the admin-consent URL to send the browser to. v2 admin consent asks for the API's
 * `.default` scope; the web app is in its knownClientApplications, so one consent covers both.
 */
export async function startSignUp(client: string, now = new Date()): Promise<string> {
  const identity = requireIdentity();
  // Each start stores a row before anyone is signed in: without a limit, a script could fill the
  // table. An administrator needs one or two; an office behind one address a handful.
  await enforce(`sign-up:${client}`, SIGN_UP_STARTS);
  const state = randomBytes(32).toString("base64url");
  await db().signUpAttempt.create({
    data: { stateHash: hash(state), createdAt: now, expiresAt: new Date(now.getTime() + ATTEMPT_TTL_MS) },
  });
  const cookie = signUpCookie();
  (await cookies()).set(cookie.name, state, cookie.attributes);
  const query = new URLSearchParams({
    client_id: identity.web.clientId,
    scope: `${identity.api.appIdUri}/.default`,
    redirect_uri: signUpCallbackUrl(),
    state,
  });
  return `${identity.instance}/organizations/v2.0/adminconsent?${query}`;
}

export type ConsentOutcome = { ok: true; tenantId: string } | { ok: false; refusal: Refusal; aadsts?: string };

/**
 * The admin-consent callback. Order matters: `state` first (this browser, not expired, not used),
 * then `error` — Entra's error responses still say admin_consent=True — and only then success.
 */
export async function acceptConsentResponse(query: URLSearchParams, now = new Date()): Promise<ConsentOutcome> {
  const state = query.get("state") ?? "";
  const cookie = signUpCookie();
  const jar = await cookies();
  const bound = jar.get(cookie.name)?.value;
  if (!state || !bound || bound !== state) return { ok: false, refusal: "sign_up_expired" };
  // Single use: only an unconsumed, unexpired attempt can move on, and only once.
  const claimed = await db().signUpAttempt.updateMany({
    where: { stateHash: hash(state), consentedAt: null, completedAt: null, expiresAt: { gt: now } },
    data: { consentedAt: now },
  });
  if (claimed.count !== 1) return { ok: false, refusal: "sign_up_expired" };

  const error = query.get("error");
  if (error) {
    jar.delete(cookie.name);
    const aadsts = aadstsCode(query.get("error_description"));
    const cancelled = error === "access_denied" || aadsts === "65004" || error === "permission_denied";
    logger().info({ error, aadsts }, "admin consent not granted");
    return { ok: false, refusal: cancelled ? "consent_cancelled" : "consent_failed", aadsts };
  }
  const tenantId = (query.get("tenant") ?? "").toLowerCase();
  if (query.get("admin_consent")?.toLowerCase() !== "true" || !GUID.test(tenantId)) {
    jar.delete(cookie.name);
    return { ok: false, refusal: "consent_failed" };
  }
  await db().signUpAttempt.updateMany({ where: { stateHash: hash(state) }, data: { consentedTenantId: tenantId } });
  return { ok: true, tenantId };
}

export interface PendingSignUp {
  id: string;
  consentedTenantId: string;
}

/** The sign-up this browser is completing, if it consented and has not finished. */
export async function pendingSignUp(now = new Date()): Promise<PendingSignUp | null> {
  const state = (await cookies()).get(signUpCookie().name)?.value;
  if (!state) return null;
  const attempt = await db().signUpAttempt.findFirst({
    where: { stateHash: hash(state), consentedTenantId: { not: null }, completedAt: null, expiresAt: { gt: now } },
    select: { id: true, consentedTenantId: true },
  });
  return attempt?.consentedTenantId ? { id: attempt.id, consentedTenantId: attempt.consentedTenantId } : null;
}

/** A Graph token for the organization's name, redeemed from the sign-in's refresh token. */
export async function graphTokenForSignUp(client: BaseClient, refreshToken: string): Promise<string | null> {
  try {
    // An unprefixed scope means Microsoft Graph of whichever cloud the instance is.
    const tokens = await client.grant({ grant_type: "refresh_token", refresh_token: refreshToken, scope: "User.Read" });
    return tokens.access_token ?? null;
  } catch (error) {
    logger().warn({ err: error }, "no Graph token for sign-up");
    return null;
  }
}

/**
 * Completes a sign-up inside the sign-in callback: the verified tenant must be the consenting one;
 * then the tenant is registered with its name from Graph.
 */
export async function completeSignUp(
  signUp: PendingSignUp,
  claims: EntraProfile,
  account: Account,
  now = new Date(),
): Promise<"registered" | Refusal> {
  const tenantId = claims.tid.toLowerCase();
  const jar = await cookies();
  jar.delete(signUpCookie().name);
  if (tenantId === CONSUMERS_TENANT_ID) return "personal_account";
  if (tenantId !== signUp.consentedTenantId) {
    logger().warn({ consented: signUp.consentedTenantId, signedIn: tenantId }, "sign-up tenant mismatch");
    return "sign_up_tenant_mismatch";
  }
  const graphToken = typeof account.graph_access_token === "string" ? account.graph_access_token : null;
  const organization = graphToken ? await getOrganization(graphToken).catch(() => null) : null;
  if (!organization || organization.id.toLowerCase() !== tenantId) return "idp_error";

  const name = claims.name ?? claims.preferred_username ?? "Administrator";
  await registerTenant(
    {
      id: tenantId,
      issuer: issuerV2(tenantId),
      name: organization.displayName,
      signedUpByOid: claims.oid,
      signedUpByName: name,
    },
    now,
  );
  await db().signUpAttempt.updateMany({ where: { id: signUp.id }, data: { completedAt: now } });
  await writeAuditEvent(db(), {
    tenantId,
    actor: { kind: "user", oid: claims.oid, tenantId },
    action: "tenant.signed_up",
    targetType: "tenant",
    targetId: tenantId,
    data: { name: organization.displayName },
  });
  logger().info({ tid: tenantId }, "tenant signed up");
  return "registered";
}
