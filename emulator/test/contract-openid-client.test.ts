import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestEmulator, type TestEmulator } from "./support/emulator";
import { runClientScenario } from "./support/trusted-child";

interface Tokens {
  members: string[];
  claims: Record<string, unknown>;
  accessToken: Record<string, unknown> | null;
  hasRefreshToken: boolean;
  expiresIn: number;
  scope: string;
}
interface Captured {
  error: { name: string; message: string; errorCode?: string };
}
interface OpenIdClientResult {
  issuer: string;
  plainParams: string[];
  plain: Tokens;
  refreshed: Tokens;
  strict: Tokens;
  replay: Captured;
  commonIssuer: string;
  commonCallback: Captured | { ok: unknown };
}

describe("contract: openid-client 5 as next-auth 4 uses it (instance URL only)", () => {
  let t: TestEmulator;
  let result: OpenIdClientResult;
  before(async () => {
    t = await startTestEmulator();
    result = await runClientScenario<OpenIdClientResult>("openid-client-flows.ts", t.emu, {
      instance: t.emu.url,
      hostPort: t.emu.hostPort,
      tenantId: t.tenantId("contoso.com"),
      web: { ...t.emu.clients.web, redirectUri: t.emu.clients.web.redirectUris[0] },
      api: t.emu.clients.api,
      account: "adele@contoso.com",
      testHooks: `${t.emu.url}/__test`,
    });
  });
  after(() => t.emu.stop());

  test("discovery through next-auth's wellKnown URL (?appid=) gives the tenant issuer", () => {
    assert.equal(result.issuer, t.emu.issuerFor(t.tenantId("contoso.com")));
    assert.deepEqual(result.plainParams, ["code", "state", "session_state"]);
  });

  test("callback() validates the ID token (signature, iss, aud, state) with client_secret_basic", () => {
    const { plain } = result;
    assert.equal(plain.claims.iss, result.issuer);
    assert.equal(plain.claims.aud, t.emu.clients.web.clientId);
    assert.equal(plain.claims.email, "adele@contoso.com");
    assert.equal(plain.claims.name, "Adele Vance");
    assert.deepEqual(plain.claims.roles, ["SurveyCreator"]);
    assert.equal(plain.claims.nonce, undefined);
    assert.ok(plain.hasRefreshToken);
    assert.ok(plain.members.includes("ext_expires_in"), "Entra's extra members pass through");
  });

  test("refresh() gets a new ID token that passes the same validation", () => {
    assert.equal(result.refreshed.claims.oid, result.plain.claims.oid);
    assert.equal(result.refreshed.claims.sub, result.plain.claims.sub, "pairwise sub is stable");
    assert.ok(result.refreshed.hasRefreshToken);
  });

  test("PKCE + nonce + form_post pass openid-client's checks", () => {
    assert.equal(typeof result.strict.claims.nonce, "string");
    assert.equal(result.strict.claims.tid, t.tenantId("contoso.com"));
  });

  test("a replayed code is refused with Entra's AADSTS54005", () => {
    assert.equal(result.replay.error.name, "OPError");
    assert.match(result.replay.error.message, /^invalid_grant \(AADSTS54005: /);
  });

  test("/common publishes the {tenantid} template, which openid-client only resolves for Microsoft's host", () => {
    assert.equal(result.commonIssuer, `${t.emu.url}/{tenantid}/v2.0`);
    assert.ok("error" in result.commonCallback);
    if ("error" in result.commonCallback) assert.match(result.commonCallback.error.message, /unexpected iss value/);
  });
});
