import { generateKeyPairSync, randomUUID } from "node:crypto";
import type { SigningKey } from "../pki/signing-key";
import { signJwt } from "./jwt";

/**
 * Test mode only: the next ID token(s) come out broken in one chosen way, so a relying party's
 * validation can be proven end to end in a real browser (a forged token at its callback). Entra
 * never does this; the hook exists because a relying party must survive a network attacker or a
 * misconfigured proxy that would.
 */
export const ID_TOKEN_TAMPERS = [
  "wrong-signature",
  "wrong-audience",
  "expired",
  "wrong-nonce",
  "foreign-issuer",
  "unknown-kid",
  "alg-none",
] as const;

export type IdTokenTamper = (typeof ID_TOKEN_TAMPERS)[number];

export class IdTokenTampering {
  private armed: { kind: IdTokenTamper; remaining: number }[] = [];

  arm(kind: IdTokenTamper, times = 1): void {
    this.armed.push({ kind, remaining: times });
  }

  take(): IdTokenTamper | undefined {
    const next = this.armed[0];
    if (!next) return undefined;
    next.remaining -= 1;
    if (next.remaining <= 0) this.armed.shift();
    return next.kind;
  }

  clear(): void {
    this.armed = [];
  }

  list(): { kind: IdTokenTamper; times: number }[] {
    return this.armed.map((a) => ({ kind: a.kind, times: a.remaining }));
  }
}

function foreignKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = publicKey.export({ format: "jwk" });
  const kid = randomUUID().replaceAll("-", "").slice(0, 27);
  return { kid, x5t: kid, x5c: "", privateKey, publicKey, n: String(jwk.n), e: String(jwk.e) };
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Signs `claims` as an ID token broken in the way `kind` says. */
export function tamperedIdToken(
  kind: IdTokenTamper,
  claims: Record<string, unknown>,
  key: SigningKey,
  foreignIssuer: (tenantId: string) => string,
): string {
  const now = Math.floor(Date.now() / 1000);
  switch (kind) {
    case "wrong-signature": {
      const [header, payload, signature = ""] = signJwt(claims, key).split(".");
      const bytes = Buffer.from(signature, "base64url");
      bytes[0] = (bytes[0] ?? 0) ^ 0xff;
      return `${header}.${payload}.${bytes.toString("base64url")}`;
    }
    case "wrong-audience":
      return signJwt({ ...claims, aud: randomUUID() }, key);
    case "expired": {
      const iat = Number(claims.iat ?? now) - 7200;
      return signJwt({ ...claims, iat, nbf: iat, exp: iat + 3600 }, key);
    }
    case "wrong-nonce":
      return signJwt({ ...claims, nonce: `forged-${randomUUID()}` }, key);
    case "foreign-issuer":
      // A real tenant's issuer, but not the one named by `tid`.
      return signJwt({ ...claims, iss: foreignIssuer(randomUUID()) }, key);
    case "unknown-kid":
      return signJwt(claims, foreignKey());
    case "alg-none":
      return `${encode({ typ: "JWT", alg: "none" })}.${encode(claims)}.`;
  }
}
