import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { parseEnv, requireIdentity } from "@/lib/env";
import { type CacheKey, openEntry, sealEntry } from "./envelope";

const alice = {
  tenantId: "69ccb639-833e-460b-967f-f707c63700f4",
  homeAccountId: `${"1".repeat(8)}-1111-1111-1111-${"1".repeat(12)}.69ccb639-833e-460b-967f-f707c63700f4`,
};
const bob = {
  ...alice,
  homeAccountId: `${"2".repeat(8)}-2222-2222-2222-${"2".repeat(12)}.69ccb639-833e-460b-967f-f707c63700f4`,
};
const key = (id: string): CacheKey => ({ id, key: randomBytes(32) });
const SECRET = '{"RefreshToken":{"x":{"secret":"1.AQ-refresh-token-value"}},"AccessToken":"eyJhbGciOi"}';

test("sealed with the first key, opened with it; nothing of the plaintext shows", () => {
  const keys = [key("k2"), key("k1")];
  const sealed = sealEntry(SECRET, alice, keys);
  assert.equal(sealed.keyId, "k2");
  const raw = Buffer.from(sealed.ciphertext);
  for (const view of [raw.toString("latin1"), raw.toString("base64"), raw.toString("base64url")]) {
    assert.ok(!view.includes("eyJ") && !view.includes("refresh-token-value"));
  }
  assert.deepEqual(openEntry(sealed, alice, keys), { ok: true, plaintext: SECRET });
});

test("every configured key decrypts: rotation keeps old entries readable", () => {
  const old = key("2024");
  const sealed = sealEntry(SECRET, alice, [old]);
  const rotated = [key("2025"), old];
  assert.deepEqual(openEntry(sealed, alice, rotated), { ok: true, plaintext: SECRET });
  assert.equal(sealEntry(SECRET, alice, rotated).keyId, "2025", "the next write uses the new key");
});

test("fails closed: unknown key id, wrong key material, another partition, tampering, relabelling", () => {
  const k = key("k");
  const sealed = sealEntry(SECRET, alice, [k]);
  assert.deepEqual(openEntry(sealed, alice, [key("other")]), { ok: false, reason: "unknown_key" });
  assert.deepEqual(openEntry(sealed, alice, [key("k")]), { ok: false, reason: "authentication_failed" });
  assert.deepEqual(
    openEntry(sealed, bob, [k]),
    { ok: false, reason: "authentication_failed" },
    "a row swapped onto Bob",
  );
  assert.deepEqual(openEntry(sealed, { ...alice, tenantId: "60670de8-dfb6-4061-95c6-1a2a54e23b1e" }, [k]), {
    ok: false,
    reason: "authentication_failed",
  });
  const flipped = Buffer.from(sealed.ciphertext);
  flipped[20] = (flipped[20] ?? 0) ^ 1;
  assert.deepEqual(openEntry({ ...sealed, ciphertext: flipped }, alice, [k]), {
    ok: false,
    reason: "authentication_failed",
  });
  const k2 = { id: "k2", key: k.key };
  assert.deepEqual(openEntry({ ...sealed, keyId: "k2" }, alice, [k, k2]), {
    ok: false,
    reason: "authentication_failed",
  });
  assert.deepEqual(openEntry({ keyId: "k", ciphertext: new Uint8Array([1, 2]) }, alice, [k]), {
    ok: false,
    reason: "malformed",
  });
  assert.deepEqual(openEntry({ keyId: "k", ciphertext: new Uint8Array(64) }, alice, [k]), {
    ok: false,
    reason: "malformed",
  });
});

test("each seal is fresh (random IV)", () => {
  const k = [key("k")];
  assert.notDeepEqual(sealEntry(SECRET, alice, k).ciphertext, sealEntry(SECRET, alice, k).ciphertext);
});

test("works with the key ring TOKEN_CACHE_KEYS configures (first encrypts, all decrypt)", () => {
  const a = randomBytes(32).toString("base64");
  const b = randomBytes(32).toString("base64");
  const identity = (keys: string) =>
    requireIdentity(
      parseEnv({
        NEXTAUTH_SECRET: "x".repeat(32),
        AZURE_AD_CLIENT_ID: "71667709-0c1a-4f10-84be-a41684aee19f",
        AZURE_AD_CLIENT_SECRET: "s",
        SURVEY_API_CLIENT_ID: "df81dd93-91fc-40a4-9d4d-24ec337f4795",
        SURVEY_API_CLIENT_SECRET: "s",
        TOKEN_CACHE_KEYS: keys,
      }),
    ).tokenCacheKeys;
  const before = identity(`old:${a}`);
  const after = identity(`new:${b},old:${a}`);
  const sealed = sealEntry(SECRET, alice, before);
  assert.equal(openEntry(sealed, alice, after).ok, true);
  assert.equal(sealEntry(SECRET, alice, after).keyId, "new");
  assert.deepEqual(openEntry(sealEntry(SECRET, alice, after), alice, before), { ok: false, reason: "unknown_key" });
});
