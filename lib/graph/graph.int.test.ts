// The Survey API's Graph calls against the emulator: on-behalf-of at the tenant authority and
// its cache (counted by the emulator), people search scoped to the caller's directory, mail into
// the outbox, the organization at sign-up, and consent withdrawn in the emulator's portal.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { requireIdentity } from "@/lib/env";
import { createLogger } from "@/lib/log";
import {
  claimsOf,
  clearFaults,
  countTokenRequests,
  failNextTokenRequest,
  outbox,
  permissionGrants,
  portalAction,
  signIn,
} from "@/test/support/emulator-hooks";
import { passwordGrant, SEEDED } from "@/test/support/entra";
import { ConsentRequiredError, GraphUnavailableError } from "./errors";
import { createGraphService, type GraphService } from "./graph-service";

const identity = requireIdentity();
const OBO = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const MEGAN = "4b89891e-4031-401f-a3d6-511a23adf38f";
const CONTOSO_PEOPLE = new Set([
  MEGAN,
  "18eba0d6-b37d-426c-8e72-1e71693b0415",
  "6d2a8adf-8b52-4bf1-8c69-ee91cb74fada",
  "f2224be2-abdf-4ed6-bc2a-68421845d898",
]);
const log = createLogger("silent");
let graph: GraphService;

/** The Survey API's incoming bearer token for a user, as the web app would send it. */
const apiTokenFor = async (username: string, tenant: string = SEEDED.contoso) =>
  (await signIn(username, tenant)).accessToken;

async function consentError(promise: Promise<unknown>): Promise<ConsentRequiredError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConsentRequiredError, `expected ConsentRequiredError, got ${String(error)}`);
    return error;
  }
  assert.fail("Graph answered");
}

before(() => {
  graph = createGraphService({ identity, log });
});
after(() => clearFaults());

describe("on-behalf-of", () => {
  test("exchanged at the caller's tenant authority by the Survey API, then served from msal's cache", async () => {
    const megan = await apiTokenFor("megan@contoso.com");
    assert.equal(claimsOf(megan).aud, identity.api.clientId);
    const first = await countTokenRequests(() => graph.searchPeople(megan, SEEDED.contoso, "adele"));
    assert.deepEqual(first.requests.byGrantType, { [OBO]: 1 });
    assert.deepEqual(first.requests.byTenant, { [SEEDED.contoso]: 1 }, "tenant authority, never /common");
    assert.deepEqual(first.requests.byClient, { [identity.api.clientId]: 1 });

    const second = await countTokenRequests(() => graph.searchPeople(megan, SEEDED.contoso, "alex"));
    assert.equal(second.requests.total, 0, "same assertion and scopes: msal's cache");

    const adele = await apiTokenFor("adele@contoso.com");
    const other = await countTokenRequests(() => graph.searchPeople(adele, SEEDED.contoso, "megan"));
    assert.deepEqual(other.requests.byGrantType, { [OBO]: 1 }, "another assertion is another exchange");
    const token = await graph.acquireGraphToken(megan, SEEDED.contoso, [
      "https://graph.microsoft.com/User.ReadBasic.All",
    ]);
    assert.equal(claimsOf(token).aud, "https://graph.microsoft.com");
    assert.equal(claimsOf(token).oid, MEGAN);
    assert.equal(claimsOf(token).appid, identity.api.clientId);
  });

  test("memory stays bounded: one small msal cache per assertion, least recently used evicted", async () => {
    const bounded = createGraphService({ identity, log, maxAssertions: 2 });
    for (const user of ["megan@contoso.com", "adele@contoso.com", "alex@contoso.com"]) {
      await bounded.searchPeople(await apiTokenFor(user), SEEDED.contoso, "a");
    }
    assert.equal(bounded.stats().assertionsInMemory, 2);
  });
});

describe("people, mail, organization", () => {
  let megan: string;
  before(async () => {
    megan = await apiTokenFor("megan@contoso.com");
  });

  test("searchPeople finds people of the caller's directory only, by word prefix", async () => {
    assert.deepEqual(await graph.searchPeople(megan, SEEDED.contoso, "vance"), [
      {
        id: "18eba0d6-b37d-426c-8e72-1e71693b0415",
        displayName: "Adele Vance",
        mail: "adele@contoso.com",
        userPrincipalName: "adele@contoso.com",
      },
    ]);
    assert.deepEqual(
      (await graph.searchPeople(megan, SEEDED.contoso, "adele v")).map((p) => p.displayName),
      ["Adele Vance"],
    );
    const many = await graph.searchPeople(megan, SEEDED.contoso, "a", 50);
    assert.ok(many.length >= 2);
    assert.ok(
      many.every((p) => CONTOSO_PEOPLE.has(p.id)),
      "nobody from another tenant",
    );
    assert.deepEqual(await graph.searchPeople(megan, SEEDED.contoso, "diego"), [], "Fabrikam's people stay there");
    assert.equal((await graph.searchPeople(megan, SEEDED.contoso, "a", 1)).length, 1);
    assert.deepEqual(await graph.searchPeople(megan, SEEDED.contoso, '  "  '), []);

    const diego = await apiTokenFor("diego@fabrikam.com", SEEDED.fabrikam);
    assert.deepEqual(await graph.searchPeople(diego, SEEDED.fabrikam, "megan"), []);
    assert.ok((await graph.searchPeople(diego, SEEDED.fabrikam, "lynne")).some((p) => p.mail === "lynne@fabrikam.com"));
  });

  test("sendInvitationMail sends from the inviter's mailbox (the emulator's outbox)", async () => {
    const subject = `Help me with a survey ${randomUUID()}`;
    await graph.sendInvitationMail(megan, SEEDED.contoso, {
      to: ["lee@fabrikam.com"],
      subject,
      html: "<p>Join <a href='https://surveys.example/s/1'>my survey</a>.</p>",
    });
    const mail = (await outbox()).find((m) => m.subject === subject);
    assert.ok(mail, "delivered");
    assert.equal(mail.from.oid, MEGAN);
    assert.equal(mail.tenantId, SEEDED.contoso);
    assert.deepEqual(mail.toRecipients, ["lee@fabrikam.com"]);
    assert.deepEqual(mail.body, {
      contentType: "HTML",
      content: "<p>Join <a href='https://surveys.example/s/1'>my survey</a>.</p>",
    });
  });

  test("getOrganization takes the web app's own Graph token (sign-up) or exchanges an API caller's", async () => {
    const graphToken = (
      await passwordGrant({
        tenant: SEEDED.contoso,
        username: "megan@contoso.com",
        scope: "openid https://graph.microsoft.com/User.Read",
      })
    ).access_token;
    assert.equal(claimsOf(graphToken).aud, "https://graph.microsoft.com");
    assert.deepEqual(await graph.getOrganization(graphToken), { id: SEEDED.contoso, displayName: "Contoso" });
    assert.deepEqual(await graph.getOrganization({ userToken: megan, tenantId: SEEDED.contoso }), {
      id: SEEDED.contoso,
      displayName: "Contoso",
    });
  });
});

describe("consent and challenges", () => {
  test("consent revoked in the portal: ConsentRequiredError with the scopes and a challenge", async () => {
    const grants = await permissionGrants(SEEDED.contoso);
    const grantId = grants.get("Survey API → Microsoft Graph");
    assert.ok(grantId, `the API's grant to Graph is listed: ${[...grants.keys()].join(", ")}`);
    await portalAction("revoke-grant", { tenant: SEEDED.contoso, id: grantId });
    try {
      const alex = await apiTokenFor("alex@contoso.com");
      const error = await consentError(graph.searchPeople(alex, SEEDED.contoso, "megan"));
      assert.equal(error.reason, "consent_required");
      assert.equal(error.details.aadstsCode, 65001);
      assert.deepEqual(error.scopes, ["https://graph.microsoft.com/User.ReadBasic.All"]);
      assert.equal(error.status, 403);
      assert.equal(
        error.wwwAuthenticate(),
        'Bearer error="insufficient_scope", error_description="consent_required", scope="https://graph.microsoft.com/User.ReadBasic.All"',
      );
    } finally {
      await portalAction("admin-consent", { tenant: SEEDED.contoso, appId: identity.api.clientId });
    }
    assert.ok((await graph.searchPeople(await apiTokenFor("alex@contoso.com"), SEEDED.contoso, "megan")).length > 0);
  });

  test("Graph's own 403 (Authorization_RequestDenied: guests may not list users) is a ConsentRequiredError too", async () => {
    const guest = await apiTokenFor("lee@fabrikam.com", SEEDED.contoso);
    const error = await consentError(graph.searchPeople(guest, SEEDED.contoso, "megan"));
    assert.equal(error.reason, "insufficient_privileges");
    assert.deepEqual(error.scopes, ["https://graph.microsoft.com/User.ReadBasic.All"]);
  });

  test("an MFA demand on the exchange (AADSTS50076) carries its claims challenge", async () => {
    const adele = await apiTokenFor("adele@contoso.com");
    await failNextTokenRequest({ grantType: OBO, code: 50076 });
    const error = await consentError(
      graph.sendInvitationMail(adele, SEEDED.contoso, { to: "a@b.example", subject: "s", text: "t" }),
    );
    assert.equal(error.reason, "claims_challenge");
    assert.equal(error.details.aadstsCode, 50076);
    assert.ok(error.details.claims && JSON.parse(error.details.claims).access_token);
    assert.match(
      error.wwwAuthenticate(),
      /^Bearer error="insufficient_claims", error_description="claims_challenge", claims="[A-Za-z0-9+/=]+"/,
    );
  });

  test("Graph unreachable: GraphUnavailableError, not a crash", async () => {
    const down = createGraphService({ identity: { ...identity, graphBaseUrl: "https://127.0.0.1:9" }, log });
    await assert.rejects(
      down.getOrganization("any-token"),
      (e) => e instanceof GraphUnavailableError && e.status === 503,
    );
  });
});
