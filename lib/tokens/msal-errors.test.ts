// msal's own error types, built as msal builds them from the identity provider's answers.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AuthError, ClientAuthError, InteractionRequiredAuthError, ServerError } from "@azure/msal-node";
import { grantTypeOf, isDiscoveryUrl } from "./idp-http";
import { classifyMsalError } from "./msal-errors";

test("refused grants, interaction and missing tokens are told apart", () => {
  assert.deepEqual(
    classifyMsalError(new ServerError("invalid_grant", "c", "Error(s): 700082 - …", "", "700082", 400)),
    { kind: "invalid_grant", errorCode: "invalid_grant", subError: "", aadstsCode: 700082 },
  );
  const claims = '{"access_token":{"capolids":{"essential":true,"values":["x"]}}}';
  assert.deepEqual(
    classifyMsalError(
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
    ),
    {
      kind: "interaction_required",
      errorCode: "interaction_required",
      subError: "basic_action",
      aadstsCode: 50076,
      claims,
    },
  );
  assert.equal(
    classifyMsalError(
      new InteractionRequiredAuthError("invalid_grant", "c", "AADSTS65001", "consent_required", "", "", "", "65001"),
    ).kind,
    "interaction_required",
  );
  assert.equal(classifyMsalError(new InteractionRequiredAuthError("no_tokens_found", "c")).kind, "no_tokens");
  assert.equal(classifyMsalError(new ClientAuthError("no_account_in_silent_request", "c")).kind, "no_tokens");
  assert.equal(classifyMsalError(new InteractionRequiredAuthError("refresh_token_expired", "c")).kind, "invalid_grant");
});

test("unreachable or failing identity providers are 'unavailable'; configuration errors are unexpected", () => {
  assert.equal(classifyMsalError(new ClientAuthError("network_error", "c")).kind, "unavailable");
  assert.equal(classifyMsalError(new ClientAuthError("endpoints_resolution_error", "c")).kind, "unavailable");
  assert.equal(
    classifyMsalError(new ServerError("server_error", "c", "AADSTS50000", "", "50000", 500)).kind,
    "unavailable",
  );
  assert.equal(classifyMsalError(new ServerError("temporarily_unavailable", "c")).kind, "unavailable");
  assert.equal(
    classifyMsalError(new ServerError("invalid_client", "c", "AADSTS7000215", "", "7000215", 401)).kind,
    "unexpected",
  );
  assert.equal(classifyMsalError(new AuthError("something_else", "c")).kind, "unexpected");
  assert.equal(classifyMsalError(new TypeError("bug")).kind, "unexpected");
});

test("the HTTP client caches discovery only and counts token requests by grant type", () => {
  assert.equal(
    isDiscoveryUrl("https://h:1/69ccb639-833e-460b-967f-f707c63700f4/v2.0/.well-known/openid-configuration"),
    true,
  );
  assert.equal(isDiscoveryUrl("https://login.microsoftonline.com/common/discovery/instance?api-version=1.1"), true);
  assert.equal(isDiscoveryUrl("https://h:1/common/oauth2/v2.0/token"), false);
  assert.equal(isDiscoveryUrl("not a url"), false);
  assert.equal(grantTypeOf("client_id=x&grant_type=refresh_token&refresh_token=abc"), "refresh_token");
  assert.equal(grantTypeOf(undefined), "unknown");
});
