import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as errors from "@/lib/errors";
import { ConsentRequiredError } from "@/lib/graph/errors";
import { ApiResponseError, errorFromProblem, parseBearerChallenge, problemOf } from "./problem";
import { AuthenticationError, InsufficientScopeError } from "./server/errors";

const problem = (status: number, extra: Record<string, unknown> = {}) => ({
  ...problemOf({ status, code: "x", detail: `detail ${status}`, instance: "/api/v1/x", correlationId: "c-12345678" }),
  ...extra,
});

describe("problem details", () => {
  test("carry RFC 9457 members plus a stable code and the correlation id", () => {
    assert.deepEqual(
      problemOf({
        status: 422,
        code: "validation_failed",
        detail: "Enter a title.",
        instance: "/api/v1/surveys",
        correlationId: "c-12345678",
        errors: { title: ["Enter a title."] },
      }),
      {
        type: "urn:surveys:problem:validation_failed",
        title: "Unprocessable content",
        status: 422,
        detail: "Enter a title.",
        instance: "/api/v1/surveys",
        code: "validation_failed",
        correlationId: "c-12345678",
        errors: { title: ["Enter a title."] },
      },
    );
  });
});

describe("errorFromProblem: the client gets the AppError the API raised", () => {
  test("each status to its class, with the API's message", () => {
    const cases: [number, new (...args: never[]) => Error][] = [
      [400, errors.ValidationError],
      [422, errors.ValidationError],
      [401, errors.UnauthorizedError],
      [403, errors.ForbiddenError],
      [404, errors.NotFoundError],
      [409, errors.ConflictError],
      [503, errors.UnavailableError],
      [500, ApiResponseError],
    ];
    for (const [status, type] of cases) {
      const error = errorFromProblem(status, problem(status), null);
      assert.ok(error instanceof type, `${status} → ${type.name}`);
      if (status !== 500) assert.equal(error.message, `detail ${status}`);
    }
  });

  test("validation errors keep their field errors", () => {
    const error = errorFromProblem(
      422,
      problem(422, { errors: { "questions.0.text": ["Enter the question."] } }),
      null,
    );
    assert.ok(error instanceof errors.ValidationError);
    assert.deepEqual(error.fields, { "questions.0.text": ["Enter the question."] });
  });

  test("a consent challenge round-trips into a ConsentRequiredError (scopes, reason, claims)", () => {
    const consent = new ConsentRequiredError(["https://graph.microsoft.com/Mail.Send"], "consent_required");
    const back = errorFromProblem(403, problem(403), consent.wwwAuthenticate());
    assert.ok(back instanceof ConsentRequiredError);
    assert.deepEqual(back.scopes, consent.scopes);
    assert.equal(back.reason, "consent_required");

    const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
    const stepUp = new ConsentRequiredError(["https://graph.microsoft.com/User.ReadBasic.All"], "claims_challenge", {
      claims,
    });
    const again = errorFromProblem(403, problem(403), stepUp.wwwAuthenticate());
    assert.ok(again instanceof ConsentRequiredError);
    assert.equal(again.reason, "claims_challenge");
    assert.equal(again.details.claims, claims);
  });

  test("the API's own missing-scope challenge asks for consent to the API scope", () => {
    const missing = new InsufficientScopeError("missing_scope", "api://surveys-api/Surveys.ReadWrite");
    const back = errorFromProblem(403, problem(403), missing.wwwAuthenticate());
    assert.ok(back instanceof ConsentRequiredError);
    assert.deepEqual(back.scopes, ["api://surveys-api/Surveys.ReadWrite"]);
  });

  test("a problem body that is not one still yields an error", () => {
    const error = errorFromProblem(404, null, null);
    assert.ok(error instanceof errors.NotFoundError);
    assert.equal(error.message, "HTTP 404");
  });
});

describe("Bearer challenges", () => {
  test("parsed into their auth-params", () => {
    const challenge = parseBearerChallenge(new AuthenticationError("expired").wwwAuthenticate());
    assert.deepEqual(Object.fromEntries(challenge ?? []), {
      realm: "Survey API",
      error: "invalid_token",
      error_description: "expired",
    });
    assert.equal(parseBearerChallenge('Basic realm="x"'), null);
    assert.equal(parseBearerChallenge(null), null);
  });

  test("no error code when no token was sent (RFC 6750 §3.1)", () => {
    assert.equal(new AuthenticationError("missing_token").wwwAuthenticate(), 'Bearer realm="Survey API"');
  });
});
