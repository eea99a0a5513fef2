import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestEmulator, type TestEmulator } from "./support/emulator";
import { runClientScenario } from "./support/trusted-child";

type Failure = { error: { statusCode: number; code: string | null; message: string } };
type Json = Record<string, unknown>;
interface GraphResult {
  me: Json;
  meSelected: Json;
  organization: { value: Json[] };
  filtered: { value: Json[] };
  searched: Json & { value: Json[] };
  searchWithoutHeader: Failure;
  allIds: string[];
  sent: unknown;
  noRecipients: Failure;
  photo: Failure;
  basicUsers: { value: Json[] };
  usersNotAllowed: Failure;
  mailNotAllowed: Failure;
  appMe: Failure;
  appUsers: { value: Json[] };
  expired: Failure;
  wrongAudience: Failure;
  guestList: Failure;
  unknownSegment: Failure;
}

describe("contract: @microsoft/microsoft-graph-client (baseUrl + customHosts only)", () => {
  let t: TestEmulator;
  let result: GraphResult;
  let contoso: string;

  async function ropc(
    clientId: string,
    secret: string,
    username: string,
    scope: string,
    tenant = "organizations",
  ): Promise<string> {
    const res = await t.token(tenant, {
      grant_type: "password",
      client_id: clientId,
      client_secret: secret,
      username,
      password: "Passw0rd!",
      scope,
    });
    assert.equal(res.status, 200, res.text);
    return String(res.json().access_token);
  }

  async function oboToGraph(apiToken: string, tenant: string): Promise<string> {
    const { api } = t.emu.clients;
    const res = await t.token(tenant, {
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      client_id: api.clientId,
      client_secret: api.clientSecret,
      requested_token_use: "on_behalf_of",
      assertion: apiToken,
      scope: "https://graph.microsoft.com/.default",
    });
    assert.equal(res.status, 200, res.text);
    return String(res.json().access_token);
  }

  before(async () => {
    t = await startTestEmulator();
    contoso = t.tenantId("contoso.com");
    const { web, api, automation } = t.emu.clients;
    assert.ok(automation);
    const apiToken = await ropc(web.clientId, web.clientSecret, "megan@contoso.com", api.scope);
    const guestApiToken = await ropc(web.clientId, web.clientSecret, "lee@fabrikam.com", api.scope, contoso);
    // Issued three hours ago, by the emulator's clock: expired for Graph now.
    t.emu.testHooks?.advanceClock(-3 * 3600);
    const expired = await oboToGraph(
      await ropc(web.clientId, web.clientSecret, "megan@contoso.com", api.scope),
      contoso,
    );
    t.emu.testHooks?.resetClock();
    const app = await t.token(contoso, {
      grant_type: "client_credentials",
      client_id: automation.clientId,
      client_secret: automation.clientSecret,
      scope: "https://graph.microsoft.com/.default",
    });
    result = await runClientScenario<GraphResult>("graph-client-flows.ts", t.emu, {
      graphBaseUrl: t.emu.graphBaseUrl,
      tokens: {
        user: await oboToGraph(apiToken, contoso),
        userReadOnly: await ropc(web.clientId, web.clientSecret, "megan@contoso.com", "User.Read"),
        app: String(app.json().access_token),
        expired,
        otherAudience: apiToken,
        guest: await oboToGraph(guestApiToken, contoso),
      },
    });
  });
  after(() => t.emu.stop());

  test("/me: Graph's default properties, id = oid; $select narrows them", () => {
    assert.deepEqual(Object.keys(result.me), [
      "@odata.context",
      "businessPhones",
      "displayName",
      "givenName",
      "jobTitle",
      "mail",
      "mobilePhone",
      "officeLocation",
      "preferredLanguage",
      "surname",
      "userPrincipalName",
      "id",
    ]);
    assert.equal(result.me.id, "4b89891e-4031-401f-a3d6-511a23adf38f");
    assert.equal(result.me["@odata.context"], `${t.emu.url}/v1.0/$metadata#users/$entity`);
    assert.deepEqual(Object.keys(result.meSelected), ["@odata.context", "displayName", "mail"]);
  });

  test("/organization with User.Read: id, displayName, verifiedDomains only", () => {
    const [org] = result.organization.value;
    assert.equal(org?.id, contoso);
    assert.equal(org?.displayName, "Contoso");
    assert.equal(org?.tenantType, null);
    const domains = org?.verifiedDomains as Json[];
    assert.deepEqual(
      domains.map((d) => [d.name, d.isInitial, d.isDefault]),
      [
        ["contoso.onmicrosoft.com", true, false],
        ["contoso.com", false, true],
      ],
    );
  });

  test("/users: $filter startswith, $search with ConsistencyLevel and $count, paging by nextLink", () => {
    assert.deepEqual(
      result.filtered.value.map((u) => u.displayName),
      ["Adele Vance", "Alex Wilber"],
    );
    assert.deepEqual(
      result.searched.value.map((u) => u.displayName),
      ["Adele Vance"],
    );
    assert.equal(result.searched["@odata.count"], 1);
    assert.equal(result.searchWithoutHeader.error.statusCode, 400);
    assert.equal(result.searchWithoutHeader.error.code, "Request_UnsupportedQuery");
    assert.equal(result.allIds.length, 4, "PageIterator walked every page (3 members + 1 guest)");
    const [adele] = result.basicUsers.value;
    assert.equal(adele?.displayName, "Adele Vance");
    assert.equal(adele?.jobTitle, null, "User.ReadBasic.All reads basic properties only");
  });

  test("/me/sendMail: 202 into the outbox; invalid mail is Graph's 400", () => {
    const [mail] = t.emu.directory.outbox;
    assert.equal(mail?.subject, "You are invited to contribute to a survey");
    assert.deepEqual(mail?.toRecipients, ["lee@fabrikam.com"]);
    assert.equal(mail?.from.address, "megan@contoso.com");
    assert.equal(mail?.saveToSentItems, false);
    assert.equal(result.noRecipients.error.statusCode, 400);
    assert.equal(result.noRecipients.error.code, "ErrorInvalidRecipients");
  });

  test("photos are 404 ImageNotFound (next-auth's profile photo call)", () => {
    assert.equal(result.photo.error.statusCode, 404);
    assert.equal(result.photo.error.code, "ImageNotFound");
  });

  test("audience, scope and token checks answer in Graph's error shape", () => {
    assert.equal(result.usersNotAllowed.error.statusCode, 403);
    assert.equal(result.usersNotAllowed.error.code, "Authorization_RequestDenied");
    assert.equal(result.mailNotAllowed.error.statusCode, 403);
    assert.equal(result.appMe.error.statusCode, 400);
    assert.equal(result.appMe.error.message, "/me request is only valid with delegated authentication flow.");
    assert.ok(result.appUsers.value.length >= 3, "app-only User.Read.All lists users");
    assert.equal(result.expired.error.statusCode, 401);
    assert.equal(result.expired.error.code, "InvalidAuthenticationToken");
    assert.equal(result.expired.error.message, "Access token has expired or is not yet valid.");
    assert.equal(result.wrongAudience.error.statusCode, 401);
    assert.equal(result.wrongAudience.error.message, "Access token validation failure. Invalid audience.");
    assert.equal(result.guestList.error.statusCode, 403, "guests cannot list users");
    assert.equal(result.unknownSegment.error.code, "BadRequest");
  });
});
