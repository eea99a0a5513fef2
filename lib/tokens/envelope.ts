// Encryption at rest of a token-cache partition: AES-256-GCM under the first configured key,
// decryptable by any configured key (rotation without signing everyone out). The partition and
// the key id are the additional authenticated data, so a row copied onto another user's
// partition, or relabelled with another key id, fails authentication instead of decrypting.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Partition } from "./partition";

export interface CacheKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

/** What a store keeps: which key sealed it, and version | iv | ciphertext | tag. */
export interface SealedEntry {
  keyId: string;
  ciphertext: Uint8Array;
}

export type OpenResult =
  | { ok: true; plaintext: string }
  | { ok: false; reason: "unknown_key" | "malformed" | "authentication_failed" };

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function additionalData(partition: Partition, keyId: string): Buffer {
  return Buffer.from(`surveys/token-cache/v${VERSION}\n${partition.tenantId}\n${partition.homeAccountId}\n${keyId}`);
}

export function sealEntry(plaintext: string, partition: Partition, keys: readonly CacheKey[]): SealedEntry {
  const current = keys[0];
  if (!current) throw new Error("no token-cache key configured");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  cipher.setAAD(additionalData(partition, current.id));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { keyId: current.id, ciphertext: Buffer.concat([Buffer.of(VERSION), iv, body, cipher.getAuthTag()]) };
}

/** Never throws: an entry we cannot read is reported, and the caller treats it as a miss. */
export function openEntry(entry: SealedEntry, partition: Partition, keys: readonly CacheKey[]): OpenResult {
  const key = keys.find((k) => k.id === entry.keyId);
  if (!key) return { ok: false, reason: "unknown_key" };
  const raw = Buffer.from(entry.ciphertext);
  if (raw.length < 1 + IV_BYTES + TAG_BYTES || raw[0] !== VERSION) return { ok: false, reason: "malformed" };
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, raw.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(additionalData(partition, entry.keyId));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(raw.subarray(1 + IV_BYTES, raw.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return { ok: true, plaintext: plain.toString("utf8") };
  } catch {
    return { ok: false, reason: "authentication_failed" };
  }
}
