import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { TokenRequestCounts } from "../token-request-counter";
import { startTestEmulator, type TestEmulator } from "./support/emulator";

let t: TestEmulator;
const CONTOSO = "69ccb639-833e-460b-967f-f707c63700f4";

before(async () => {
  t = await startTestEmulator();
});
after(() => t.emu.stop());

const counts = async (): Promise<TokenRequestCounts> =>
  (await t.call("/__test/state")).json<{ tokenRequests: TokenRequestCounts }>().tokenRequests;

test("/__test/state counts token-endpoint requests by grant type, tenant and client; reset clears them", async () => {
  await t.call("/__test/reset", { method: "POST", body: "" });
  assert.deepEqual(await counts(), { total: 0, byGrantType: {}, byTenant: {}, byClient: {}, refusedByCode: {} });

  const web = t.emu.clients.web;
  const password = await t.token(CONTOSO, {
    grant_type: "password",
    client_id: web.clientId,
    client_secret: web.clientSecret,
    username: "adele@contoso.com",
    password: "Passw0rd!",
    scope: `openid offline_access ${t.emu.clients.api.scope}`,
  });
  assert.equal(password.status, 200);
  const refresh = await t.token("Common", {
    grant_type: "refresh_token",
    client_id: web.clientId,
    client_secret: web.clientSecret,
    refresh_token: String(password.json().refresh_token),
  });
  assert.equal(refresh.status, 200);
  // Refused requests count too: the counter sees what was sent, not what succeeded.
  assert.equal((await t.token(CONTOSO, { grant_type: "client_credentials" })).status, 400);
  assert.equal((await t.call(`/${CONTOSO}/oauth2/v2.0/token`, { body: "{}" })).status, 400);

  assert.deepEqual(await counts(), {
    total: 4,
    byGrantType: { password: 1, refresh_token: 1, client_credentials: 1, "(none)": 1 },
    byTenant: { [CONTOSO]: 3, common: 1 },
    byClient: { [web.clientId]: 2, "(not in body)": 2 },
    // Both lack what the endpoint needs first (client_id; grant_type): AADSTS900144.
    refusedByCode: { "900144": 2 },
  });

  await t.call("/__test/reset", { method: "POST", body: "" });
  assert.equal((await counts()).total, 0);
});
