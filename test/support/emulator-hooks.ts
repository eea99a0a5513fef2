// What token and Graph integration tests need from the emulator beyond test/support/entra.ts:
// its count of token requests (to prove what msal actually sent), lifetimes, forced errors,
// the mail outbox, and the portal (consent is directory state, changed over HTTP like an admin
// would). The integration tier runs under scripts/with-emulator.mjs --test-mode.
import type { Db } from "@/lib/db";
import { env, requireIdentity } from "@/lib/env";
import { passwordGrant, SEEDED } from "./entra";

export interface TokenRequestCounts {
  total: number;
  byGrantType: Record<string, number>;
  byTenant: Record<string, number>;
  byClient: Record<string, number>;
}

export interface OutboxMail {
  tenantId: string;
  from: { oid: string; address: string | null; displayName: string };
  subject: string;
  toRecipients: string[];
  body: { contentType: string; content: string };
}

function hooksUrl(): string {
  const url = env().ENTRA_EMULATOR_TEST_HOOKS;
  if (!url) throw new Error("integration tests need the emulator in test mode (scripts/with-emulator.mjs --test-mode)");
  return url;
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${hooksUrl()}${path}`, init);
  if (!response.ok) throw new Error(`emulator hook ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const post = <T>(path: string, body: unknown) =>
  call<T>(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export async function tokenRequests(): Promise<TokenRequestCounts> {
  return (await call<{ tokenRequests: TokenRequestCounts }>("/state")).tokenRequests;
}

/** Token requests made while `work` ran, by grant type. */
export async function countTokenRequests<T>(
  work: () => Promise<T>,
): Promise<{ result: T; requests: TokenRequestCounts }> {
  const before = await tokenRequests();
  const result = await work();
  const after = await tokenRequests();
  const diff = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(a)
        .map(([k, v]) => [k, v - (b[k] ?? 0)] as const)
        .filter(([, v]) => v !== 0),
    );
  return {
    result,
    requests: {
      total: after.total - before.total,
      byGrantType: diff(after.byGrantType, before.byGrantType),
      byTenant: diff(after.byTenant, before.byTenant),
      byClient: diff(after.byClient, before.byClient),
    },
  };
}

/** null: Entra's default (60–90 minutes). */
export const setAccessTokenLifetime = (seconds: number | null) => post("/lifetimes", { accessTokenSeconds: seconds });
export const advanceClock = (seconds: number) => post("/clock", { advanceSeconds: seconds });
export const resetClock = () => post("/clock", { reset: true });
export const failNextTokenRequest = (rule: { grantType?: string; code: number; times?: number }) =>
  post("/faults", { endpoint: "token", ...rule });
export const clearFaults = () => call("/faults", { method: "DELETE" });
export const outbox = async () => (await call<{ value: OutboxMail[] }>("/outbox")).value;

/** A portal action (as the admin centre's forms post it). */
export async function portalAction(action: string, form: Record<string, string>): Promise<void> {
  const response = await fetch(`${requireIdentity().instance}/portal/${action}`, {
    method: "POST",
    body: new URLSearchParams(form),
    redirect: "manual",
  });
  if (response.status !== 303) throw new Error(`portal ${action} answered ${response.status}`);
}

/** Ids of the delegated permission grants the portal lists for a tenant, by their "Client → Resource" label. */
export async function permissionGrants(tenantId: string): Promise<Map<string, string>> {
  const page = await (await fetch(`${requireIdentity().instance}/portal?tenant=${tenantId}`)).text();
  const grants = new Map<string, string>();
  const form =
    /action="\/portal\/revoke-grant"><input type="hidden" name="tenant" value="[^"]+"><input type="hidden" name="id" value="([^"]+)"><button[^>]*>Revoke ([^<]+)<\/button>/g;
  for (const match of page.matchAll(form)) grants.set(match[2] ?? "", match[1] ?? "");
  return grants;
}

export interface SignedInUser {
  refreshToken: string;
  accessToken: string;
  tenantId: string;
  /** `${client_info.uid}.${client_info.utid}`, as next-auth's callback would compute it. */
  homeAccountId: string;
}

/** As if next-auth had redeemed a sign-in's code: the web app's tokens for a seeded user. */
export async function signIn(
  username: string,
  tenantId: string = SEEDED.contoso,
  scope?: string,
): Promise<SignedInUser> {
  const tokens = await passwordGrant({
    tenant: tenantId,
    username,
    scope: scope ?? `openid profile offline_access ${requireIdentity().api.scope}`,
  });
  if (!tokens.refresh_token || !tokens.client_info)
    throw new Error("the emulator returned no refresh token or client_info");
  const info = JSON.parse(Buffer.from(tokens.client_info, "base64url").toString("utf8")) as {
    uid: string;
    utid: string;
  };
  return {
    refreshToken: tokens.refresh_token,
    accessToken: tokens.access_token,
    tenantId,
    homeAccountId: `${info.uid}.${info.utid}`,
  };
}

export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

/**
 * Registers a seeded emulator tenant in our database (token caches reference `tenants`) unless
 * a test already did; the returned function removes it again only if this call created it.
 */
export async function registerSeededTenant(database: Db, tenantId: string, name: string): Promise<() => Promise<void>> {
  const existing = await database.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
  if (existing) return async () => {};
  await database.tenant.create({
    data: {
      id: tenantId,
      issuer: `${requireIdentity().instance}/${tenantId}/v2.0`,
      name,
      signedUpByOid: "00000000-0000-0000-0000-000000000000",
      signedUpByName: "Integration test",
      consentedAt: new Date(),
    },
  });
  return async () => {
    await database.tenant.deleteMany({ where: { id: tenantId } });
  };
}
