import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, beforeEach, describe, test } from "node:test";
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import { GRAPH_APP_ID } from "../directory/graph-resource";
import * as recorded from "./fixtures/entra-recorded";
import { decodeJwtHeader, decodeJwtPayload } from "./support/browser";
import { signInForCode, startTestEmulator, type TestEmulator } from "./support/emulator";

const MEGAN = "4b89891e-4031-401f-a3d6-511a23adf38f";
const LEE_HOME = "3bed7427-5cbd-4311-a94b-05e715699fd3";
const LEE_GUEST_IN_CONTOSO = "f2224be2-abdf-4ed6-bc2a-68421845d898";

/** Every claim name the protocol document shows in an Entra token. */
const DOCUMENTED_CLAIMS = new Set([
  ...recorded.v2IdTokenClaims,
  ...recorded.v2AccessTokenClaims,
  ...recorded.v1GraphDelegatedClaims,
  ...recorded.v1AppOnlyClaims,
  "idp",
  "idtyp",
  "sid",
  "roles",
  "wids",
  "tenant_region_scope",
  "aio",
]);

function assertEnvelope(body: Record<string, unknown>, code: number, error: string): void {
  const keys = Object.keys(body);
  assert.deepEqual(keys.slice(0, recorded.errorEnvelopeMembers.length), recorded.errorEnvelopeMembers);
  assert.equal(body.error, error);
  assert.deepEqual(body.error_codes, [code]);
  assert.match(
    String(body.error_description),
    new RegExp(
      `^AADSTS${code}: .+\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: [0-9a-f-]{36}\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`,
      "s",
    ),
  );
  assert.match(String(body.timestamp), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  assert.ok(String(body.error_uri).endsWith(`/error?code=${code}`));
  assert.doesNotMatch(JSON.stringify(body), /\.ts:\d+|at [A-Za-z]+ \(/, "no stack trace");
}

describe("/oauth2/v2.0/token", () => {
  let t: TestEmulator;
  let jwks: ReturnType<typeof createLocalJWKSet>;
  let web: { client_id: string; client_secret: string };
  let api: { client_id: string; client_secret: string };
  before(async () => {
    t = await startTestEmulator();
    web = { client_id: t.emu.clients.web.clientId, client_secret: t.emu.clients.web.clientSecret };
    api = { client_id: t.emu.clients.api.clientId, client_secret: t.emu.clients.api.clientSecret };
    jwks = createLocalJWKSet((await t.call("/common/discovery/v2.0/keys")).json<JSONWebKeySet>());
  });
  beforeEach(() => t.emu.testHooks?.reset());
  after(() => t.emu.stop());

  async function redeem(options: {
    account: string;
    scope?: string;
    extra?: Record<string, string>;
    form?: Record<string, string>;
    tenant?: string;
  }) {
    const { code, redirectUri } = await signInForCode(t, {
      account: options.account,
      scope: options.scope,
      extra: options.extra,
      tenant: options.tenant,
    });
    return t.token(options.tenant ?? "common", {
      grant_type: "authorization_code",
      ...web,
      code,
      redirect_uri: redirectUri,
      ...options.form,
    });
  }

  test("authorization_code: msal's response members, v2 ID token, v2 API access token", async () => {
    const res = await redeem({
      account: "megan@contoso.com",
      extra: { nonce: "n-42" },
      form: { client_info: "1", scope: `${t.emu.clients.api.scope} openid profile offline_access` },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers["cache-control"], "no-store, no-cache");
    const body = res.json();
    assert.deepEqual(Object.keys(body), recorded.userTokenResponseMembers);
    assert.equal(body.token_type, "Bearer");
    assert.equal(typeof body.expires_in, "number");
    assert.ok(Number(body.expires_in) >= 3600 && Number(body.expires_in) <= 5400, "60–90 minutes");
    assert.equal(body.ext_expires_in, body.expires_in);
    assert.equal(
      body.scope,
      `openid profile email ${t.emu.clients.api.scope}`,
      "the grant's OIDC scopes, then the resource's",
    );
    const contoso = t.tenantId("contoso.com");
    assert.deepEqual(JSON.parse(Buffer.from(String(body.client_info), "base64url").toString()), {
      uid: MEGAN,
      utid: contoso,
    });

    const idToken = String(body.id_token);
    assert.deepEqual(Object.keys(decodeJwtHeader(idToken)), ["typ", "alg", "kid"]);
    const { payload: id } = await jwtVerify(idToken, jwks, {
      issuer: t.emu.issuerFor(contoso),
      audience: web.client_id,
    });
    for (const claim of Object.keys(id)) assert.ok(DOCUMENTED_CLAIMS.has(claim), `documented claim ${claim}`);
    assert.equal(id.nonce, "n-42");
    assert.equal(id.ver, "2.0");
    assert.equal(id.tid, contoso);
    assert.equal(id.oid, MEGAN);
    assert.equal(id.preferred_username, "megan@contoso.com");
    assert.equal(id.name, "Megan Bowen");
    assert.match(String(id.sub), /^[\w-]{43}$/);
    assert.match(String(id.uti), /^[\w-]{22}$/);
    assert.deepEqual(id.roles, ["SurveyAdmin"]);
    assert.equal(id.exp, Number(id.iat) + 3600);
    assert.equal(id.azp, undefined, "no azp in ID tokens");
    assert.equal(id.c_hash, undefined);

    const { payload: at } = await jwtVerify(String(body.access_token), jwks, {
      issuer: t.emu.issuerFor(contoso),
      audience: api.client_id,
    });
    for (const claim of recorded.v2AccessTokenClaims) assert.ok(claim in at, `v2 access token has ${claim}`);
    assert.equal(at.azp, web.client_id);
    assert.equal(at.azpacr, "1");
    assert.equal(at.scp, "Surveys.ReadWrite");
    assert.deepEqual(at.roles, ["SurveyAdmin"]);
    assert.notEqual(at.sub, id.sub, "sub is pairwise per application");
    assert.equal(at.exp, Number(at.iat) + Number(body.expires_in));
  });

  test("no nonce claim unless a nonce was sent; no refresh token without offline_access", async () => {
    const res = await redeem({ account: "adele@contoso.com", scope: "openid profile" });
    const body = res.json();
    assert.equal(body.refresh_token, undefined);
    assert.equal(body.client_info, undefined, "client_info only when asked for");
    assert.equal(decodeJwtPayload(String(body.id_token)).nonce, undefined);
  });

  test("an OIDC-only sign-in gets a v1 Graph token with Graph's header nonce", async () => {
    const body = (await redeem({ account: "adele@contoso.com", scope: "openid profile email" })).json();
    assert.equal(body.scope, "openid profile email User.Read");
    const token = String(body.access_token);
    assert.deepEqual(Object.keys(decodeJwtHeader(token)), ["typ", "nonce", "alg", "x5t", "kid"]);
    const claims = decodeJwtPayload(token);
    assert.equal(claims.aud, GRAPH_APP_ID);
    assert.equal(claims.ver, "1.0");
    assert.equal(claims.iss, `${t.emu.url}/${t.tenantId("contoso.com")}/`);
    assert.equal(claims.upn, "adele@contoso.com");
    assert.equal(claims.appid, web.client_id);
    assert.deepEqual(String(claims.scp).split(" ").sort(), ["User.Read", "email", "openid", "profile"]);
    for (const claim of recorded.v1GraphDelegatedClaims) assert.ok(claim in claims, `v1 token has ${claim}`);
    await assert.rejects(jwtVerify(token, jwks), "like Entra's, Graph tokens do not validate for third parties");
  });

  test("client_secret_basic (openid-client's default) works; conflicting ids do not", async () => {
    const { code, redirectUri } = await signInForCode(t, { account: "adele@contoso.com" });
    const basic = `Basic ${Buffer.from(`${encodeURIComponent(web.client_id)}:${encodeURIComponent(web.client_secret)}`).toString("base64")}`;
    const res = await t.token(
      "common",
      { grant_type: "authorization_code", code, redirect_uri: redirectUri },
      { headers: { authorization: basic } },
    );
    assert.equal(res.status, 200);
    const conflict = await t.token(
      "common",
      { grant_type: "refresh_token", client_id: api.client_id, refresh_token: "x" },
      { headers: { authorization: basic } },
    );
    assertEnvelope(conflict.json(), 9002313, "invalid_request");
  });

  test("PKCE: S256 and plain verify; a missing or wrong verifier is AADSTS501481", async () => {
    const verifier = "ThisIsntRandomButItNeedsToBe43CharactersLong-x";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const ok = await redeem({
      account: "adele@contoso.com",
      extra: { code_challenge: challenge, code_challenge_method: "S256" },
      form: { code_verifier: verifier },
    });
    assert.equal(ok.status, 200);
    const plain = await redeem({
      account: "adele@contoso.com",
      extra: { code_challenge: verifier },
      form: { code_verifier: verifier },
    });
    assert.equal(plain.status, 200, "method defaults to plain");
    const missing = await redeem({
      account: "adele@contoso.com",
      extra: { code_challenge: challenge, code_challenge_method: "S256" },
    });
    assertEnvelope(missing.json(), 501481, "invalid_grant");
    const wrong = await redeem({
      account: "adele@contoso.com",
      extra: { code_challenge: challenge, code_challenge_method: "S256" },
      form: { code_verifier: `${verifier}y` },
    });
    assertEnvelope(wrong.json(), 501481, "invalid_grant");
  });

  test("codes are single use (54005), expire after ~10 minutes (70008), bind redirect URI (500112) and tenant (700005)", async () => {
    const first = await signInForCode(t, { account: "adele@contoso.com" });
    const form = { grant_type: "authorization_code", ...web, code: first.code, redirect_uri: first.redirectUri };
    assert.equal((await t.token("common", form)).status, 200);
    const replay = await t.token("common", form);
    assert.equal(replay.status, 400);
    assertEnvelope(replay.json(), 54005, "invalid_grant");
    assert.match(
      String(replay.json().error_description),
      /^AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token\./,
    );

    const second = await signInForCode(t, { account: "adele@contoso.com" });
    t.emu.testHooks?.advanceClock(601);
    assertEnvelope((await t.token("common", { ...form, code: second.code })).json(), 70008, "invalid_grant");
    t.emu.testHooks?.resetClock();

    const third = await signInForCode(t, { account: "adele@contoso.com" });
    const mismatch = await t.token("common", { ...form, code: third.code, redirect_uri: "http://localhost:3000/" });
    assertEnvelope(mismatch.json(), 500112, "invalid_grant");
    const fourth = await signInForCode(t, { account: "adele@contoso.com" });
    assertEnvelope(
      (await t.token(t.tenantId("fabrikam.com"), { ...form, code: fourth.code })).json(),
      700005,
      "invalid_grant",
    );
    assertEnvelope((await t.token("common", { ...form, code: "garbage" })).json(), 70000, "invalid_grant");
  });

  test("refresh_token rotates, the old one stays valid, and it works across resources and tenants", async () => {
    const first = (await redeem({ account: "lee@fabrikam.com" })).json();
    const rt1 = String(first.refresh_token);
    const refresh = (rt: string, tenant = "common", extra: Record<string, string> = {}) =>
      t.token(tenant, { grant_type: "refresh_token", ...web, refresh_token: rt, ...extra });
    const second = (
      await refresh(rt1, "common", {
        client_info: "1",
        scope: `${t.emu.clients.api.scope} openid profile offline_access`,
      })
    ).json();
    assert.deepEqual(Object.keys(second), recorded.userTokenResponseMembers);
    assert.notEqual(second.refresh_token, rt1, "a new refresh token every time");
    assert.equal((await refresh(rt1)).status, 200, "the old refresh token is not revoked");

    const graph = (await refresh(rt1, "common", { scope: "https://graph.microsoft.com/User.Read" })).json();
    assert.equal(
      decodeJwtPayload(String(graph.access_token)).aud,
      "https://graph.microsoft.com",
      "v1 aud as the request named it",
    );
    assert.deepEqual(
      String(graph.scope).split(" ").sort(),
      ["email", "https://graph.microsoft.com/User.Read", "openid", "profile"],
      "all granted Graph scopes, named as asked",
    );

    const contoso = t.tenantId("contoso.com");
    const asGuest = (
      await refresh(rt1, contoso, {
        scope: `${t.emu.clients.api.scope} openid profile offline_access`,
        client_info: "1",
      })
    ).json();
    const guestClaims = decodeJwtPayload(String(asGuest.access_token));
    assert.equal(guestClaims.tid, contoso);
    assert.equal(guestClaims.oid, LEE_GUEST_IN_CONTOSO, "another oid in the other tenant");
    assert.equal(guestClaims.idp, `${t.emu.url}/${t.tenantId("fabrikam.com")}/`);
    assert.deepEqual(JSON.parse(Buffer.from(String(asGuest.client_info), "base64url").toString()), {
      uid: LEE_HOME,
      utid: t.tenantId("fabrikam.com"),
    });

    const nowhere = await refresh(rt1, t.tenantId("northwindtraders.com"));
    assertEnvelope(nowhere.json(), 50020, "invalid_grant");
  });

  test("refresh tokens expire after 90 days unused: AADSTS700082 as recorded", async () => {
    const { refresh_token } = (await redeem({ account: "adele@contoso.com" })).json();
    t.emu.testHooks?.advanceClock(91 * 86_400);
    const res = await t.token("common", { grant_type: "refresh_token", ...web, refresh_token: String(refresh_token) });
    const body = res.json();
    assert.deepEqual(Object.keys(body), Object.keys(recorded.refreshTokenExpiredError));
    assertEnvelope(body, 700082, "invalid_grant");
    assert.match(
      String(body.error_description),
      /^AADSTS700082: The refresh token has expired due to inactivity\. The token was issued on \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z and was inactive for 90\.00:00:00\./,
    );
  });

  test("a revoked consent makes refresh fail with AADSTS65001", async () => {
    const { refresh_token } = (await redeem({ account: "adele@contoso.com" })).json();
    const contoso = t.tenantId("contoso.com");
    for (const grant of [...t.emu.directory.grantsOf(contoso)]) {
      if (grant.clientAppId === web.client_id) t.emu.directory.revokeGrant(contoso, grant.id);
    }
    const res = await t.token("common", {
      grant_type: "refresh_token",
      ...web,
      refresh_token: String(refresh_token),
      scope: t.emu.clients.api.scope,
    });
    assertEnvelope(res.json(), 65001, "invalid_grant");
  });

  test("client_credentials: .default, roles granted in that tenant, recorded response shape", async () => {
    const automation = t.emu.clients.automation;
    assert.ok(automation);
    const cc = {
      grant_type: "client_credentials",
      client_id: automation.clientId,
      client_secret: automation.clientSecret,
    };
    const contoso = t.tenantId("contoso.com");
    const res = await t.token(contoso, { ...cc, scope: `${t.emu.clients.api.appIdUri}/.default` });
    assert.equal(res.status, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body), Object.keys(recorded.appTokenResponse));
    const { payload } = await jwtVerify(String(body.access_token), jwks, {
      issuer: t.emu.issuerFor(contoso),
      audience: api.client_id,
    });
    assert.deepEqual(payload.roles, ["Surveys.ReadWrite.All"]);
    assert.equal(payload.idtyp, "app");
    assert.equal(payload.sub, payload.oid);
    assert.equal(payload.oid, t.emu.directory.servicePrincipal(contoso, automation.clientId)?.objectId);
    assert.equal(payload.scp, undefined);

    const graph = decodeJwtPayload(
      String((await t.token(contoso, { ...cc, scope: "https://graph.microsoft.com/.default" })).json().access_token),
    );
    assert.deepEqual(
      Object.keys(graph).filter((k) => !recorded.v1AppOnlyClaims.includes(k)),
      [],
      "only documented app-only claims",
    );
    assert.deepEqual(graph.roles, ["User.Read.All", "Organization.Read.All"]);

    assertEnvelope(
      (await t.token("common", { ...cc, scope: "https://graph.microsoft.com/.default" })).json(),
      9001023,
      "unsupported_grant_type",
    );
    assertEnvelope(
      (await t.token(t.tenantId("fabrikam.com"), { ...cc, scope: "https://graph.microsoft.com/.default" })).json(),
      700016,
      "unauthorized_client",
    );
    const badScope = await t.token(contoso, { ...cc, scope: "https://graph.microsoft.com/User.Read.All" });
    assertEnvelope(badScope.json(), 70011, "invalid_scope");
    assert.deepEqual(Object.keys(badScope.json()).slice(0, 6), Object.keys(recorded.invalidScopeError).slice(0, 6));
    assertEnvelope(
      (await t.token(contoso, { ...cc, scope: "https://foo.example/.default" })).json(),
      500011,
      "invalid_resource",
    );
  });

  test("on-behalf-of: the API trades the user's token for Graph; no ID token", async () => {
    const signIn = (
      await redeem({
        account: "megan@contoso.com",
        form: { scope: `${t.emu.clients.api.scope} openid offline_access` },
      })
    ).json();
    const obo = {
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      ...api,
      requested_token_use: "on_behalf_of",
      assertion: String(signIn.access_token),
      scope: "https://graph.microsoft.com/User.ReadBasic.All https://graph.microsoft.com/Mail.Send offline_access",
      client_info: "1",
    };
    const contoso = t.tenantId("contoso.com");
    const res = await t.token(contoso, obo);
    assert.equal(res.status, 200, res.text);
    const body = res.json();
    assert.deepEqual(Object.keys(body), [...recorded.oboTokenResponseMembers, "client_info"]);
    const claims = decodeJwtPayload(String(body.access_token));
    assert.equal(claims.aud, "https://graph.microsoft.com");
    assert.equal(claims.appid, api.client_id);
    assert.equal(claims.oid, MEGAN);
    assert.ok(String(claims.scp).split(" ").includes("Mail.Send"));

    assertEnvelope((await t.token(contoso, { ...obo, assertion: "not-a-jwt" })).json(), 50027, "invalid_request");
    assertEnvelope(
      (await t.token(contoso, { ...obo, assertion: String(signIn.id_token) })).json(),
      50013,
      "invalid_grant",
    );
    const wrongAudience = await t.token(contoso, { ...obo, ...web });
    assertEnvelope(wrongAudience.json(), 50013, "invalid_grant");
    assert.match(
      String(wrongAudience.json().error_description),
      /Assertion audience does not match the Client app presenting the assertion/,
    );

    for (const grant of [...t.emu.directory.grantsOf(contoso)]) {
      if (grant.clientAppId === api.client_id) t.emu.directory.revokeGrant(contoso, grant.id);
    }
    const noConsent = await t.token(contoso, obo);
    assertEnvelope(noConsent.json(), 65001, "invalid_grant");
    assert.equal(noConsent.json().suberror, "consent_required");

    t.emu.testHooks?.advanceClock(2 * 3600);
    assertEnvelope((await t.token(contoso, obo)).json(), 500133, "invalid_grant");
  });

  test("an ID token is not an on-behalf-of assertion: AADSTS240002", async () => {
    // An ID token whose audience is the API itself (the API signing a user in).
    t.emu.directory.consent({
      tenantId: t.tenantId("contoso.com"),
      clientAppId: api.client_id,
      consentType: "AllPrincipals",
      delegated: [{ resourceAppId: GRAPH_APP_ID, scopes: ["openid", "profile"] }],
    });
    const ropc = await t.token("organizations", {
      grant_type: "password",
      ...api,
      username: "megan@contoso.com",
      password: "Passw0rd!",
      scope: "openid profile",
    });
    assert.equal(ropc.status, 200, ropc.text);
    const idToken = String(ropc.json().id_token);
    const res = await t.token("organizations", {
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      ...api,
      requested_token_use: "on_behalf_of",
      assertion: idToken,
      scope: "https://graph.microsoft.com/User.Read",
    });
    assertEnvelope(res.json(), 240002, "invalid_grant");
  });

  test("resource-owner password: tokens for test automation; 50126, 50034, 65001", async () => {
    const form = {
      grant_type: "password",
      ...web,
      username: "adele@contoso.com",
      password: "Passw0rd!",
      scope: `openid profile offline_access ${t.emu.clients.api.scope}`,
    };
    const res = await t.token("organizations", form);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      Object.keys(res.json()),
      recorded.userTokenResponseMembers.filter((m) => m !== "client_info"),
    );
    assertEnvelope((await t.token("organizations", { ...form, password: "wrong" })).json(), 50126, "invalid_grant");
    assertEnvelope(
      (await t.token("organizations", { ...form, username: "nobody@contoso.com" })).json(),
      50034,
      "invalid_grant",
    );
    assertEnvelope(
      (await t.token("organizations", { ...form, username: "patti@northwindtraders.com" })).json(),
      65001,
      "invalid_grant",
    );
  });

  test("client errors: 700016, 7000215 (401, as recorded), 7000218, 70003, 901002, 900144, assertions", async () => {
    const unknown = await t.token("common", {
      grant_type: "client_credentials",
      client_id: "00000000-1111-2222-3333-444444444444",
      client_secret: "x",
      scope: "https://graph.microsoft.com/.default",
    });
    assert.equal(unknown.status, 400);
    assertEnvelope(unknown.json(), 700016, "unauthorized_client");

    const badSecret = await t.token("organizations", {
      grant_type: "refresh_token",
      client_id: web.client_id,
      client_secret: "wrong-secret",
      refresh_token: "x",
    });
    assert.equal(badSecret.status, 401);
    assert.deepEqual(Object.keys(badSecret.json()), Object.keys(recorded.invalidClientSecretError));
    assertEnvelope(badSecret.json(), 7000215, "invalid_client");
    assert.match(
      String(badSecret.json().error_description),
      new RegExp(`for a secret added to app '${web.client_id}'\\.`),
    );

    const noSecret = await t.token("organizations", {
      grant_type: "refresh_token",
      client_id: web.client_id,
      refresh_token: "x",
    });
    assert.equal(noSecret.status, 401);
    assertEnvelope(noSecret.json(), 7000218, "invalid_client");

    assertEnvelope((await t.token("common", { grant_type: "magic", ...web })).json(), 70003, "unsupported_grant_type");
    assertEnvelope(
      (
        await t.token("common", { grant_type: "client_credentials", ...web, resource: "https://graph.microsoft.com" })
      ).json(),
      901002,
      "invalid_request",
    );
    assertEnvelope((await t.token("common", { ...web })).json(), 900144, "invalid_request");
    const json = await t.call("/common/oauth2/v2.0/token", {
      body: JSON.stringify({ grant_type: "password" }),
      headers: { "content-type": "application/json" },
    });
    assertEnvelope(json.json(), 900144, "invalid_request");
    const assertion = {
      grant_type: "client_credentials",
      client_id: web.client_id,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      scope: "https://graph.microsoft.com/.default",
    };
    assertEnvelope(
      (await t.token(t.tenantId("contoso.com"), { ...assertion, client_assertion: "e30.e30" })).json(),
      50027,
      "invalid_request",
    );
    assertEnvelope(
      (
        await t.token(t.tenantId("contoso.com"), { ...assertion, client_assertion: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln" })
      ).json(),
      700027,
      "invalid_client",
    );
    assertEnvelope((await t.token("nowhere.example", { grant_type: "password" })).json(), 90002, "invalid_request");
  });

  test("test hooks force AADSTS50076 with a claims challenge (interaction_required, as recorded)", async () => {
    const { refresh_token } = (await redeem({ account: "adele@contoso.com" })).json();
    t.emu.testHooks?.failNext({ endpoint: "token", grantType: "refresh_token", code: 50076 });
    const res = await t.token("common", { grant_type: "refresh_token", ...web, refresh_token: String(refresh_token) });
    const body = res.json();
    assert.deepEqual(Object.keys(body), [...Object.keys(recorded.mfaRequiredError), "claims"]);
    assertEnvelope(body, 50076, "interaction_required");
    assert.equal(body.suberror, "basic_action");
    assert.ok(JSON.parse(String(body.claims)).access_token, "a claims challenge for the access token");
    assert.equal(
      (await t.token("common", { grant_type: "refresh_token", ...web, refresh_token: String(refresh_token) })).status,
      200,
      "only once",
    );

    t.emu.testHooks?.failNext({ endpoint: "token", grantType: "password", code: 50076 });
    const ropc = await t.token("organizations", {
      grant_type: "password",
      ...web,
      username: "adele@contoso.com",
      password: "Passw0rd!",
      scope: "openid",
    });
    assertEnvelope(ropc.json(), 50076, "invalid_grant");

    const hooks = await t.call("/__test/faults", {
      body: JSON.stringify({ endpoint: "token", code: 70008 }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(hooks.status, 200);
    assertEnvelope(
      (await t.token("common", { grant_type: "refresh_token", ...web, refresh_token: String(refresh_token) })).json(),
      70008,
      "invalid_grant",
    );
  });
});
