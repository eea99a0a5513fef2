// The typed client as server actions use it, over real HTTP (a loopback server in front of the
// real route files), with the signed-in person's token from lib/tokens (msal against the
// emulator): results typed and parsed, problems back as the same AppErrors, one forced refresh
// on a refused token, sign-in again when no token can be had, consent challenges surfaced.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { startApiServer } from "@/lib/api/testing/harness";
import { rejection } from "@/lib/api/testing/rejection";
import { db, disconnectDb } from "@/lib/db";
import { requireIdentity } from "@/lib/env";
import * as errors from "@/lib/errors";
import { ConsentRequiredError } from "@/lib/graph";
import { forgetUserTokens, ReauthenticationRequiredError, storeSignInTokens, type TokenUser } from "@/lib/tokens";
import {
  countTokenRequests,
  permissionGrants,
  portalAction,
  registerSeededTenant,
  signIn,
} from "@/test/support/emulator-hooks";
import { SEEDED } from "@/test/support/entra";
import { createApiClient, type SurveyApi } from ".";

const PREFIX = `api-client-${randomUUID().slice(0, 8)}`;
const identity = requireIdentity();
let undo: Array<() => Promise<void>> = [];
let server: Awaited<ReturnType<typeof startApiServer>>;
/** Staged answers for the next request(s), in place of the route handlers. */
const staged: Response[] = [];
const seen: Headers[] = [];
let adele: TokenUser;
let alex: TokenUser;
let api: SurveyApi;

async function signedIn(username: string): Promise<TokenUser> {
  const { tenantId, homeAccountId, refreshToken } = await signIn(username);
  await storeSignInTokens({ tenantId, homeAccountId, refreshToken, scopes: [identity.api.scope] });
  return { tenantId, homeAccountId };
}

before(async () => {
  undo = [await registerSeededTenant(db(), SEEDED.contoso, "Contoso")];
  server = await startApiServer((request) => {
    seen.push(request.headers);
    return staged.shift();
  });
  adele = await signedIn("adele@contoso.com");
  alex = await signedIn("alex@contoso.com");
  api = createApiClient(adele, { baseUrl: server.url });
});

after(async () => {
  await server.close();
  for (const user of [adele, alex]) await forgetUserTokens(user);
  await db().survey.deleteMany({ where: { title: { startsWith: PREFIX } } });
  for (const step of undo.reverse()) await step();
  await disconnectDb();
});

describe("round trip", () => {
  test("a survey's life through the typed client: typed results, void for 204, CSV as a stream", async () => {
    const survey = await api.createSurvey({
      body: { title: `${PREFIX} Coffee`, settings: { audience: "ANYONE_WITH_LINK" } },
    });
    assert.equal(survey.status, "DRAFT");
    const question = await api.addQuestion({
      params: { surveyId: survey.id },
      body: { type: "SINGLE_CHOICE", text: "Milk?", options: [{ label: "Yes" }, { label: "Oat" }] },
    });
    assert.equal(question.type, "SINGLE_CHOICE");
    assert.ok(question.type === "SINGLE_CHOICE" && question.options.length === 2, "narrowed by the schema's union");
    const mine = await api.listSurveys();
    assert.ok(mine.items.some((s) => s.id === survey.id));
    assert.equal((await api.publishSurvey({ params: { surveyId: survey.id } })).status, "PUBLISHED");

    // An anonymous visitor's server action: no user, no token.
    const visitor = createApiClient(null, { baseUrl: server.url, clientKey: "browser-key-1234" });
    const form = await visitor.getForm({ params: { tenantId: SEEDED.contoso, surveyId: survey.id } });
    assert.ok(form.available);
    const option = question.type === "SINGLE_CHOICE" ? question.options[1]?.id : undefined;
    const submitted = await visitor.submitResponse({
      params: { tenantId: SEEDED.contoso, surveyId: survey.id },
      body: { submissionKey: randomUUID(), answers: { [question.id]: option ?? null } },
    });
    assert.equal(submitted.created, true);
    assert.equal(seen.at(-1)?.get("authorization"), null, "no token for the anonymous visitor");
    assert.equal(seen.at(-1)?.get("x-client-key"), "browser-key-1234");
    await rejection(visitor.listSurveys(), ReauthenticationRequiredError);

    const results = await api.getResults({ params: { surveyId: survey.id } });
    assert.equal(results.totalResponses, 1);
    const csv = await api.exportResponses({ params: { surveyId: survey.id } });
    assert.equal(csv.filename, `survey-${survey.id}-responses.csv`);
    const text = await new Response(csv.body).text();
    assert.match(text, /Response ID,Submitted at,Respondent,Milk\?/);
    assert.ok(text.includes(",Anonymous,Oat"));

    assert.equal(await api.closeSurvey({ params: { surveyId: survey.id } }).then((s) => s.status), "CLOSED");
    assert.equal(await api.deleteSurvey({ params: { surveyId: survey.id } }), undefined);
  });

  test("an AppSession works as the user; the correlation id travels with every call", async () => {
    const session = { actor: { tenantId: adele.tenantId }, homeAccountId: adele.homeAccountId };
    const client = createApiClient(session as Parameters<typeof createApiClient>[0], {
      baseUrl: server.url,
      correlationId: "action-correlation-1",
    });
    await client.listSurveys({ query: { scope: "tenant" } });
    assert.equal(seen.at(-1)?.get("x-correlation-id"), "action-correlation-1");
    assert.match(seen.at(-1)?.get("authorization") ?? "", /^Bearer ey/);
  });

  test("the client's input types come from the declarations", () => {
    // Compile-time checks only (never called).
    const unused = () => {
      // @ts-expect-error surveyId is required
      void api.getSurvey({ params: {} });
      // @ts-expect-error `status` is not part of UpdateSurveyInput
      void api.updateSurvey({ params: { surveyId: "x" }, body: { status: "PUBLISHED" } });
    };
    assert.equal(typeof unused, "function");
  });
});

describe("problems come back as the AppErrors they were", () => {
  test("validation (with field errors), not found, forbidden, conflict", async () => {
    const invalid = await rejection(api.createSurvey({ body: { title: " " } }), errors.ValidationError);
    assert.deepEqual(invalid.fields, { title: ["Enter a title."] });
    assert.equal(invalid.message, "Enter a title.");
    const missing = await rejection(api.getSurvey({ params: { surveyId: randomUUID() } }), errors.NotFoundError);
    assert.equal(missing.message, "The survey was not found.");

    const survey = await api.createSurvey({
      body: { title: `${PREFIX} Rules`, questions: [{ type: "YES_NO", text: "Ok?" }] },
    });
    const asAlex = createApiClient(alex, { baseUrl: server.url });
    const forbidden = await rejection(asAlex.deleteSurvey({ params: { surveyId: survey.id } }), errors.ForbiddenError);
    assert.equal(forbidden.message, "Only the owner or a survey admin can delete this survey.");
    await api.publishSurvey({ params: { surveyId: survey.id } });
    await rejection(api.publishSurvey({ params: { surveyId: survey.id } }), errors.ConflictError);
  });
});

describe("tokens", () => {
  test("a token the API refuses is replaced once (forceRefresh: one refresh grant) and the call succeeds", async () => {
    staged.push(
      new Response(JSON.stringify({ status: 401, detail: "stale" }), {
        status: 401,
        headers: {
          "content-type": "application/problem+json",
          "www-authenticate": 'Bearer realm="Survey API", error="invalid_token", error_description="invalid_token"',
        },
      }),
    );
    const before = server.received.length;
    const { result, requests } = await countTokenRequests(() => api.listSurveys());
    assert.ok(Array.isArray(result.items));
    assert.equal(server.received.length - before, 2, "the refused call and its retry");
    assert.deepEqual(requests.byGrantType, { refresh_token: 1 });
  });

  test("an organization the API refuses is not retried", async () => {
    staged.push(
      new Response(JSON.stringify({ status: 401, detail: "Your organization no longer uses Surveys." }), {
        status: 401,
        headers: { "www-authenticate": 'Bearer error="invalid_token", error_description="offboarded_tenant"' },
      }),
    );
    const before = server.received.length;
    const error = await rejection(api.listSurveys(), errors.UnauthorizedError);
    assert.equal(error.message, "Your organization no longer uses Surveys.");
    assert.equal(server.received.length - before, 1);
  });

  test("no token to be had: ReauthenticationRequiredError, and nothing was sent", async () => {
    const stranger = createApiClient(
      { tenantId: SEEDED.contoso, homeAccountId: `${randomUUID()}.${SEEDED.contoso}` },
      { baseUrl: server.url },
    );
    const before = server.received.length;
    const error = await rejection(stranger.listSurveys(), ReauthenticationRequiredError);
    assert.equal(error.reason, "no_cached_tokens");
    assert.equal(server.received.length, before);
  });

  test("the API unreachable: UnavailableError", async () => {
    const offline = createApiClient(adele, { baseUrl: "http://127.0.0.1:9", timeoutMs: 2_000 });
    await rejection(offline.listSurveys(), errors.UnavailableError);
  });
});

describe("Graph consent", () => {
  test("a consent challenge from the API is a ConsentRequiredError with the scopes to ask for", async () => {
    const grantId = (await permissionGrants(SEEDED.contoso)).get("Survey API → Microsoft Graph");
    assert.ok(grantId);
    await portalAction("revoke-grant", { tenant: SEEDED.contoso, id: grantId });
    try {
      const error = await rejection(api.searchPeople({ query: { q: "megan" } }), ConsentRequiredError);
      assert.equal(error.reason, "consent_required");
      assert.deepEqual(error.scopes, ["https://graph.microsoft.com/User.ReadBasic.All"]);
      assert.equal(error.status, 403);
    } finally {
      await portalAction("admin-consent", { tenant: SEEDED.contoso, appId: identity.api.clientId });
    }
    const people = await createApiClient(alex, { baseUrl: server.url }).searchPeople({ query: { q: "megan" } });
    assert.deepEqual(
      people.items.map((p) => p.displayName),
      ["Megan Bowen"],
    );
  });
});
