// Health checks against the real database and Redis, and against ones that are not there.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { Redis } from "ioredis";
import { createDbClient, db, disconnectDb } from "../db";
import { productChecks, runChecks } from "./checks";

const REDIS_URL = "redis://127.0.0.1:6379";
const clients: Array<{ $disconnect(): Promise<void> } | Redis> = [];

after(async () => {
  for (const client of clients) {
    if (client instanceof Redis) client.disconnect();
    else await client.$disconnect();
  }
  await disconnectDb();
});

function redisAt(url: string): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  clients.push(client);
  return client;
}

test("the configured database answers", async () => {
  const report = await runChecks(productChecks({ database: db(), cache: null }));
  assert.deepEqual(report, { status: "ok", checks: { db: "ok" }, failures: {} });
});

test("a database that is not listening is reported, not thrown", async () => {
  const unreachable = createDbClient("postgresql://postgres@127.0.0.1:1/none", 1);
  clients.push(unreachable);
  const report = await runChecks(productChecks({ database: unreachable, cache: null }));
  assert.equal(report.status, "error");
  assert.deepEqual(report.checks, { db: "error" });
});

test("Redis is checked when configured", async () => {
  const report = await runChecks(productChecks({ database: db(), cache: redisAt(REDIS_URL) }));
  assert.deepEqual(report.checks, { db: "ok", redis: "ok" });
});

test("a Redis that is not listening fails the report", async () => {
  const report = await runChecks(productChecks({ database: db(), cache: redisAt("redis://127.0.0.1:1") }));
  assert.equal(report.status, "error");
  assert.deepEqual(report.checks, { db: "ok", redis: "error" });
});
