import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { REDACTED, redact, redactString } from "./redact";

const JWT =
  "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhYmMiLCJ0aWQiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU";

describe("redact", () => {
  test("masks sensitive keys at any depth", () => {
    const out = redact({
      user: "ada",
      request: { headers: { authorization: "Bearer abc", cookie: "session=1" } },
      tokens: [{ refresh_token: "r1", access_token: "a1" }],
      client_secret: "s",
      code: "auth-code",
    }) as Record<string, unknown>;
    assert.deepEqual(out, {
      user: "ada",
      request: { headers: { authorization: REDACTED, cookie: REDACTED } },
      tokens: REDACTED,
      client_secret: REDACTED,
      code: REDACTED,
    });
  });

  test("masks JWTs and bearer credentials inside ordinary strings", () => {
    assert.equal(redactString(`got ${JWT} back`), `got ${REDACTED} back`);
    assert.equal(redactString("Authorization: Bearer abc.def-ghi"), `Authorization: Bearer ${REDACTED}`);
  });

  test("masks a session cookie (JWE) and an opaque refresh token inside ordinary strings", () => {
    const jwe = `eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..${"i".repeat(16)}.${"c".repeat(60)}.${"t".repeat(22)}`;
    assert.equal(redactString(`cookie surveys.session=${jwe}; a=1`), `cookie surveys.session=${REDACTED}; a=1`);
    assert.equal(redactString(`got 1.A${"x".repeat(80)} back`), `got ${REDACTED} back`);
    assert.equal(redactString("version 1.A2 of the schema"), "version 1.A2 of the schema", "short is not a token");
  });

  test("masks passwords in connection strings but keeps the rest", () => {
    assert.equal(
      redactString("connect to postgresql://postgres:hunter2@db:5432/app failed"),
      `connect to postgresql://postgres:${REDACTED}@db:5432/app failed`,
    );
    assert.equal(redactString("postgresql://postgres@db:5432/app"), "postgresql://postgres@db:5432/app");
  });

  test("keeps errors readable while scrubbing their message", () => {
    const out = redact({ err: new TypeError(`bad token ${JWT}`) }) as { err: Error };
    assert.ok(out.err instanceof Error);
    assert.equal(out.err.name, "TypeError");
    assert.equal(out.err.message, `bad token ${REDACTED}`);
  });

  test("leaves harmless values alone", () => {
    assert.deepEqual(redact({ n: 1, ok: true, none: null, list: ["a"] }), { n: 1, ok: true, none: null, list: ["a"] });
    assert.deepEqual(redact({ tokenCount: 0 }), { tokenCount: 0 });
  });
});
