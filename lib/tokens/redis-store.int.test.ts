// The token cache on Redis (127.0.0.1:6379, a unique key prefix per run), with the database as
// its fallback, and on a Redis that is not there.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { db, disconnectDb } from "@/lib/db";
import { requireIdentity } from "@/lib/env";
import { createLogger } from "@/lib/log";
import { countTokenRequests, registerSeededTenant, type SignedInUser, signIn } from "@/test/support/emulator-hooks";
import { SEEDED } from "@/test/support/entra";
import { holdsJwt } from "@/test/support/jwt-shape";
import { createDatabaseStore } from "./database-store";
import { ReauthenticationRequiredError } from "./errors";
import { withFallback } from "./fallback-store";
import { createRedisStore, REDIS_TOKEN_TTL_SECONDS } from "./redis-store";
import type { TokenCacheStore } from "./store";
import { createTokenService } from "./token-service";

const identity = requireIdentity();
const prefix = `surveys-test:${randomUUID()}:`;
const clients: Redis[] = [];
const logLines: string[] = [];
const log: Logger = createLogger("info", { write: (line: string) => void logLines.push(line) });
let unregister: () => Promise<void> = async () => {};
let adele: SignedInUser;

function redisAt(url: string): Redis {
  // As lib/redis.ts configures it, without reconnecting forever to a port that is closed.
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 1,
    ...(url.endsWith(":6379") ? {} : { retryStrategy: () => null }),
  });
  clients.push(client);
  return client;
}

const redis = () => clients[0] ?? redisAt("redis://127.0.0.1:6379");
const keyOf = (user: SignedInUser) => `${prefix}token-cache:${user.tenantId}:${user.homeAccountId}`;
const rowOf = (user: SignedInUser) =>
  db().tokenCache.findUnique({
    where: { tenantId_partitionKey: { tenantId: user.tenantId, partitionKey: user.homeAccountId } },
  });
const service = (store: TokenCacheStore) => createTokenService({ identity, store, log });

before(async () => {
  redisAt("redis://127.0.0.1:6379");
  unregister = await registerSeededTenant(db(), SEEDED.contoso, "Contoso");
  adele = await signIn("adele@contoso.com");
});

after(async () => {
  const keys = await redis().keys(`${prefix}*`);
  if (keys.length > 0) await redis().del(...keys);
  await db().tokenCache.deleteMany({ where: { tenantId: SEEDED.contoso } });
  await unregister();
  for (const client of clients) client.disconnect();
  await disconnectDb();
});

describe("Redis store (database as fallback)", () => {
  const store = () =>
    withFallback(createRedisStore(redis(), { keyPrefix: prefix, log }), createDatabaseStore(db()), log);

  test("survives an app restart: a new service reads the partition from Redis, no IdP call", async () => {
    await service(store()).storeSignInTokens({ ...adele, scopes: [identity.api.scope] });
    const { result, requests } = await countTokenRequests(async () => {
      const restarted = service(store());
      const token = await restarted.getAccessToken(adele);
      return { token, stats: restarted.stats() };
    });
    assert.ok(result.token);
    assert.equal(result.stats.acquisitions.cache, 1);
    assert.equal(requests.total, 0);
    assert.equal(await rowOf(adele), null, "Redis is up: nothing in the database");
  });

  test("the Redis value is namespaced, expires a little after 90 days, and holds no readable token", async () => {
    const value = await redis().get(keyOf(adele));
    assert.ok(value);
    assert.match(value, new RegExp(`^${identity.tokenCacheKeys[0]?.id}:[A-Za-z0-9_-]+$`));
    const ttl = await redis().ttl(keyOf(adele));
    assert.ok(ttl > 90 * 86_400 && ttl <= REDIS_TOKEN_TTL_SECONDS, `ttl ${ttl}`);
    const decoded = Buffer.from(value.slice(value.indexOf(":") + 1), "base64url").toString("latin1");
    for (const view of [value, decoded]) {
      assert.ok(!holdsJwt(view), "no JWT");
      assert.ok(!view.includes(adele.refreshToken.slice(10, 40)));
    }
  });

  test("sign-out removes the Redis key (and any database copy)", async () => {
    const tokens = service(store());
    await tokens.getAccessToken(adele);
    await tokens.forgetUserTokens(adele);
    assert.equal(await redis().exists(keyOf(adele)), 0);
    await assert.rejects(service(store()).getAccessToken(adele), ReauthenticationRequiredError);
  });

  test("offboarding removes every key of the tenant", async () => {
    const alex = await signIn("alex@contoso.com");
    const megan = await signIn("megan@contoso.com");
    const tokens = service(store());
    for (const user of [alex, megan]) await tokens.storeSignInTokens({ ...user, scopes: [identity.api.scope] });
    await tokens.forgetTenantTokens(SEEDED.contoso);
    assert.deepEqual(await redis().keys(`${prefix}token-cache:${SEEDED.contoso}:*`), []);
  });
});

describe("Redis down", () => {
  const closedPort = "redis://127.0.0.1:1";

  test("with the database fallback, users keep working: stored and served from the database", async () => {
    logLines.length = 0;
    const store = () =>
      withFallback(createRedisStore(redisAt(closedPort), { keyPrefix: prefix, log }), createDatabaseStore(db()), log);
    await service(store()).storeSignInTokens({ ...adele, scopes: [identity.api.scope] });
    assert.ok(await rowOf(adele), "written to the database instead");
    const { result, requests } = await countTokenRequests(() => service(store()).getAccessToken(adele));
    assert.ok(result);
    assert.equal(requests.total, 0);
    assert.match(logLines.join("\n"), /token cache store unavailable; using the fallback/);

    // Redis back, without the partition: the database copy still serves.
    const recovered = withFallback(
      createRedisStore(redis(), { keyPrefix: prefix, log }),
      createDatabaseStore(db()),
      log,
    );
    assert.ok(await service(recovered).getAccessToken(adele));
    await service(recovered).forgetUserTokens(adele);
    assert.equal(await rowOf(adele), null);
  });

  test("without a fallback: writes are logged, reads are a miss (sign in again), nothing throws a 500", async () => {
    logLines.length = 0;
    const store = () => createRedisStore(redisAt(closedPort), { keyPrefix: prefix, log, timeoutMs: 300 });
    const account = await service(store()).storeSignInTokens({ ...adele, scopes: [identity.api.scope] });
    assert.equal(account.homeAccountId, adele.homeAccountId);
    assert.match(logLines.join("\n"), /token cache write failed/);
    const error = await service(store())
      .getAccessToken(adele)
      .then(
        () => assert.fail("served"),
        (e: unknown) => e,
      );
    assert.ok(error instanceof ReauthenticationRequiredError);
    assert.equal(error.reason, "no_cached_tokens");
    await service(store()).forgetUserTokens(adele);
    assert.ok(!logLines.join("\n").includes("eyJ"));
  });
});
