import assert from "node:assert/strict";
import { test } from "node:test";
import { runChecks } from "./checks";

test("all checks passing gives ok", async () => {
  const report = await runChecks({ db: async () => {}, redis: async () => {} });
  assert.deepEqual(report, { status: "ok", checks: { db: "ok", redis: "ok" }, failures: {} });
});

test("one failing check fails the report and is named", async () => {
  const report = await runChecks({
    db: async () => {
      throw new Error("connection refused");
    },
    redis: async () => {},
  });
  assert.equal(report.status, "error");
  assert.deepEqual(report.checks, { db: "error", redis: "ok" });
  assert.equal(report.failures.db, "connection refused");
});

test("a check that hangs fails after its timeout", async () => {
  const started = Date.now();
  const report = await runChecks({ db: () => new Promise(() => {}) }, 50);
  assert.deepEqual(report.checks, { db: "error" });
  assert.equal(report.failures.db, "no answer within 50 ms");
  assert.ok(Date.now() - started < 2_000);
});
