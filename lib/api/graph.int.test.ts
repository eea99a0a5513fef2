// The API's on-behalf-of calls to Microsoft Graph against the emulator: the contributor picker
// (/users), invitation mail from the inviter's mailbox (/me/sendMail, read back from the
// emulator's outbox) whose link makes the invitee a contributor, and consent or MFA demands
// passed on as 403 challenges with nothing created.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { db, disconnectDb } from "@/lib/db";
import { requireIdentity } from "@/lib/env";
import type { SurveyDto } from "@/lib/surveys/schemas";
import {
  clearFaults,
  failNextTokenRequest,
  outbox,
  permissionGrants,
  portalAction,
  registerSeededTenant,
} from "@/test/support/emulator-hooks";
import { SEEDED } from "@/test/support/entra";
import { apiTokenFor, appTokenFor, callRoute, jsonOf } from "./testing/harness";

const PREFIX = `api-graph-${randomUUID().slice(0, 8)}`;
const ADELE = "18eba0d6-b37d-426c-8e72-1e71693b0415";
const ALEX = "6d2a8adf-8b52-4bf1-8c69-ee91cb74fada";
const OBO = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const identity = requireIdentity();
let undo: Array<() => Promise<void>> = [];

before(async () => {
  undo = [
    await registerSeededTenant(db(), SEEDED.contoso, "Contoso"),
    await registerSeededTenant(db(), SEEDED.fabrikam, "Fabrikam"),
  ];
});

after(async () => {
  await clearFaults();
  await db().survey.deleteMany({ where: { title: { startsWith: PREFIX } } });
  for (const step of undo.reverse()) await step();
  await disconnectDb();
});

async function draftOf(token: string, title: string): Promise<SurveyDto> {
  return jsonOf<SurveyDto>(await callRoute("createSurvey", { token, body: { title: `${PREFIX} ${title}` } }), 201);
}

/** The accept link of the newest mail with this subject fragment, from the emulator's outbox. */
async function mailAbout(fragment: string) {
  const mail = (await outbox()).findLast((m) => m.subject.includes(fragment));
  assert.ok(mail, `a mail about ${fragment} in the outbox`);
  const href = /href="([^"]+)"/.exec(mail.body.content)?.[1]?.replaceAll("&amp;", "&");
  assert.ok(href, "the mail links to the invitation");
  return { mail, link: new URL(href) };
}

describe("people search (GET /people, on behalf of the caller)", () => {
  test("people of the caller's directory, by name prefix", async () => {
    const megan = await apiTokenFor("megan@contoso.com");
    const found = await jsonOf<{ items: { id: string; displayName: string }[] }>(
      await callRoute("searchPeople", { token: megan, query: { q: "vance" } }),
      200,
    );
    assert.deepEqual(
      found.items.map((p) => [p.id, p.displayName]),
      [[ADELE, "Adele Vance"]],
    );
    const one = await jsonOf<{ items: unknown[] }>(
      await callRoute("searchPeople", { token: megan, query: { q: "a", top: 1 } }),
      200,
    );
    assert.equal(one.items.length, 1);
    const diego = await apiTokenFor("diego@fabrikam.com", SEEDED.fabrikam);
    const none = await jsonOf<{ items: unknown[] }>(
      await callRoute("searchPeople", { token: diego, query: { q: "adele" } }),
      200,
    );
    assert.deepEqual(none.items, [], "Contoso's people stay in Contoso");
  });

  test("a query is required; applications cannot search on anyone's behalf", async () => {
    const megan = await apiTokenFor("megan@contoso.com");
    const missing = await jsonOf<{ errors: Record<string, string[]> }>(
      await callRoute("searchPeople", { token: megan }),
      400,
    );
    assert.ok(missing.errors.q);
    await jsonOf(await callRoute("searchPeople", { token: await appTokenFor(SEEDED.contoso), query: { q: "a" } }), 403);
  });
});

describe("invitations mailed through Graph", () => {
  test("by address: mailed from the inviter's mailbox; the link makes the invitee (another tenant) a contributor", async () => {
    const adele = await apiTokenFor("adele@contoso.com");
    const survey = await draftOf(adele, "Offsite");
    const sent = await jsonOf<{ invitation: { id: string; email: string; status: string }; acceptUrl: string }>(
      await callRoute("createInvitation", {
        token: adele,
        params: { surveyId: survey.id },
        body: { email: "Lee@Fabrikam.com" },
      }),
      201,
    );
    assert.equal(sent.invitation.email, "lee@fabrikam.com");
    assert.equal(sent.invitation.status, "pending");

    const { mail, link } = await mailAbout(survey.title);
    assert.equal(mail.tenantId, SEEDED.contoso);
    assert.equal(mail.from.oid, ADELE, "from the inviter's own mailbox");
    assert.deepEqual(mail.toRecipients, ["lee@fabrikam.com"]);
    assert.equal(mail.body.contentType, "HTML");
    assert.equal(link.toString(), sent.acceptUrl);
    assert.equal(link.origin + link.pathname, `${identity.appUrl}/invitations/accept`);

    const pending = await jsonOf<{ items: { id: string }[] }>(
      await callRoute("listInvitations", { token: adele, params: { surveyId: survey.id } }),
      200,
    );
    assert.deepEqual(
      pending.items.map((i) => i.id),
      [sent.invitation.id],
    );

    // Lee opens the link signed in at home (Fabrikam); the web app posts its two parameters.
    const lee = await apiTokenFor("lee@fabrikam.com", SEEDED.fabrikam);
    const accept = { tenantId: link.searchParams.get("tenant"), token: link.searchParams.get("token") };
    const accepted = await jsonOf(await callRoute("acceptInvitation", { token: lee, body: accept }), 200);
    assert.deepEqual(accepted, { tenantId: SEEDED.contoso, surveyId: survey.id });
    await jsonOf(await callRoute("acceptInvitation", { token: lee, body: accept }), 409);

    const contributors = await jsonOf<{ items: { userTenantId: string; userId: string; email: string }[] }>(
      await callRoute("listContributors", { token: adele, params: { surveyId: survey.id } }),
      200,
    );
    assert.equal(contributors.items.length, 1);
    const [contributor] = contributors.items;
    assert.equal(contributor?.userTenantId, SEEDED.fabrikam);
    assert.equal(contributor?.email, "lee@fabrikam.com");
    const contributing = await jsonOf<{ items: { id: string }[] }>(
      await callRoute("listSurveys", { token: lee, query: { scope: "contributing" } }),
      200,
    );
    assert.deepEqual(
      contributing.items.map((s) => s.id),
      [survey.id],
    );
    const asLee = await jsonOf<SurveyDto>(
      await callRoute("getSurvey", { token: lee, params: { surveyId: survey.id } }),
      200,
    );
    assert.equal(asLee.access.relationship, "contributor");

    const removed = await callRoute("removeContributor", {
      token: adele,
      params: { surveyId: survey.id, userTenantId: SEEDED.fabrikam, userId: contributor?.userId ?? "" },
    });
    assert.equal(removed.status, 204);
    await jsonOf(await callRoute("getSurvey", { token: lee, params: { surveyId: survey.id } }), 404);
  });

  test("by picking a person: the address comes from the directory; revoked links stop working", async () => {
    const megan = await apiTokenFor("megan@contoso.com");
    const survey = await draftOf(megan, "Roadmap");
    const sent = await jsonOf<{ invitation: { id: string; email: string }; acceptUrl: string }>(
      await callRoute("createInvitation", { token: megan, params: { surveyId: survey.id }, body: { personId: ALEX } }),
      201,
    );
    assert.equal(sent.invitation.email, "alex@contoso.com");
    const { mail } = await mailAbout(survey.title);
    assert.deepEqual(mail.toRecipients, ["alex@contoso.com"]);

    const revoked = await callRoute("revokeInvitation", {
      token: megan,
      params: { surveyId: survey.id, invitationId: sent.invitation.id },
    });
    assert.equal(revoked.status, 204);
    const link = new URL(sent.acceptUrl);
    const alex = await apiTokenFor("alex@contoso.com");
    await jsonOf(
      await callRoute("acceptInvitation", {
        token: alex,
        body: { tenantId: link.searchParams.get("tenant"), token: link.searchParams.get("token") },
      }),
      409,
    );

    await jsonOf(
      await callRoute("createInvitation", {
        token: megan,
        params: { surveyId: survey.id },
        body: { personId: randomUUID() },
      }),
      404,
    );
    const both = await jsonOf<{ errors: Record<string, string[]> }>(
      await callRoute("createInvitation", {
        token: megan,
        params: { surveyId: survey.id },
        body: { personId: ALEX, email: "alex@contoso.com" },
      }),
      422,
    );
    assert.ok(both.errors.email);
  });
});

describe("consent and challenges become 403 with WWW-Authenticate", () => {
  test("the organization withdrew consent: challenge with the Graph scope, no invitation created", async () => {
    const owner = await apiTokenFor("adele@contoso.com");
    const survey = await draftOf(owner, "Consent");
    const grantId = (await permissionGrants(SEEDED.contoso)).get("Survey API → Microsoft Graph");
    assert.ok(grantId);
    await portalAction("revoke-grant", { tenant: SEEDED.contoso, id: grantId });
    try {
      // A new assertion: the OBO cache is per incoming token.
      const adele = await apiTokenFor("adele@contoso.com");
      const response = await callRoute("createInvitation", {
        token: adele,
        params: { surveyId: survey.id },
        body: { email: "lee@fabrikam.com" },
      });
      assert.equal(response.status, 403);
      assert.equal(
        response.headers.get("www-authenticate"),
        'Bearer error="insufficient_scope", error_description="consent_required", scope="https://graph.microsoft.com/Mail.Send"',
      );
      const problem = (await response.json()) as { reason: string; code: string };
      assert.equal(problem.reason, "consent_required");
      assert.equal(await db().invitation.count({ where: { surveyId: survey.id } }), 0, "nothing created");

      const people = await callRoute("searchPeople", { token: adele, query: { q: "megan" } });
      assert.equal(people.status, 403);
      assert.match(
        people.headers.get("www-authenticate") ?? "",
        /scope="https:\/\/graph.microsoft.com\/User.ReadBasic.All"/,
      );
    } finally {
      await portalAction("admin-consent", { tenant: SEEDED.contoso, appId: identity.api.clientId });
    }
  });

  test("an MFA demand on the exchange: insufficient_claims with the claims challenge", async () => {
    const alex = await apiTokenFor("alex@contoso.com");
    await failNextTokenRequest({ grantType: OBO, code: 50076 });
    const response = await callRoute("searchPeople", { token: alex, query: { q: "adele" } });
    assert.equal(response.status, 403);
    assert.match(
      response.headers.get("www-authenticate") ?? "",
      /^Bearer error="insufficient_claims", error_description="claims_challenge", claims="[A-Za-z0-9+/=]+"/,
    );
  });
});
