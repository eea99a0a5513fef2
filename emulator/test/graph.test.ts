import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestEmulator, type TestEmulator } from "./support/emulator";

describe("Graph subset over raw HTTP", () => {
  let t: TestEmulator;
  let userToken: string;
  let appToken: string;
  let contoso: string;

  before(async () => {
    t = await startTestEmulator();
    contoso = t.tenantId("contoso.com");
    const { web, automation } = t.emu.clients;
    assert.ok(automation);
    userToken = String(
      (
        await t.token("organizations", {
          grant_type: "password",
          client_id: web.clientId,
          client_secret: web.clientSecret,
          username: "megan@contoso.com",
          password: "Passw0rd!",
          scope: "openid profile email User.Read",
        })
      ).json().access_token,
    );
    appToken = String(
      (
        await t.token(contoso, {
          grant_type: "client_credentials",
          client_id: automation.clientId,
          client_secret: automation.clientSecret,
          scope: "https://graph.microsoft.com/.default",
        })
      ).json().access_token,
    );
  });
  after(() => t.emu.stop());

  const graph = (path: string, token?: string, headers: Record<string, string> = {}) =>
    t.call(path, {
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        "client-request-id": "11111111-2222-3333-4444-555555555555",
        ...headers,
      },
    });

  test("errors use Graph's envelope with innerError, request-id and the echoed client-request-id", async () => {
    const res = await graph("/v1.0/me");
    assert.equal(res.status, 401);
    assert.match(String(res.headers["www-authenticate"]), /^Bearer /);
    assert.equal(res.headers["client-request-id"], "11111111-2222-3333-4444-555555555555");
    assert.match(String(res.headers["request-id"]), /^[0-9a-f-]{36}$/);
    const body = res.json<{ error: Record<string, unknown> }>();
    assert.deepEqual(Object.keys(body.error), ["code", "message", "innerError"]);
    assert.equal(body.error.code, "InvalidAuthenticationToken");
    assert.equal(body.error.message, "Access token is empty.");
    assert.deepEqual(Object.keys(body.error.innerError as object), ["date", "request-id", "client-request-id"]);
    assert.equal((await graph("/v1.0/me", "garbage")).status, 401);
  });

  test("/me returns the signed-in user with Graph's content type", async () => {
    const res = await graph("/v1.0/me", userToken);
    assert.equal(res.status, 200);
    assert.match(String(res.headers["content-type"]), /^application\/json;odata\.metadata=minimal/);
    assert.equal(res.json().userPrincipalName, "megan@contoso.com");
    assert.equal(
      (await graph("/v1.0/users/megan@contoso.com", userToken)).json().id,
      "4b89891e-4031-401f-a3d6-511a23adf38f",
      "a user may read herself by UPN",
    );
  });

  test("app-only: the full organization with Organization.Read.All; /organization/{id}; other ids 404", async () => {
    const list = (await graph("/v1.0/organization", appToken)).json<{ value: Record<string, unknown>[] }>();
    assert.equal(list.value[0]?.tenantType, "AAD");
    const single = (await graph(`/v1.0/organization/${contoso}`, appToken)).json();
    assert.equal(single["@odata.context"], `${t.emu.url}/v1.0/$metadata#organization/$entity`);
    assert.equal((await graph(`/v1.0/organization/${t.tenantId("fabrikam.com")}`, appToken)).status, 404);
  });

  test("query validation: $top range, unsupported $filter, $skip, unknown $select", async () => {
    const cases: [string, number, string][] = [
      ["/v1.0/users?$top=1000", 400, "Request_BadRequest"],
      ["/v1.0/users?$filter=contains(displayName,'a')", 400, "Request_UnsupportedQuery"],
      ["/v1.0/users?$filter=endswith(mail,'contoso.com')", 400, "Request_UnsupportedQuery"],
      ["/v1.0/users?$skip=1", 400, "Request_BadRequest"],
      ["/v1.0/users?$select=shoeSize", 400, "Request_BadRequest"],
      ["/v1.0/users/00000000-0000-0000-0000-000000000000", 404, "Request_ResourceNotFound"],
    ];
    for (const [path, status, code] of cases) {
      const res = await graph(path, appToken);
      assert.equal(res.status, status, path);
      assert.equal(res.json<{ error: { code: string } }>().error.code, code, path);
    }
    const advanced = await graph("/v1.0/users?$filter=endswith(mail,'@contoso.com')&$count=true", appToken, {
      ConsistencyLevel: "eventual",
    });
    assert.equal(advanced.status, 200);
    assert.equal(advanced.json()["@odata.count"], 3);
    const ordered = (await graph("/v1.0/users?$orderby=displayName desc&$select=displayName", appToken)).json<{
      value: { displayName: string }[];
    }>();
    assert.equal(ordered.value[0]?.displayName, "Megan Bowen");
  });

  test("sendMail needs Mail.Send; /oidc/userinfo answers with the ID token's sub", async () => {
    const mail = await t.call("/v1.0/me/sendMail", {
      body: JSON.stringify({ message: { toRecipients: [{ emailAddress: { address: "x@y.z" } }] } }),
      headers: { authorization: `Bearer ${userToken}`, "content-type": "application/json" },
    });
    assert.equal(mail.status, 403);
    const badJson = await t.call("/v1.0/me/sendMail", {
      body: "{",
      headers: { authorization: `Bearer ${userToken}`, "content-type": "application/json" },
    });
    assert.equal(badJson.status, 403, "permission is checked before the body");

    const { web } = t.emu.clients;
    const tokens = (
      await t.token("organizations", {
        grant_type: "password",
        client_id: web.clientId,
        client_secret: web.clientSecret,
        username: "adele@contoso.com",
        password: "Passw0rd!",
        scope: "openid profile email",
      })
    ).json();
    const idSub = JSON.parse(Buffer.from(String(tokens.id_token).split(".")[1] ?? "", "base64url").toString()).sub;
    const info = (await graph("/oidc/userinfo", String(tokens.access_token))).json();
    assert.deepEqual(Object.keys(info), ["sub", "name", "family_name", "given_name", "picture", "email"]);
    assert.equal(info.sub, idSub);
    assert.equal(info.email, "adele@contoso.com");
  });
});
