import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";

/**
 * Refresh tokens carry their own state, encrypted with the emulator's key (AES-256-GCM): no
 * store to lose on restart, and "rotate on every use, the old one stays valid" (§5.2) holds by
 * construction. They are bound to the user and client, not to a tenant or resource.
 */
const refreshTokenState = z.object({
  v: z.literal(1),
  cid: z.string(),
  /** Tenant and user object the token was issued for. */
  tid: z.string(),
  oid: z.string(),
  /** The scope the grant started with; a refresh without `scope` gets this back. */
  scope: z.string(),
  /** Issue time (seconds): inactivity is measured from it (AADSTS700082). */
  iat: z.number(),
  sid: z.string(),
  auth_time: z.number(),
});

export type RefreshTokenState = z.infer<typeof refreshTokenState>;

const PREFIX = "1.A";

export function sealRefreshToken(key: Buffer, state: RefreshTokenState): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(state), "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

export function openRefreshToken(key: Buffer, token: string): RefreshTokenState | null {
  if (!token.startsWith(PREFIX) || token.length > 8192) return null;
  const raw = Buffer.from(token.slice(PREFIX.length), "base64url");
  if (raw.length < 12 + 16 + 2) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const plain = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
    const parsed = refreshTokenState.safeParse(JSON.parse(plain.toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
