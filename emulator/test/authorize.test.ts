import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import * as recorded from "./fixtures/entra-recorded";
import { decodeEntities } from "./support/browser";
import { signInForCode, startTestEmulator, type TestEmulator } from "./support/emulator";

describe("/oauth2/v2.0/authorize", () => {
  let t: TestEmulator;
  let web: { clientId: string; redirect: string };
  before(async () => {
    t = await startTestEmulator();
    web = { clientId: t.emu.clients.web.clientId, redirect: t.emu.clients.web.redirectUris[0] ?? "" };
  });
  beforeEach(() => t.emu.testHooks?.reset());
  after(() => t.emu.stop());

  const authorize = (tenant: string, extra: Record<string, string> = {}) =>
    t.authorizeUrl(tenant, {
      client_id: web.clientId,
      response_type: "code",
      redirect_uri: web.redirect,
      scope: "openid profile email offline_access",
      state: "s1",
      ...extra,
    });

  test("answers code, client_info, state, session_state in Entra's order and never iss", async () => {
    const browser = t.browser();
    const result = await browser.run(authorize("common", { client_info: "1", nonce: "n-1" }), {
      account: "megan@contoso.com",
    });
    assert.equal(result.kind, "redirect");
    if (result.kind !== "redirect") return;
    assert.equal(result.mode, "query");
    assert.equal(`${result.url.origin}${result.url.pathname}`, web.redirect);
    const realOrder = [...new URL(recorded.authorizationResponse).searchParams.keys()];
    assert.deepEqual([...result.params.keys()], realOrder);
    assert.equal(result.params.get("iss"), null);
    assert.equal(result.params.get("state"), "s1");
    assert.match(result.params.get("session_state") ?? "", /^[0-9a-f-]{36}$/);
    const info = JSON.parse(Buffer.from(result.params.get("client_info") ?? "", "base64url").toString());
    assert.deepEqual(info, { uid: "4b89891e-4031-401f-a3d6-511a23adf38f", utid: t.tenantId("contoso.com") });
  });

  test("form_post posts the same members, as an auto-submitting form", async () => {
    const result = await t
      .browser()
      .run(authorize("organizations", { response_mode: "form_post" }), { account: "adele@contoso.com" });
    assert.equal(result.kind === "redirect" && result.mode, "form_post");
    if (result.kind !== "redirect") return;
    assert.deepEqual([...result.params.keys()], ["code", "state", "session_state"]);
  });

  test("accepts POST to /authorize (form-encoded parameters)", async () => {
    const browser = t.browser();
    const params = new URL(authorize("common")).searchParams;
    const res = await browser.post(`${t.emu.url}/common/oauth2/v2.0/authorize`, Object.fromEntries(params));
    assert.equal(res.status, 200);
    assert.match(res.text, /<h1>Sign in<\/h1>/);
  });

  test("the session signs the user in silently next time; prompt=none works with it and fails without", async () => {
    const { browser } = await signInForCode(t, { account: "adele@contoso.com" });
    const again = await browser.run(authorize("common"));
    assert.equal(again.kind, "redirect", "single sign-on without a page");
    const silent = await browser.run(authorize("common", { prompt: "none" }));
    assert.ok(silent.kind === "redirect" && silent.params.get("code"));

    const fresh = await t.browser().run(authorize("common", { prompt: "none" }));
    assert.equal(fresh.kind, "redirect");
    if (fresh.kind !== "redirect") return;
    assert.equal(fresh.params.get("error"), "login_required");
    assert.match(
      fresh.params.get("error_description") ?? "",
      /^AADSTS50058: .*\r\nTrace ID: .*\r\nCorrelation ID: .*\r\nTimestamp: /s,
    );
    assert.equal(fresh.params.get("state"), "s1");
  });

  test("prompt=login and prompt=select_account show the page despite a session", async () => {
    const { browser } = await signInForCode(t, { account: "adele@contoso.com" });
    const login = await browser.run(authorize("common", { prompt: "login" }));
    assert.equal(login.kind === "page" && login.page, "sign-in");
    const select = await browser.run(authorize("common", { prompt: "select_account" }));
    assert.equal(select.kind === "page" && select.page, "sign-in");
    if (select.kind === "page") {
      assert.match(select.html, /<h1>Pick an account<\/h1>/);
      assert.match(select.html, /aria-label="Adele Vance \(adele@contoso.com\)"/);
    }
  });

  test("login_hint pre-fills the page and picks the matching session account", async () => {
    const page = await t.browser().run(authorize("common", { login_hint: "alex@contoso.com" }));
    assert.ok(page.kind === "page" && /value="alex@contoso.com"/.test(page.html));
    const { browser } = await signInForCode(t, { account: "adele@contoso.com" });
    await signInForCode(t, { account: "megan@contoso.com", browser, extra: { prompt: "login" } });
    const hinted = await browser.run(authorize("common", { login_hint: "adele@contoso.com", client_info: "1" }));
    assert.equal(hinted.kind, "redirect");
    if (hinted.kind === "redirect") {
      const info = JSON.parse(Buffer.from(hinted.params.get("client_info") ?? "", "base64url").toString());
      assert.equal(info.uid, "18eba0d6-b37d-426c-8e72-1e71693b0415");
    }
    const ambiguous = await browser.run(authorize("common", { prompt: "none" }));
    assert.equal(ambiguous.kind === "redirect" && ambiguous.params.get("error"), "interaction_required");
  });

  test("domain_hint narrows the offered accounts to that organization", async () => {
    const page = await t.browser().run(authorize("common", { domain_hint: "fabrikam.com" }));
    assert.equal(page.kind, "page");
    if (page.kind !== "page") return;
    assert.match(page.html, /Diego Siciliani/);
    assert.doesNotMatch(page.html, /Megan Bowen/);
  });

  test("a guest signs in to the other tenant with that tenant's oid; a stranger gets AADSTS50020", async () => {
    const contoso = t.tenantId("contoso.com");
    const guest = await t.browser().run(authorize(contoso, { client_info: "1" }), { account: "lee@fabrikam.com" });
    assert.equal(guest.kind, "redirect");
    if (guest.kind === "redirect") {
      const info = JSON.parse(Buffer.from(guest.params.get("client_info") ?? "", "base64url").toString());
      assert.deepEqual(
        info,
        { uid: "3bed7427-5cbd-4311-a94b-05e715699fd3", utid: t.tenantId("fabrikam.com") },
        "client_info names the home account",
      );
    }
    const stranger = await t.browser().run(authorize(contoso), { account: "diego@fabrikam.com" });
    assert.equal(stranger.kind === "page" && stranger.page, "sign-in");
    if (stranger.kind === "page")
      assert.match(
        decodeEntities(stranger.html),
        /AADSTS50020: User account 'diego@fabrikam.com' from identity provider/,
      );
  });

  test("errors Entra shows itself: 90002, 700016, 50011, missing client_id", async () => {
    const cases: [string, RegExp][] = [
      [authorize("no-such-tenant.example"), /AADSTS90002: Tenant 'no-such-tenant.example' not found/],
      [
        authorize("common", { client_id: "00000000-1111-2222-3333-444444444444" }),
        /AADSTS700016: Application with identifier '00000000-1111-2222-3333-444444444444' was not found/,
      ],
      [
        authorize("common", { redirect_uri: "https://evil.example/callback" }),
        /AADSTS50011: The redirect URI 'https:\/\/evil.example\/callback' specified in the request does not match/,
      ],
      [
        `${t.emu.url}/common/oauth2/v2.0/authorize?response_type=code`,
        /AADSTS900144: The request body must contain the following parameter: 'client_id'/,
      ],
    ];
    for (const [url, message] of cases) {
      const res = await t.browser().get(url);
      assert.equal(res.status, 400, url);
      assert.equal(res.location, undefined, "never redirected to an unverified redirect URI");
      assert.match(decodeEntities(res.text), message);
      assert.match(res.text, /Trace ID: [0-9a-f-]{36}/);
      assert.doesNotMatch(res.text, /at .*\.ts:\d+/, "no stack trace");
    }
  });

  test("errors after the redirect URI is trusted go back to the app", async () => {
    const badType = await t.browser().run(authorize("common", { response_type: "token" }));
    assert.equal(badType.kind === "redirect" && badType.params.get("error"), "unsupported_response_type");
    const noScope = await t.browser().run(authorize("common", { scope: "" }));
    assert.ok(
      noScope.kind === "redirect" && /^AADSTS900144: .*'scope'/.test(noScope.params.get("error_description") ?? ""),
    );
    const unknownScope = await t.browser().run(authorize("common", { scope: "openid api://surveys-api/Nope" }));
    assert.ok(
      unknownScope.kind === "redirect" && /^AADSTS650053: /.test(unknownScope.params.get("error_description") ?? ""),
    );
    const unknownResource = await t.browser().run(authorize("common", { scope: "openid api://nothing-here/x" }));
    assert.ok(unknownResource.kind === "redirect" && unknownResource.params.get("error") === "invalid_resource");
    const badPrompt = await t.browser().run(authorize("common", { prompt: "admin_consent" }));
    assert.ok(badPrompt.kind === "redirect" && badPrompt.params.get("error") === "invalid_request");
    const shortChallenge = await t
      .browser()
      .run(authorize("common", { code_challenge: "short", code_challenge_method: "S256" }));
    assert.ok(
      shortChallenge.kind === "redirect" && /^AADSTS501491/.test(shortChallenge.params.get("error_description") ?? ""),
    );
  });

  test("cancel on the sign-in page returns access_denied", async () => {
    const result = await t.browser().run(authorize("common"), { cancelSignIn: true });
    assert.equal(result.kind === "redirect" && result.params.get("error"), "access_denied");
  });

  test("an unconsented tenant: user consent page, accept creates the consent, cancel is AADSTS65004", async () => {
    const northwind = t.tenantId("northwindtraders.com");
    const scope = `openid profile offline_access ${t.emu.clients.api.scope}`;
    const declined = await t
      .browser()
      .run(authorize("common", { scope }), { account: "patti@northwindtraders.com", consent: "cancel" });
    assert.ok(declined.kind === "redirect");
    if (declined.kind === "redirect") {
      assert.equal(declined.params.get("error"), "access_denied");
      assert.match(declined.params.get("error_description") ?? "", /^AADSTS65004: /);
    }
    assert.equal(t.emu.directory.servicePrincipal(northwind, web.clientId), undefined);

    const page = await t.browser().run(authorize("common", { scope }), { account: "patti@northwindtraders.com" });
    assert.equal(page.kind === "page" && page.page, "consent");
    if (page.kind === "page") {
      assert.match(page.html, /Read and write your surveys/);
      assert.doesNotMatch(page.html, /Consent on behalf of your organization/, "only admins may consent for everyone");
    }
    const accepted = await t
      .browser()
      .run(authorize("common", { scope }), { account: "patti@northwindtraders.com", consent: "accept" });
    assert.ok(accepted.kind === "redirect" && accepted.params.get("code"));
    assert.ok(t.emu.directory.servicePrincipal(northwind, web.clientId), "service principal created by consent");
    assert.ok(
      t.emu.directory.servicePrincipal(northwind, t.emu.clients.api.clientId),
      "the API came along (knownClientApplications)",
    );
    const grants = t.emu.directory.grantsOf(northwind);
    assert.ok(grants.every((g) => g.consentType === "Principal"));
    // Another user of the same tenant still has to consent.
    const other = await t.browser().run(authorize("common", { scope }), { account: "nestor@northwindtraders.com" });
    assert.equal(other.kind === "page" && other.page, "consent");
  });

  test("an admin may consent for the organization; prompt=consent shows the page again", async () => {
    const northwind = t.tenantId("northwindtraders.com");
    const result = await t
      .browser()
      .run(authorize("common"), { account: "nestor@northwindtraders.com", consent: "accept-for-organization" });
    assert.ok(result.kind === "redirect" && result.params.get("code"));
    assert.ok(t.emu.directory.grantsOf(northwind).some((g) => g.consentType === "AllPrincipals"));
    const patti = await t.browser().run(authorize("common"), { account: "patti@northwindtraders.com" });
    assert.equal(patti.kind, "redirect", "no page for the rest of the organization");
    const again = await t
      .browser()
      .run(authorize("common", { prompt: "consent" }), { account: "patti@northwindtraders.com" });
    assert.equal(again.kind === "page" && again.page, "consent");
  });

  test("admin-only permissions or disabled user consent need an admin: AADSTS90094", async () => {
    const needsAdmin = await t
      .browser()
      .run(authorize("common", { scope: "openid https://graph.microsoft.com/User.Read.All" }), {
        account: "patti@northwindtraders.com",
        adminApproval: "return",
      });
    assert.ok(needsAdmin.kind === "redirect");
    if (needsAdmin.kind === "redirect") {
      assert.equal(needsAdmin.params.get("error"), "consent_required");
      assert.match(needsAdmin.params.get("error_description") ?? "", /^AADSTS90094: /);
    }
    t.emu.directory.setUserConsent(t.tenantId("northwindtraders.com"), "disabled");
    const page = await t.browser().run(authorize("common"), { account: "patti@northwindtraders.com" });
    assert.equal(page.kind === "page" && page.page, "admin-approval");
    if (page.kind === "page") assert.match(page.html, /Need admin approval/);
  });

  test("prompt=none without consent is consent_required with AADSTS65001", async () => {
    const browser = t.browser();
    await signInForCode(t, { account: "megan@contoso.com", browser });
    const result = await browser.run(
      authorize("common", { prompt: "none", scope: "openid https://graph.microsoft.com/Mail.Send" }),
    );
    assert.ok(result.kind === "redirect");
    if (result.kind === "redirect") {
      assert.equal(result.params.get("error"), "consent_required");
      assert.match(
        result.params.get("error_description") ?? "",
        /^AADSTS65001: The user or administrator has not consented/,
      );
    }
  });

  test("the ID token carries the user's app roles in that tenant", async () => {
    const { code, redirectUri } = await signInForCode(t, { account: "megan@contoso.com", scope: "openid profile" });
    const res = await t.token("common", {
      grant_type: "authorization_code",
      client_id: web.clientId,
      client_secret: t.emu.clients.web.clientSecret,
      code,
      redirect_uri: redirectUri,
    });
    const idToken = String(res.json().id_token);
    const claims = JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString());
    assert.deepEqual(claims.roles, ["SurveyAdmin"]);
  });

  test("admin consent endpoint: admin grants for the organization; errors still carry admin_consent=True", async () => {
    const northwind = t.tenantId("northwindtraders.com");
    const url = `${t.emu.url}/organizations/v2.0/adminconsent?${new URLSearchParams({
      client_id: web.clientId,
      scope: `${t.emu.clients.api.appIdUri}/.default`,
      redirect_uri: web.redirect,
      state: "signup-1",
    })}`;
    const cancelled = await t.browser().run(url, { account: "nestor@northwindtraders.com", consent: "cancel" });
    assert.ok(cancelled.kind === "redirect");
    if (cancelled.kind === "redirect") {
      assert.equal(cancelled.params.get("admin_consent"), "True");
      assert.equal(cancelled.params.get("error"), "consent_required");
      assert.match(cancelled.params.get("error_description") ?? "", /^AADSTS65004: /);
      assert.equal(cancelled.params.get("state"), "signup-1");
    }
    const notAdmin = await t.browser().run(url, { account: "patti@northwindtraders.com", adminApproval: "return" });
    assert.ok(
      notAdmin.kind === "redirect" &&
        notAdmin.params.get("error") === "consent_required" &&
        notAdmin.params.get("admin_consent") === "True",
    );

    const ok = await t.browser().run(url, { account: "nestor@northwindtraders.com", consent: "accept" });
    assert.ok(ok.kind === "redirect");
    if (ok.kind !== "redirect") return;
    assert.deepEqual([...ok.params.keys()], ["admin_consent", "tenant", "scope", "state"]);
    assert.equal(ok.params.get("admin_consent"), "True");
    assert.equal(ok.params.get("tenant"), northwind);
    const patti = await t.browser().run(authorize("common", { scope: `openid ${t.emu.clients.api.scope}` }), {
      account: "patti@northwindtraders.com",
    });
    assert.equal(patti.kind, "redirect", "everyone in the organization can now sign in without a consent page");
  });

  test("logout ends the session and returns to a registered URI with state", async () => {
    const { browser } = await signInForCode(t, { account: "adele@contoso.com" });
    assert.ok(browser.hasSession());
    const res = await browser.get(
      `${t.emu.url}/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("http://localhost:3000/")}&state=bye`,
    );
    assert.equal(res.status, 302);
    assert.equal(res.location, "http://localhost:3000/?state=bye");
    assert.ok(!browser.hasSession());
    const after = await browser.run(authorize("common", { prompt: "none" }));
    assert.equal(after.kind === "redirect" && after.params.get("error"), "login_required");
    const unknown = await browser.get(
      `${t.emu.url}/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("https://evil.example/")}`,
    );
    assert.equal(unknown.status, 200);
    assert.match(unknown.text, /You signed out/);
  });
});
