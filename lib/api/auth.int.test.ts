// The Survey API's front door against real emulator tokens and the real database: who gets in
// (delegated with the scope, app-only with the role), who is refused and how (401 with a Bearer
// challenge, 403 insufficient_scope, problem details), the user row kept from the token, the
// OpenAPI document, that every declared endpoint is served by its route file, and the log line
// of each call (never with a token in it).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db, disconnectDb } from "@/lib/db";
import { requireIdentity } from "@/lib/env";
import { createLogger } from "@/lib/log";
import {
  advanceClock,
  claimsOf,
  permissionGrants,
  portalAction,
  registerSeededTenant,
  resetClock,
} from "@/test/support/emulator-hooks";
import { passwordGrant, SEEDED } from "@/test/support/entra";
import { API_PREFIX, type EndpointSpec } from "./contract/define";
import { API, type OperationId } from "./contract/endpoints";
import { ROUTE_HANDLERS } from "./handlers";
import { AUTOMATION, apiTokenFor, appTokenFor, callRoute, jsonOf, routeHandlerOf } from "./testing/harness";

const TAILSPIN = "cbe95b2d-8287-47d9-9915-546f03192394";
const ADELE = "18eba0d6-b37d-426c-8e72-1e71693b0415";
const identity = requireIdentity();

// The process-wide logger, captured (lib/log creates it on first use).
const lines: Record<string, unknown>[] = [];
(globalThis as unknown as { surveysLogger: unknown }).surveysLogger = createLogger("info", {
  write: (line: string) => {
    lines.push(JSON.parse(line) as Record<string, unknown>);
  },
});

let undo: Array<() => Promise<void>> = [];
let adele: string;

before(async () => {
  undo = [
    await registerSeededTenant(db(), SEEDED.contoso, "Contoso"),
    await registerSeededTenant(db(), SEEDED.fabrikam, "Fabrikam"),
  ];
  adele = await apiTokenFor("adele@contoso.com");
});

after(async () => {
  await resetClock();
  for (const step of undo.reverse()) await step();
  await disconnectDb();
});

interface Refusal {
  status: number;
  problem: Record<string, unknown>;
  challenge: string | null;
}

async function refusal(response: Response): Promise<Refusal> {
  assert.equal(response.headers.get("content-type"), "application/problem+json");
  return {
    status: response.status,
    problem: (await response.json()) as Record<string, unknown>,
    challenge: response.headers.get("www-authenticate"),
  };
}

const listWith = (token: string | null, headers?: Record<string, string>) =>
  callRoute("listSurveys", { token, ...(headers ? { headers } : {}) });

async function assertInvalidToken(token: string, reason: string): Promise<void> {
  const { status, problem, challenge } = await refusal(await listWith(token));
  assert.equal(status, 401);
  assert.equal(problem.code, "unauthorized");
  assert.equal(problem.reason, reason);
  assert.match(challenge ?? "", /^Bearer realm="Survey API", error="invalid_token"/);
}

describe("who gets in", () => {
  test("a delegated token with Surveys.ReadWrite: the person, upserted from the token's claims", async () => {
    await db().user.deleteMany({ where: { tenantId: SEEDED.contoso, oid: ADELE } });
    const response = await listWith(adele);
    assert.deepEqual(await jsonOf(response, 200), { items: [] });
    const user = await db().user.findUniqueOrThrow({
      where: { tenantId_oid: { tenantId: SEEDED.contoso, oid: ADELE } },
    });
    assert.equal(user.name, "Adele Vance");
    assert.equal(user.email, "adele@contoso.com");
    assert.deepEqual(user.roles, ["SurveyCreator"], "roles from the API token's roles claim");
  });

  test("an app-only token with Surveys.ReadWrite.All: the application, of the token's tenant", async () => {
    const token = await appTokenFor(SEEDED.contoso);
    assert.equal(claimsOf(token).idtyp, "app");
    const mine = await jsonOf(await callRoute("listSurveys", { token }), 200);
    assert.deepEqual(mine, { items: [] }, "an application owns nothing");
    await jsonOf(await callRoute("listSurveys", { token, query: { scope: "tenant" } }), 200);
    const created = await refusal(await callRoute("createSurvey", { token, body: { title: "By a robot" } }));
    assert.equal(created.status, 403, "a survey needs an owner who is a person (domain rule)");
  });

  test("respondent endpoints take no token at all, or a valid one", async () => {
    const params = { tenantId: SEEDED.contoso, surveyId: "00000000-0000-4000-8000-000000000000" };
    const anonymous = await jsonOf(await callRoute("getForm", { params }), 200);
    assert.deepEqual(anonymous, {
      available: false,
      reason: "not_found",
      message: "This survey does not exist or is no longer available.",
    });
    await jsonOf(await callRoute("getForm", { params, token: adele }), 200);
    const forged = await refusal(await callRoute("getForm", { params, token: `${adele}x` }));
    assert.equal(forged.status, 401, "an invalid token is refused, not taken as anonymous");
  });
});

describe("401: no valid token", () => {
  test("no Authorization header: a challenge without an error code (RFC 6750 §3.1)", async () => {
    const { status, problem, challenge } = await refusal(await listWith(null));
    assert.equal(status, 401);
    assert.equal(challenge, 'Bearer realm="Survey API"');
    assert.equal(problem.reason, "missing_token");
    assert.equal(problem.type, "urn:surveys:problem:unauthorized");
    assert.equal(problem.instance, `${API_PREFIX}/surveys`);
    assert.equal(typeof problem.correlationId, "string");
  });

  test("not a Bearer header, or garbage after it", async () => {
    for (const header of ["Basic YWRlbGU6cHc=", "Bearer", "Bearer a b"]) {
      const response = await callRoute("listSurveys", { headers: { authorization: header } });
      assert.equal((await refusal(response)).problem.reason, "malformed_token", header);
    }
    await assertInvalidToken("not-a-jwt", "invalid_token");
  });

  test("forged: claims changed after signing, or signed by someone else", async () => {
    const [header, , signature] = adele.split(".");
    const claims = { ...claimsOf(adele), oid: "6d2a8adf-8b52-4bf1-8c69-ee91cb74fada", name: "Alex" };
    const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
    await assertInvalidToken(`${header}.${payload}.${signature}`, "invalid_token");
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${payload}.`;
    await assertInvalidToken(unsigned, "invalid_token");
  });

  test("expired", async () => {
    await advanceClock(-3 * 3600);
    try {
      await assertInvalidToken(await apiTokenFor("adele@contoso.com"), "expired");
    } finally {
      await resetClock();
    }
  });

  test("for another audience: the web app's ID token, a Graph token", async () => {
    const tokens = await passwordGrant({
      tenant: SEEDED.contoso,
      username: "adele@contoso.com",
      scope: "openid profile https://graph.microsoft.com/User.Read",
    });
    assert.ok(tokens.id_token);
    await assertInvalidToken(tokens.id_token, "invalid_token");
    await assertInvalidToken(tokens.access_token, "invalid_token");
  });

  test("a genuine token of an organization that never signed up", async () => {
    const token = await apiTokenFor("isaiah@tailspintoys.com", TAILSPIN);
    await assertInvalidToken(token, "unregistered_tenant");
  });

  test("a genuine token of an offboarded organization", async () => {
    const diego = await apiTokenFor("diego@fabrikam.com", SEEDED.fabrikam);
    await jsonOf(await listWith(diego), 200);
    await db().tenant.update({ where: { id: SEEDED.fabrikam }, data: { status: "OFFBOARDED" } });
    try {
      await assertInvalidToken(diego, "offboarded_tenant");
    } finally {
      await db().tenant.update({ where: { id: SEEDED.fabrikam }, data: { status: "ACTIVE" } });
    }
  });

  test("a personal Microsoft account", async () => {
    // Consent first, so the emulator issues a genuine token the API must refuse on its own.
    await portalAction("admin-consent", { tenant: SEEDED.consumers, appId: identity.web.clientId });
    try {
      const token = await apiTokenFor("pat.personal@outlook.com", SEEDED.consumers);
      assert.equal(claimsOf(token).tid, SEEDED.consumers);
      await assertInvalidToken(token, "personal_account");
    } finally {
      // Consenting to the web app consented to the API too (a known client application).
      for (const appId of [identity.web.clientId, identity.api.clientId]) {
        await portalAction("remove-app", { tenant: SEEDED.consumers, appId });
      }
    }
    assert.equal((await permissionGrants(SEEDED.consumers)).size, 0);
  });
});

describe("403: a valid token that does not grant the API", () => {
  test("a delegated token without Surveys.ReadWrite", async () => {
    const tokens = await passwordGrant({
      tenant: SEEDED.contoso,
      username: "adele@contoso.com",
      scope: `${identity.api.appIdUri}/.default`,
      client: AUTOMATION,
    });
    assert.equal(claimsOf(tokens.access_token).scp, "");
    const { status, problem, challenge } = await refusal(await listWith(tokens.access_token));
    assert.equal(status, 403);
    assert.equal(problem.reason, "missing_scope");
    assert.equal(
      challenge,
      `Bearer realm="Survey API", error="insufficient_scope", error_description="missing_scope", scope="${identity.api.scope}"`,
    );
  });

  test("an app-only token without Surveys.ReadWrite.All", async () => {
    const token = await appTokenFor(SEEDED.contoso, identity.web);
    assert.equal(claimsOf(token).roles, undefined);
    const { status, problem, challenge } = await refusal(await listWith(token));
    assert.equal(status, 403);
    assert.equal(problem.reason, "missing_role");
    assert.match(challenge ?? "", /error="insufficient_scope"/);
  });
});

describe("every endpoint", () => {
  const entries = Object.entries(API) as [OperationId, EndpointSpec][];

  test("is served by its route file, at its declared method and path", async () => {
    for (const [operationId, spec] of entries) {
      assert.equal(await routeHandlerOf(spec), ROUTE_HANDLERS[operationId], `${spec.method} ${spec.path}`);
    }
  });

  test("that needs a token refuses a request without one, before looking at anything", async () => {
    const params = {
      surveyId: "00000000-0000-4000-8000-000000000001",
      questionId: "00000000-0000-4000-8000-000000000002",
      invitationId: "00000000-0000-4000-8000-000000000003",
      userTenantId: SEEDED.fabrikam,
      userId: "00000000-0000-4000-8000-000000000004",
      tenantId: SEEDED.contoso,
    };
    for (const [operationId, spec] of entries.filter(([, s]) => s.auth === "required")) {
      const response = await callRoute(operationId, { params, ...(spec.body ? { body: {} } : {}) });
      assert.equal(response.status, 401, `${spec.method} ${spec.path}`);
      assert.equal(response.headers.get("www-authenticate"), 'Bearer realm="Survey API"');
    }
  });
});

describe("OpenAPI document", () => {
  test("served without a token, OpenAPI 3.1, one operation per declared endpoint", async () => {
    const document = await jsonOf<{
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
      components: { securitySchemes: { entra: { flows: { authorizationCode: { scopes: object } } } } };
    }>(await callRoute("getOpenApiDocument"), 200);
    assert.equal(document.openapi, "3.1.0");
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    assert.deepEqual(operations.sort(), Object.keys(API).sort());
    assert.deepEqual(Object.keys(document.components.securitySchemes.entra.flows.authorizationCode.scopes), [
      identity.api.scope,
    ]);
  });
});

describe("correlation and logging", () => {
  test("the caller's correlation id is echoed and logged with method, route, status and latency", async () => {
    const correlationId = "page-1234-abcd";
    const response = await callRoute("getSurvey", {
      token: adele,
      params: { surveyId: "00000000-0000-4000-8000-000000000009" },
      headers: { "x-correlation-id": correlationId },
    });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get("x-correlation-id"), correlationId);
    assert.equal(((await response.json()) as { correlationId: string }).correlationId, correlationId);
    const line = lines.find((l) => l.correlationId === correlationId && l.msg === "api call");
    assert.ok(line, "one line per call");
    assert.equal(line.method, "GET");
    assert.equal(line.route, `${API_PREFIX}/surveys/{surveyId}`);
    assert.equal(line.status, 404);
    assert.equal(typeof line.latencyMs, "number");
    assert.equal(line.tenantId, SEEDED.contoso);
  });

  test("an id is generated when none (or a malformed one) is sent; no token ever reaches the log", async () => {
    const response = await listWith(adele, { "x-correlation-id": "bad id with spaces" });
    assert.match(response.headers.get("x-correlation-id") ?? "", /^[0-9a-f-]{36}$/);
    const [, payload] = adele.split(".");
    assert.ok(payload && !JSON.stringify(lines).includes(payload), "no token in any log line");
  });
});
