import assert from "node:assert/strict";
import { test } from "node:test";
import { databaseAvailable, isDatabaseUnreachable, noteDatabaseError, setDatabaseProbe } from "./db-availability";

// The shape Prisma 7 with @prisma/adapter-pg throws when nothing listens (measured).
const notReachable = Object.assign(new Error("Can't reach database server at 127.0.0.1:1"), {
  code: "P1001",
  meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable" } } },
});
const rawNotReachable = Object.assign(new Error("Raw query failed. Code: `N/A`."), {
  code: "P2010",
  meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } },
});

test("connection failures are told apart from failed queries", () => {
  assert.equal(isDatabaseUnreachable(notReachable), true);
  assert.equal(isDatabaseUnreachable(rawNotReachable), true, "raw queries wrap it in P2010");
  assert.equal(isDatabaseUnreachable(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })), true);
  assert.equal(isDatabaseUnreachable(new Error("Connection terminated unexpectedly")), true, "pg pool event");
  assert.equal(isDatabaseUnreachable(Object.assign(new Error("terminating"), { code: "57P01" })), true);
  assert.equal(isDatabaseUnreachable(new Error("outer", { cause: notReachable })), true);

  assert.equal(isDatabaseUnreachable(Object.assign(new Error("Unique constraint"), { code: "P2002" })), false);
  assert.equal(isDatabaseUnreachable(Object.assign(new Error("syntax"), { code: "42601" })), false);
  assert.equal(isDatabaseUnreachable(new TypeError("x is undefined")), false);
  assert.equal(isDatabaseUnreachable("Connection terminated"), false, "only errors");
});

test("the breaker opens on an outage, stays open while probes fail and closes on the first success", async () => {
  let up = false;
  let probes = 0;
  setDatabaseProbe(async () => {
    probes += 1;
    if (!up) throw notReachable;
  });
  assert.equal(await databaseAvailable(), true, "closed until something is noticed");
  assert.equal(noteDatabaseError(new Error("a bug")), false, "other errors do not open it");
  assert.equal(await databaseAvailable(), true);

  assert.equal(noteDatabaseError(notReachable), true);
  const t0 = Date.now() + 10_000;
  assert.equal(await databaseAvailable(t0), false);
  assert.equal(probes, 1);
  assert.equal(await databaseAvailable(t0 + 10), false, "no second probe within the interval");
  assert.equal(probes, 1);

  up = true;
  assert.equal(await databaseAvailable(t0 + 1_500), true, "recovers by itself");
  assert.equal(probes, 2);
  assert.equal(await databaseAvailable(t0 + 1_600), true);
  assert.equal(probes, 2, "no probing while closed");
});

test("a probe that hangs does not hold requests longer than half a second", async () => {
  setDatabaseProbe(() => new Promise(() => {}));
  noteDatabaseError(notReachable);
  const started = Date.now();
  assert.equal(await databaseAvailable(Date.now() + 60_000), false);
  assert.ok(Date.now() - started < 1_500);
});
