import assert from "node:assert/strict";
import { test } from "node:test";
import { redactString } from "@/lib/redact";
import { findSecrets } from "./secret-scan";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const JWT = `${b64({ alg: "RS256", kid: "k1" })}.${b64({ aud: "api://surveys-api", tid: "t" })}.${"s".repeat(40)}`;
const JWE = `${b64({ alg: "dir", enc: "A256GCM" })}..${"i".repeat(16)}.${"c".repeat(80)}.${"t".repeat(22)}`;
const REFRESH = `1.A${"r".repeat(120)}`;

test("token shapes are found wherever they sit in a line", () => {
  const log = [
    JSON.stringify({ msg: "token acquired", at: JWT }),
    `cookie: surveys.session=${JWE}; other=1`,
    `refresh ${REFRESH}`,
    "GET /api/auth/callback/azure-ad?code=0.AAAAbbbbccccddddeeee&state=x",
  ].join("\n");
  const kinds = findSecrets(log).map((f) => `${f.line}:${f.kind}`);
  assert.deepEqual(kinds, ["1:jwt", "2:jwe", "2:session cookie", "3:refresh token", "4:authorization code"]);
});

test("the run's own secrets are found verbatim; findings do not repeat them", () => {
  const findings = findSecrets('{"msg":"starting","secret":"surveys-web-local-secret"}', {
    "client secret": "surveys-web-local-secret",
    short: "abc",
  });
  assert.deepEqual(findings, [{ line: 1, kind: "client secret", excerpt: "sur…" }]);
});

test("ordinary log lines are clean, and what lib/redact leaves of a token is too", () => {
  const lines = [
    JSON.stringify({ level: 30, msg: "api call", route: "/api/v1/surveys/{surveyId}", status: 200, latencyMs: 3.1 }),
    JSON.stringify({ msg: "signed in", correlationId: "6f1c0c1e-8a55-4a31-9d9e-0a3b1f1e2d3c" }),
    redactString(`Authorization: Bearer ${JWT}`),
    redactString(`token ${JWT}`),
  ];
  assert.deepEqual(findSecrets(lines.join("\n")), []);
});
