import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { createLogger, requestLogger } from "./log";
import { REDACTED } from "./redact";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split("\n"));
      done();
    },
  });
  return { lines, logger: createLogger("info", stream) };
}

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ0ZW5hbnQifQ.c2lnbmF0dXJlLWJ5dGVz";

test("writes one JSON object per line with level, time and message", () => {
  const { lines, logger } = capture();
  logger.info({ surveyId: "s1" }, "survey published");
  assert.equal(lines.length, 1);
  const entry = JSON.parse(lines[0] as string);
  assert.equal(entry.level, "info");
  assert.equal(entry.msg, "survey published");
  assert.equal(entry.surveyId, "s1");
  assert.equal(entry.service, "surveys");
  assert.ok(!Number.isNaN(Date.parse(entry.time)));
});

test("request loggers carry the correlation id and mask secret fields", () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  requestLogger("corr-abcdefgh", { clientSecret: "cs-value" }, createLogger("info", stream)).info("x");
  const entry = JSON.parse(lines[0] as string);
  assert.equal(entry.correlationId, "corr-abcdefgh");
  assert.equal(entry.clientSecret, REDACTED);
});

test("child loggers carry the correlation id", () => {
  const { lines, logger } = capture();
  logger.child({ correlationId: "corr-12345678" }).warn("slow");
  assert.equal(JSON.parse(lines[0] as string).correlationId, "corr-12345678");
});

test("tokens and secrets never reach the output, in fields or messages", () => {
  const { lines, logger } = capture();
  logger.info({ tokenResponse: { access_token: "at-value", refresh_token: "rt-value" }, clientSecret: "cs" }, "got");
  logger.info(`exchanging ${JWT} for a Graph token`);
  logger.error({ err: new Error(`upstream said Bearer ${JWT}`) }, "failed");
  logger.child({ upstream: `Bearer ${JWT}` }).info("call");
  const output = lines.join("\n");
  for (const secret of ["at-value", "rt-value", '"cs"', JWT]) {
    assert.ok(!output.includes(secret), `log output leaked ${secret}: ${output}`);
  }
  assert.equal(lines.length, 4);
  assert.equal(JSON.parse(lines[2] as string).err.type, "Error");
});
