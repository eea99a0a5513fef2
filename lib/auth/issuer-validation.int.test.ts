// Issuer validation against real tokens from the emulator, including ones it breaks on purpose
// (test hook), and the tenant registry on the real database.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { db, disconnectDb } from "@/lib/db";
import { requireIdentity } from "@/lib/env";
import { emulator, passwordGrant, SEEDED } from "@/test/support/entra";
import {
  admitTenant,
  CONSUMERS_TENANT_ID,
  issuerV2,
  TenantRefusedError,
  TokenRejectedError,
  type TokenRejection,
  verifyEntraToken,
} from "./issuer-validation";

const OIDC = "openid profile email offline_access";

async function idTokenFor(username = "adele@contoso.com", tenant: string = SEEDED.contoso): Promise<string> {
  const tokens = await passwordGrant({ tenant, username, scope: OIDC });
  assert.ok(tokens.id_token, "the emulator returned an ID token");
  return tokens.id_token;
}

async function rejection(promise: Promise<unknown>): Promise<TokenRejection> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TokenRejectedError, `expected TokenRejectedError, got ${String(error)}`);
    return error.reason;
  }
  assert.fail("the token was accepted");
}

const webAudience = () => requireIdentity().web.clientId;

describe("verifyEntraToken", () => {
  after(() => emulator.reset());

  test("accepts a genuine ID token and reports its tenant, user and version", async () => {
    const verified = await verifyEntraToken(await idTokenFor(), { audience: webAudience(), nonce: null });
    assert.equal(verified.tenantId, SEEDED.contoso);
    assert.equal(verified.oid, "18eba0d6-b37d-426c-8e72-1e71693b0415");
    assert.equal(verified.version, "2.0");
    assert.equal(verified.claims.iss, issuerV2(SEEDED.contoso));
  });

  const broken: [string, TokenRejection][] = [
    ["wrong-signature", "signature"],
    ["wrong-audience", "audience"],
    ["expired", "expired"],
    ["wrong-nonce", "nonce"],
    ["foreign-issuer", "issuer"],
    ["unknown-kid", "unknown_key"],
    ["alg-none", "algorithm"],
  ];
  for (const [kind, reason] of broken) {
    test(`refuses an ID token with ${kind} (${reason})`, async () => {
      await emulator.tamperNextIdToken(kind);
      const token = await idTokenFor();
      assert.equal(await rejection(verifyEntraToken(token, { audience: webAudience(), nonce: null })), reason);
    });
  }

  test("a nonce that was sent must come back, and one that was not must not appear", async () => {
    const token = await idTokenFor();
    assert.equal(await rejection(verifyEntraToken(token, { audience: webAudience(), nonce: "sent-one" })), "nonce");
  });

  test("a token for another audience is refused (the API's access token is not an ID token)", async () => {
    const tokens = await passwordGrant({
      tenant: SEEDED.contoso,
      username: "adele@contoso.com",
      scope: `${requireIdentity().api.scope} offline_access`,
    });
    assert.equal(await rejection(verifyEntraToken(tokens.access_token, { audience: webAudience() })), "audience");
    const asApi = await verifyEntraToken(tokens.access_token, { audience: requireIdentity().api.clientId });
    assert.equal(asApi.tenantId, SEEDED.contoso);
  });

  test("garbage and a tid that is not a GUID are refused before any key is fetched", async () => {
    assert.equal(await rejection(verifyEntraToken("not-a-jwt", { audience: webAudience() })), "malformed");
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const forged = `${encode({ alg: "RS256", kid: "x" })}.${encode({ tid: "common", ver: "2.0" })}.c2ln`;
    assert.equal(await rejection(verifyEntraToken(forged, { audience: webAudience() })), "tenant_id");
  });
});

describe("admitTenant", () => {
  const active = randomUUID();
  const offboarded = randomUUID();

  before(async () => {
    const base = { issuer: "x", signedUpByOid: randomUUID(), signedUpByName: "Admin", consentedAt: new Date() };
    await db().tenant.create({ data: { ...base, id: active, name: "Active" } });
    await db().tenant.create({ data: { ...base, id: offboarded, name: "Gone", status: "OFFBOARDED" } });
  });

  after(async () => {
    await db().tenant.deleteMany({ where: { id: { in: [active, offboarded] } } });
    await disconnectDb();
  });

  test("admits a registered, active tenant", async () => {
    assert.equal((await admitTenant(active)).name, "Active");
  });

  test("refuses unregistered and offboarded tenants, each with its reason", async () => {
    const reason = (tenantId: string) =>
      admitTenant(tenantId).then(
        () => "admitted",
        (error: unknown) => (error instanceof TenantRefusedError ? error.reason : "other"),
      );
    assert.equal(await reason(randomUUID()), "unregistered_tenant");
    assert.equal(await reason(offboarded), "offboarded_tenant");
    assert.equal(await reason(CONSUMERS_TENANT_ID), "personal_account");
  });
});
