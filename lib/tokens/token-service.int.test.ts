// The web app's token flows against the real database and the emulator: the sign-in hand-over,
// silent renewal, coalescing, expiry, encryption at rest, key rotation, restarts and sign-out.
// What reached the identity provider is counted by the emulator, not by the code under test.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { db, disconnectDb } from "@/lib/db";
import { requireIdentity } from "@/lib/env";
import { createLogger } from "@/lib/log";
import {
  advanceClock,
  claimsOf,
  clearFaults,
  countTokenRequests,
  failNextTokenRequest,
  registerSeededTenant,
  resetClock,
  type SignedInUser,
  setAccessTokenLifetime,
  signIn,
} from "@/test/support/emulator-hooks";
import { SEEDED } from "@/test/support/entra";
import { holdsJwt } from "@/test/support/jwt-shape";
import { createDatabaseStore } from "./database-store";
import type { CacheKey } from "./envelope";
import { IdentityProviderUnavailableError, ReauthenticationRequiredError } from "./errors";
import { createTokenService, type TokenService, type TokenServiceOptions } from "./token-service";

const ADELE_OID = "18eba0d6-b37d-426c-8e72-1e71693b0415";
const LEE_HOME_OID = "3bed7427-5cbd-4311-a94b-05e715699fd3";
const LEE_GUEST_IN_CONTOSO = "f2224be2-abdf-4ed6-bc2a-68421845d898";
/**
 * msal treats a token as expired 300 s before its end, counting in whole seconds (rounded), so a
 * 301 s token is expired for msal (and the memo) at most 2 s after it was issued.
 */
const SHORT_LIFETIME = 301;

const identity = requireIdentity();
const store = createDatabaseStore(db());
let unregister: Array<() => Promise<void>> = [];

/** Captured log lines of the services a test builds, to prove what is (and is not) logged. */
const logLines: string[] = [];
const log: Logger = createLogger("debug", {
  write: (line: string) => {
    logLines.push(line);
  },
});

function service(overrides: Partial<TokenServiceOptions> = {}): TokenService {
  return createTokenService({ identity, store, log, ...overrides });
}

const rowOf = (user: { tenantId: string; homeAccountId: string }) =>
  db().tokenCache.findUnique({
    where: { tenantId_partitionKey: { tenantId: user.tenantId, partitionKey: user.homeAccountId } },
  });

async function rejectsWithReauthentication(promise: Promise<unknown>): Promise<ReauthenticationRequiredError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ReauthenticationRequiredError, `expected reauthentication, got ${String(error)}`);
    return error;
  }
  assert.fail("the token was served");
}

before(async () => {
  unregister = [
    await registerSeededTenant(db(), SEEDED.contoso, "Contoso"),
    await registerSeededTenant(db(), SEEDED.fabrikam, "Fabrikam"),
  ];
});

after(async () => {
  await setAccessTokenLifetime(null);
  await resetClock();
  await clearFaults();
  await db().tokenCache.deleteMany({ where: { tenantId: { in: [SEEDED.contoso, SEEDED.fabrikam] } } });
  for (const undo of unregister) await undo();
  await disconnectDb();
});

describe("sign-in hand-over and silent acquisition", () => {
  let adele: SignedInUser;
  let tokens: TokenService;

  before(async () => {
    adele = await signIn("adele@contoso.com");
    tokens = service();
  });

  test("storeSignInTokens gives the refresh token to msal (one refresh grant at the tenant authority)", async () => {
    const { result: account, requests } = await countTokenRequests(() =>
      tokens.storeSignInTokens({ ...adele, scopes: [identity.api.scope] }),
    );
    assert.deepEqual(account, {
      tenantId: SEEDED.contoso,
      homeAccountId: `${ADELE_OID}.${SEEDED.contoso}`,
      oid: ADELE_OID,
      username: "adele@contoso.com",
    });
    assert.deepEqual(requests.byGrantType, { refresh_token: 1 });
    assert.deepEqual(requests.byTenant, { [SEEDED.contoso]: 1 }, "tenant authority, not /common");
    assert.ok(await rowOf(adele), "the partition is persisted");
  });

  test("getAccessToken is then served without the identity provider: memo, and msal's cache after a restart", async () => {
    const { result, requests } = await countTokenRequests(async () => {
      const warm = await tokens.getAccessToken(adele);
      // "Restart": new service, new msal instances, nothing in memory but the database.
      const restarted = service();
      const fromStore = await restarted.getAccessToken(adele, [identity.api.scope]);
      return { warm, fromStore, stats: restarted.stats() };
    });
    assert.equal(requests.total, 0);
    assert.equal(result.fromStore, result.warm, "msal's cached token, the one the hand-over got");
    assert.equal(result.stats.acquisitions.cache, 1);
    const claims = claimsOf(result.warm);
    assert.equal(claims.aud, identity.api.clientId);
    assert.equal(claims.tid, SEEDED.contoso);
    assert.equal(claims.oid, ADELE_OID);
    assert.equal(tokens.stats().acquisitions.memory, 1);
  });

  test("other resources come from the same refresh token, silently", async () => {
    const { result, requests } = await countTokenRequests(() =>
      tokens.getAccessToken(adele, ["https://graph.microsoft.com/User.Read"]),
    );
    assert.equal(claimsOf(result).aud, "https://graph.microsoft.com");
    assert.deepEqual(requests.byGrantType, { refresh_token: 1 });
  });

  test("the stored partition is ciphertext only: no JWT, no refresh token, first key's id", async () => {
    const row = await rowOf(adele);
    assert.ok(row);
    assert.equal(row.keyId, identity.tokenCacheKeys[0]?.id);
    const raw = Buffer.from(row.ciphertext);
    const refreshPiece = adele.refreshToken.slice(10, 40);
    for (const view of [
      raw.toString("latin1"),
      raw.toString("utf8"),
      raw.toString("base64"),
      raw.toString("base64url"),
    ]) {
      assert.ok(!holdsJwt(view), "no JWT");
      assert.ok(!view.includes(refreshPiece), "no refresh token");
      assert.ok(!view.includes("adele@contoso.com"), "no account details either");
    }
  });

  test("a guest's partition is their home account; the token is for the tenant they signed in to", async () => {
    const lee = await signIn("lee@fabrikam.com", SEEDED.contoso);
    assert.equal(lee.homeAccountId, `${LEE_HOME_OID}.${SEEDED.fabrikam}`);
    // next-auth's callback may only know oid.tid of the session: msal's client_info wins.
    const account = await tokens.storeSignInTokens({
      refreshToken: lee.refreshToken,
      tenantId: SEEDED.contoso,
      homeAccountId: `${LEE_GUEST_IN_CONTOSO}.${SEEDED.contoso}`,
      scopes: [identity.api.scope],
    });
    assert.equal(account.homeAccountId, lee.homeAccountId);
    assert.equal(account.oid, LEE_GUEST_IN_CONTOSO);
    const token = await service().getAccessToken({ tenantId: SEEDED.contoso, homeAccountId: account.homeAccountId });
    assert.equal(claimsOf(token).tid, SEEDED.contoso);
    assert.equal(claimsOf(token).oid, LEE_GUEST_IN_CONTOSO);
  });

  test("warm path: 1,000 calls, memo and msal cache (p50/p99 reported)", async (t) => {
    const measure = async (tokenService: TokenService, n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        await tokenService.getAccessToken(adele);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(3);
      return { p50: Number(at(0.5)), p99: Number(at(0.99)), text: `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms` };
    };
    const { result, requests } = await countTokenRequests(async () => {
      const memo = await measure(tokens, 1_000);
      // No memo: every call reads and decrypts the partition and asks msal's cache.
      const uncached = service({ memo: { maxAgeMs: 0 } });
      const cacheOnly = await measure(uncached, 200);
      return { memo, cacheOnly, idp: uncached.stats().idp };
    });
    t.diagnostic(
      `getAccessToken from memory: ${result.memo.text}; from msal's cache (database): ${result.cacheOnly.text}`,
    );
    // msal loses authority metadata with every partition it deserializes: without the shared
    // discovery cache each of these calls would fetch openid-configuration again.
    t.diagnostic(
      `discovery: ${result.idp.discoveryFetches} fetched, ${result.idp.discoveryCacheHits} served from cache`,
    );
    assert.ok(result.idp.discoveryFetches <= 1);
    assert.equal(requests.total, 0, "the warm path never reaches the identity provider");
    assert.ok(result.memo.p50 < 2, `warm p50 ${result.memo.p50} ms`);
  });
});

describe("expiry and renewal", () => {
  before(() => setAccessTokenLifetime(SHORT_LIFETIME));
  after(async () => {
    await setAccessTokenLifetime(null);
    await resetClock();
  });

  /** Both clocks move past the access token's expiry: ours in real time, the emulator's by the hook. */
  async function letAccessTokensExpire(): Promise<void> {
    await sleep(2_200);
    await advanceClock(SHORT_LIFETIME);
  }

  test("after expiry the next call refreshes once; then twenty concurrent callers share one refresh", async () => {
    const alex = await signIn("alex@contoso.com");
    const tokens = service();
    await tokens.storeSignInTokens({ ...alex, scopes: [identity.api.scope] });
    const first = await tokens.getAccessToken(alex);

    await letAccessTokensExpire();
    const { result: second, requests: one } = await countTokenRequests(() => tokens.getAccessToken(alex));
    assert.notEqual(second, first);
    assert.deepEqual(one.byGrantType, { refresh_token: 1 });

    await letAccessTokensExpire();
    const { result: burst, requests: shared } = await countTokenRequests(() =>
      Promise.all(Array.from({ length: 20 }, () => tokens.getAccessToken(alex))),
    );
    assert.deepEqual(shared.byGrantType, { refresh_token: 1 }, "exactly one refresh for twenty callers");
    assert.equal(new Set(burst).size, 1);
    assert.notEqual(burst[0], second);
    assert.equal(tokens.stats().coalesced, 19);

    const { requests: none } = await countTokenRequests(() => tokens.getAccessToken(alex));
    assert.equal(none.total, 0);
  });

  test("a refresh token unused for 91 days (AADSTS700082) means: sign in again", async () => {
    const megan = await signIn("megan@contoso.com");
    const tokens = service();
    await tokens.storeSignInTokens({ ...megan, scopes: [identity.api.scope] });
    await letAccessTokensExpire();
    await advanceClock(91 * 86_400);
    const error = await rejectsWithReauthentication(tokens.getAccessToken(megan));
    assert.equal(error.reason, "invalid_grant");
    assert.equal(error.details.aadstsCode, 700082);
    assert.equal(error.status, 401);
    await resetClock();
  });
});

describe("failures are expected errors, never crashes", () => {
  let adele: SignedInUser;
  before(async () => {
    adele = await signIn("adele@contoso.com");
    await service().storeSignInTokens({ ...adele, scopes: [identity.api.scope] });
  });
  after(() => clearFaults());

  test("no partition at all: ReauthenticationRequiredError without asking the identity provider", async () => {
    const stranger = {
      tenantId: SEEDED.contoso,
      homeAccountId: `${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}.${SEEDED.contoso}`,
    };
    const { result, requests } = await countTokenRequests(() =>
      rejectsWithReauthentication(service().getAccessToken(stranger)),
    );
    assert.equal(result.reason, "no_cached_tokens");
    assert.equal(requests.total, 0);
  });

  test("a key we do not hold: a miss, logged once, no token in the log", async () => {
    logLines.length = 0;
    const stranger: CacheKey = { id: "unknown", key: randomBytes(32) };
    const tokens = service({ keys: [stranger] });
    await rejectsWithReauthentication(tokens.getAccessToken(adele));
    await rejectsWithReauthentication(tokens.getAccessToken(adele));
    const warnings = logLines.filter((l) => l.includes("token cache entry unreadable"));
    assert.equal(warnings.length, 1, logLines.join("\n"));
    assert.match(warnings[0] ?? "", /"reason":"unknown_key"/);
    const all = logLines.join("\n");
    assert.ok(!all.includes("eyJ") && !all.includes(adele.refreshToken.slice(10, 40)));
  });

  test("a tampered row, or a row copied onto another user's partition, fails authentication: a miss", async () => {
    const row = await rowOf(adele);
    assert.ok(row);
    const alex = await signIn("alex@contoso.com");
    await db().tokenCache.upsert({
      where: { tenantId_partitionKey: { tenantId: alex.tenantId, partitionKey: alex.homeAccountId } },
      create: {
        tenantId: alex.tenantId,
        partitionKey: alex.homeAccountId,
        keyId: row.keyId,
        ciphertext: row.ciphertext,
      },
      update: { keyId: row.keyId, ciphertext: row.ciphertext },
    });
    logLines.length = 0;
    assert.equal((await rejectsWithReauthentication(service().getAccessToken(alex))).reason, "no_cached_tokens");
    assert.match(logLines.join("\n"), /"reason":"authentication_failed"/);

    const flipped = Buffer.from(row.ciphertext);
    flipped[30] = (flipped[30] ?? 0) ^ 0xff;
    await db().tokenCache.update({
      where: { tenantId_partitionKey: { tenantId: adele.tenantId, partitionKey: adele.homeAccountId } },
      data: { ciphertext: new Uint8Array(flipped) },
    });
    await rejectsWithReauthentication(service().getAccessToken(adele));
    // Signing in again overwrites the bad row.
    await service().storeSignInTokens({ ...adele, scopes: [identity.api.scope] });
    assert.ok(await service().getAccessToken(adele));
  });

  test("key rotation: the old key still decrypts, the next write uses the new key", async () => {
    const oldKey: CacheKey = { id: "old", key: randomBytes(32) };
    const newKey: CacheKey = { id: "new", key: randomBytes(32) };
    await service({ keys: [oldKey] }).storeSignInTokens({ ...adele, scopes: [identity.api.scope] });
    assert.equal((await rowOf(adele))?.keyId, "old");

    const rotated = service({ keys: [newKey, oldKey] });
    const { requests } = await countTokenRequests(() => rotated.getAccessToken(adele));
    assert.equal(requests.total, 0, "read with the old key, from the cache");
    assert.equal((await rowOf(adele))?.keyId, "old", "reading does not rewrite");
    await rotated.getAccessToken(adele, undefined, { forceRefresh: true });
    assert.equal((await rowOf(adele))?.keyId, "new");
    assert.ok(await service({ keys: [newKey] }).getAccessToken(adele), "the old key can now be retired");
  });

  test("identity provider unreachable or failing: IdentityProviderUnavailableError", async () => {
    const down = service({ identity: { ...identity, instance: "https://127.0.0.1:9", knownAuthority: "127.0.0.1:9" } });
    const fresh = await signIn("adele@contoso.com");
    await assert.rejects(
      down.storeSignInTokens({ ...fresh, scopes: [identity.api.scope] }),
      (error) => error instanceof IdentityProviderUnavailableError && error.status === 503,
    );

    const tokens = service();
    await tokens.storeSignInTokens({ ...fresh, scopes: [identity.api.scope] });
    await failNextTokenRequest({ grantType: "refresh_token", code: 50000, times: 5 });
    await assert.rejects(
      tokens.getAccessToken(fresh, undefined, { forceRefresh: true }),
      (error) => error instanceof IdentityProviderUnavailableError,
    );
    await clearFaults();
  });

  test("an MFA demand during renewal carries its claims challenge to the sign-in", async () => {
    const tokens = service();
    await failNextTokenRequest({ grantType: "refresh_token", code: 50076 });
    const error = await rejectsWithReauthentication(tokens.getAccessToken(adele, undefined, { forceRefresh: true }));
    assert.equal(error.reason, "interaction_required");
    assert.equal(error.details.aadstsCode, 50076);
    assert.ok(error.details.claims && JSON.parse(error.details.claims).access_token);
  });
});

describe("sign-out and offboarding", () => {
  test("forgetUserTokens removes the partition and this process's memo", async () => {
    const adele = await signIn("adele@contoso.com");
    const tokens = service();
    await tokens.storeSignInTokens({ ...adele, scopes: [identity.api.scope] });
    await tokens.getAccessToken(adele);
    await tokens.forgetUserTokens(adele);
    assert.equal(await rowOf(adele), null);
    const { requests } = await countTokenRequests(() => rejectsWithReauthentication(tokens.getAccessToken(adele)));
    assert.equal(requests.total, 0);
    assert.equal(tokens.stats().usersInMemory, 1, "a fresh, empty context after the miss");
  });

  test("a sign-out on another instance is seen at this instance's next msal operation", async () => {
    const adele = await signIn("adele@contoso.com");
    const here = service({ memo: { maxAgeMs: 0 } });
    const elsewhere = service();
    await here.storeSignInTokens({ ...adele, scopes: [identity.api.scope] });
    assert.ok(await here.getAccessToken(adele));
    await elsewhere.forgetUserTokens(adele);
    assert.equal((await rejectsWithReauthentication(here.getAccessToken(adele))).reason, "no_cached_tokens");
    await rejectsWithReauthentication(here.getAccessToken(adele, undefined, { forceRefresh: true }));
    assert.equal(await rowOf(adele), null, "nothing wrote the partition back");
  });

  test("forgetTenantTokens removes every partition of the tenant, and only of that tenant", async () => {
    const tokens = service();
    const alex = await signIn("alex@contoso.com");
    const megan = await signIn("megan@contoso.com");
    const diego = await signIn("diego@fabrikam.com", SEEDED.fabrikam);
    for (const user of [alex, megan, diego]) await tokens.storeSignInTokens({ ...user, scopes: [identity.api.scope] });
    await tokens.forgetTenantTokens(SEEDED.contoso);
    assert.equal(await db().tokenCache.count({ where: { tenantId: SEEDED.contoso } }), 0);
    assert.ok(await rowOf(diego));
    await rejectsWithReauthentication(tokens.getAccessToken(alex));
    assert.ok(await tokens.getAccessToken(diego));
  });
});
