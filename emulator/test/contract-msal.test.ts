import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestEmulator, type TestEmulator } from "./support/emulator";
import { runClientScenario } from "./support/trusted-child";

interface Summary {
  fromCache: boolean;
  scopes: string[];
  tenantId: string;
  uniqueId: string;
  tokenType: string;
  account: {
    homeAccountId: string;
    environment: string;
    tenantId: string;
    username: string;
    localAccountId: string;
  } | null;
  idTokenClaims: Record<string, unknown>;
  accessTokenClaims: Record<string, unknown> | null;
}
type Captured = {
  error: {
    name: string;
    errorCode?: string;
    subError?: string;
    claims?: string;
    errorNo?: string;
    status?: number;
    message: string;
  };
};

interface MsalResult {
  authorizeQuery: string[];
  authResponse: string[];
  byCode: Summary;
  silentCached: Summary;
  silentRefreshed: Summary;
  silentGraph: Summary | Captured;
  byRefresh: Summary;
  silentAfterHandOver: Summary | null;
  obo: Summary;
  oboCached: Summary;
  appOnly: Summary;
  appOnlyCommon: Captured;
  appOnlyOtherTenant: Captured;
  mfa: Captured;
  badSecret: Captured;
  oboNotConsented: Captured;
}

describe("contract: @azure/msal-node (instance URL + knownAuthorities only)", () => {
  let t: TestEmulator;
  let result: MsalResult;
  const MEGAN = "4b89891e-4031-401f-a3d6-511a23adf38f";

  before(async () => {
    t = await startTestEmulator();
    const automation = t.emu.clients.automation;
    assert.ok(automation);
    result = await runClientScenario<MsalResult>("msal-flows.ts", t.emu, {
      instance: t.emu.url,
      hostPort: t.emu.hostPort,
      tenantId: t.tenantId("contoso.com"),
      otherTenantId: t.tenantId("fabrikam.com"),
      web: { ...t.emu.clients.web, redirectUri: t.emu.clients.web.redirectUris[0] },
      api: t.emu.clients.api,
      automation,
      account: "megan@contoso.com",
      testHooks: `${t.emu.url}/__test`,
    });
  });
  after(() => t.emu.stop());

  test("getAuthCodeUrl: the emulator accepts msal's parameters and answers with client_info", () => {
    for (const p of [
      "client_id",
      "scope",
      "redirect_uri",
      "client_info",
      "code_challenge",
      "code_challenge_method",
      "state",
      "nonce",
      "x-client-SKU",
      "client-request-id",
    ]) {
      assert.ok(result.authorizeQuery.includes(p), `msal sent ${p}`);
    }
    assert.deepEqual(result.authResponse, ["code", "client_info", "state", "session_state"]);
  });

  test("acquireTokenByCode: account keyed on oid.tid of the home tenant, environment = emulator host", () => {
    const contoso = t.tenantId("contoso.com");
    const { byCode } = result;
    assert.equal(byCode.fromCache, false);
    assert.equal(byCode.tokenType, "Bearer");
    assert.ok(byCode.scopes.includes(t.emu.clients.api.scope), "the response scope names the API scope as asked");
    assert.equal(byCode.tenantId, contoso);
    assert.equal(byCode.account?.homeAccountId, `${MEGAN}.${contoso}`);
    assert.equal(byCode.account?.environment, t.emu.hostPort);
    assert.equal(byCode.account?.username, "megan@contoso.com");
    assert.equal(byCode.idTokenClaims.aud, t.emu.clients.web.clientId);
    assert.equal(byCode.accessTokenClaims?.aud, t.emu.clients.api.clientId);
  });

  test("acquireTokenSilent: served from cache, then refreshed; other resources through the refresh token", () => {
    assert.equal(result.silentCached.fromCache, true);
    assert.equal(result.silentRefreshed.fromCache, false);
    assert.ok(result.silentRefreshed.scopes.includes(t.emu.clients.api.scope));
    assert.ok("fromCache" in result.silentGraph, JSON.stringify(result.silentGraph));
    if ("fromCache" in result.silentGraph)
      assert.equal(result.silentGraph.accessTokenClaims?.aud, "00000003-0000-0000-c000-000000000000");
  });

  test("acquireTokenByRefreshToken with forceCache, then silent from that cache (tenant authority)", () => {
    const contoso = t.tenantId("contoso.com");
    assert.equal(result.byRefresh.fromCache, false);
    assert.equal(result.byRefresh.account?.homeAccountId, `${MEGAN}.${contoso}`);
    assert.equal(result.silentAfterHandOver?.fromCache, true);
  });

  test("acquireTokenOnBehalfOf: a Graph token for the user, cached per assertion", () => {
    assert.equal(result.obo.fromCache, false);
    assert.equal(result.obo.accessTokenClaims?.aud, "https://graph.microsoft.com");
    assert.equal(result.obo.accessTokenClaims?.appid, t.emu.clients.api.clientId);
    assert.equal(result.obo.accessTokenClaims?.oid, MEGAN);
    assert.equal(result.oboCached.fromCache, true);
  });

  test("acquireTokenByClientCredential: roles of the tenant; /common refused by msal; no consent in another tenant", () => {
    assert.deepEqual(result.appOnly.accessTokenClaims?.roles, ["Surveys.ReadWrite.All"]);
    assert.equal(result.appOnly.accessTokenClaims?.idtyp, "app");
    assert.equal(
      result.appOnlyCommon.error.errorCode,
      "missing_tenant_id_error",
      "msal refuses client credentials on /common",
    );
    assert.equal(result.appOnlyOtherTenant.error.errorCode, "unauthorized_client");
    assert.equal(result.appOnlyOtherTenant.error.errorNo, "700016");
  });

  test("errors surface as msal's own types: claims challenge, consent, bad secret", () => {
    assert.equal(result.mfa.error.name, "InteractionRequiredAuthError");
    assert.equal(result.mfa.error.errorCode, "interaction_required");
    assert.equal(result.mfa.error.subError, "basic_action");
    assert.ok(result.mfa.error.claims && JSON.parse(result.mfa.error.claims).access_token);
    assert.equal(result.oboNotConsented.error.name, "InteractionRequiredAuthError");
    assert.equal(result.oboNotConsented.error.errorNo, "65001");
    assert.equal(result.oboNotConsented.error.subError, "consent_required");
    assert.equal(result.badSecret.error.name, "ServerError");
    assert.equal(result.badSecret.error.errorCode, "invalid_client");
    assert.equal(result.badSecret.error.errorNo, "7000215");
    assert.equal(result.badSecret.error.status, 401);
  });
});
