import assert from "node:assert/strict";
import { test } from "node:test";
import { InteractionRequiredAuthError, ServerError } from "@azure/msal-node";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { UnauthorizedError } from "@/lib/errors";
import { IdentityProviderUnavailableError } from "@/lib/tokens/errors";
import { ConsentRequiredError, GraphUnavailableError } from "./errors";
import { translateGraphError } from "./graph-errors";
import { graphResource, graphScope } from "./graph-resource";
import { translateOboError } from "./obo";
import { peopleSearchExpression, searchWords } from "./people-search";

const SCOPES = ["https://graph.microsoft.com/User.ReadBasic.All"];

test("Graph scopes: the national cloud's own resource, the public one for any other host", () => {
  assert.equal(graphResource("https://graph.microsoft.us"), "https://graph.microsoft.us");
  assert.equal(graphResource("https://127.0.0.1:8443"), "https://graph.microsoft.com");
  assert.equal(graphScope("https://graph.microsoft.com", "Mail.Send"), "https://graph.microsoft.com/Mail.Send");
});

test("people search: word prefixes on the display name; one word may also start the mail address", () => {
  assert.deepEqual(searchWords('  Adele  "Vance\\ '), ["Adele", "Vance"]);
  assert.equal(peopleSearchExpression(["adele"]), '"displayName:adele" OR "mail:adele"');
  assert.equal(peopleSearchExpression(["adele", "vance"]), '"displayName:adele" AND "displayName:vance"');
  assert.deepEqual(searchWords(' " '), []);
});

test("on-behalf-of failures: consent and claims challenges become ConsentRequiredError", () => {
  const consent = translateOboError(
    new InteractionRequiredAuthError("invalid_grant", "c", "AADSTS65001", "consent_required", "", "", "", "65001"),
    SCOPES,
  );
  assert.ok(consent instanceof ConsentRequiredError);
  assert.equal(consent.reason, "consent_required");
  assert.deepEqual(consent.scopes, SCOPES);
  assert.equal(consent.status, 403);
  assert.equal(
    consent.wwwAuthenticate(),
    `Bearer error="insufficient_scope", error_description="consent_required", scope="${SCOPES[0]}"`,
  );

  const claims = '{"access_token":{"capolids":{"essential":true,"values":["x"]}}}';
  const mfa = translateOboError(
    new InteractionRequiredAuthError(
      "interaction_required",
      "c",
      "AADSTS50076",
      "basic_action",
      "",
      "",
      claims,
      "50076",
    ),
    SCOPES,
  );
  assert.ok(mfa instanceof ConsentRequiredError);
  assert.equal(mfa.reason, "claims_challenge");
  assert.equal(mfa.details.claims, claims);
  assert.match(
    mfa.wwwAuthenticate(),
    new RegExp(`error="insufficient_claims".*claims="${Buffer.from(claims).toString("base64")}"`),
  );

  assert.ok(
    translateOboError(new ServerError("invalid_grant", "c", "AADSTS500133", "", "500133", 400), SCOPES) instanceof
      UnauthorizedError,
  );
  assert.ok(
    translateOboError(new ServerError("server_error", "c", "", "", "50000", 500), SCOPES) instanceof
      IdentityProviderUnavailableError,
  );
  const bug = new TypeError("bug");
  assert.equal(translateOboError(bug, SCOPES), bug);
});

test("Graph answers: 403 is a consent problem, transport failures and 5xx are 'unavailable'", () => {
  const denied = new GraphError(403, "Insufficient privileges to complete the operation.");
  denied.code = "Authorization_RequestDenied";
  assert.ok(translateGraphError(denied, SCOPES) instanceof ConsentRequiredError);
  assert.ok(translateGraphError(new GraphError(-1, "fetch failed"), SCOPES) instanceof GraphUnavailableError);
  assert.ok(translateGraphError(new GraphError(503, "busy"), SCOPES) instanceof GraphUnavailableError);
  assert.ok(translateGraphError(new GraphError(429, "slow down"), SCOPES) instanceof GraphUnavailableError);
  assert.ok(translateGraphError(new GraphError(401, "expired"), SCOPES) instanceof UnauthorizedError);
  const notFound = new GraphError(404, "missing");
  assert.equal(translateGraphError(notFound, SCOPES), notFound);
});
