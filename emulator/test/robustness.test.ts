import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestEmulator, type TestEmulator } from "./support/emulator";

const STACK = /\.ts:\d+|\.js:\d+|at [\w.<>]+ \(/;

describe("bad input never gets a stack trace; test hooks only in test mode", () => {
  let t: TestEmulator;
  let prod: TestEmulator;
  before(async () => {
    t = await startTestEmulator();
    prod = await startTestEmulator({ testMode: false });
  });
  after(async () => {
    await t.emu.stop();
    await prod.emu.stop();
  });

  test("test hooks answer 404 unless the emulator runs in test mode", async () => {
    assert.equal(prod.emu.testHooks, undefined);
    const res = await prod.call("/__test/clock", {
      body: JSON.stringify({ advanceSeconds: 3600 }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(res.status, 404);
    assert.equal((await prod.call("/__test/state")).status, 404);
    const ok = await t.call("/__test/clock", {
      body: JSON.stringify({ advanceSeconds: 60 }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(ok.json().clockOffsetSeconds, 60);
    const bad = await t.call("/__test/faults", {
      body: JSON.stringify({ endpoint: "token", code: 12345 }),
      headers: { "content-type": "application/json" },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json().error, "invalid_request");
    await t.call("/__test/reset", { method: "POST", body: "" });
  });

  test("malformed requests get Entra's errors", async () => {
    const probes: [string, Parameters<TestEmulator["call"]>[1], number][] = [
      [
        "/common/oauth2/v2.0/token",
        { body: "%%%&&&===", headers: { "content-type": "application/x-www-form-urlencoded" } },
        400,
      ],
      [
        "/common/oauth2/v2.0/token",
        { body: "x".repeat(2_000_000), headers: { "content-type": "application/x-www-form-urlencoded" } },
        400,
      ],
      [
        "/common/oauth2/v2.0/token",
        {
          form: { grant_type: "refresh_token", refresh_token: `1.A${"A".repeat(50)}` },
          headers: { authorization: "Basic !!!not-base64" },
        },
        400,
      ],
      [
        "/common/oauth2/v2.0/token",
        { form: { grant_type: "authorization_code", client_id: "not-a-guid", client_secret: "x" } },
        400,
      ],
      [
        "/common/oauth2/v2.0/token",
        {
          form: {
            grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
            client_id: "df81dd93-91fc-40a4-9d4d-24ec337f4795",
            client_secret: "surveys-api-local-secret",
            requested_token_use: "on_behalf_of",
            assertion: "eyJ.eyJ.sig",
            scope: "User.Read",
          },
        },
        400,
      ],
      [
        "/common/oauth2/v2.0/token",
        {
          form: {
            grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
            client_id: "df81dd93-91fc-40a4-9d4d-24ec337f4795",
            client_secret: "surveys-api-local-secret",
            requested_token_use: "on_behalf_of",
            assertion: "eyJhbGciOiJub25lIn0.eyJhdWQiOjF9.",
            scope: "User.Read",
          },
        },
        400,
      ],
      ["/%E0%A4%A/oauth2/v2.0/token", { form: {} }, 404],
      ["/common/oauth2/v2.0/authorize?client_id=%ZZ", {}, 400],
      ["/common/v2.0/.well-known/openid-configuration", { method: "DELETE" }, 405],
      ["/interaction/nope/account", { form: { login: "x" } }, 400],
      ["/v1.0/me", { headers: { authorization: "Bearer a.b.c" } }, 401],
      [
        "/v1.0/me/sendMail",
        { body: "{", headers: { authorization: "Bearer", "content-type": "application/json" } },
        401,
      ],
    ];
    for (const [path, options, status] of probes) {
      const res = await t.call(path, options);
      assert.equal(res.status, status, `${path} → ${res.status}: ${res.text.slice(0, 200)}`);
      assert.doesNotMatch(res.text, STACK, path);
      if (res.headers["content-type"]?.toString().startsWith("application/json") && path.includes("/token")) {
        assert.match(String(res.json().error_description), /^AADSTS\d+: /, path);
      }
    }
  });

  test("a wrong-signature assertion is AADSTS50013, an unsigned one too", async () => {
    const header = Buffer.from(JSON.stringify({ typ: "JWT", alg: "RS256", kid: "unknown" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ aud: t.emu.clients.api.clientId })).toString("base64url");
    const res = await t.token("common", {
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      client_id: t.emu.clients.api.clientId,
      client_secret: t.emu.clients.api.clientSecret,
      requested_token_use: "on_behalf_of",
      assertion: `${header}.${payload}.c2ln`,
      scope: "User.Read",
    });
    assert.deepEqual(res.json().error_codes, [50013]);
    assert.match(String(res.json().error_description), /The key was not found/);
  });
});
