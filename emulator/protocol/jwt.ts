import { createHash, sign, verify } from "node:crypto";
import type { SigningKey } from "../pki/signing-key";

export type JwtHeader = { alg: string; typ?: string; kid?: string; x5t?: string; nonce?: string } & Record<
  string,
  unknown
>;
export type JwtClaims = Record<string, unknown>;

export interface SignOptions {
  /** v1 tokens carry `x5t` next to `kid` in their header. */
  withX5t?: boolean;
  /**
   * Graph's tokens carry a `nonce` in the header and are signed over the header with the
   * nonce replaced by its SHA-256: third parties cannot validate them, only Graph can.
   */
  graphNonce?: string;
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function hashedNonce(nonce: string): string {
  return createHash("sha256").update(nonce).digest("base64url");
}

export function signJwt(claims: JwtClaims, key: SigningKey, options: SignOptions = {}): string {
  // Member order matters to the Graph nonce trick below and mirrors Entra's headers.
  const header: Record<string, string> = { typ: "JWT" };
  if (options.graphNonce) header.nonce = options.graphNonce;
  header.alg = "RS256";
  if (options.withX5t) header.x5t = key.x5t;
  header.kid = key.kid;
  const payload = encode(claims);
  const signedHeader = options.graphNonce
    ? encode({ ...header, nonce: hashedNonce(options.graphNonce) })
    : encode(header);
  const signature = sign("sha256", Buffer.from(`${signedHeader}.${payload}`), key.privateKey).toString("base64url");
  return `${encode(header)}.${payload}.${signature}`;
}

export interface DecodedJwt {
  header: JwtHeader;
  claims: JwtClaims;
  encodedPayload: string;
  signature: Buffer;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses without verifying; null for anything that is not a well-formed JWS compact JWT. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [h, p, s] = parts as [string, string, string];
  if (!/^[\w-]+$/.test(h) || !/^[\w-]+$/.test(p) || !/^[\w-]*$/.test(s)) return null;
  try {
    const header: unknown = JSON.parse(Buffer.from(h, "base64url").toString("utf8"));
    const claims: unknown = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
    if (!isRecord(header) || !isRecord(claims) || typeof header.alg !== "string") return null;
    return { header: header as JwtHeader, claims, encodedPayload: p, signature: Buffer.from(s, "base64url") };
  } catch {
    return null;
  }
}

export type VerifyFailure = "malformed" | "unknown_key" | "bad_signature";

/** Verifies an RS256 token signed by one of `keys`, Graph-nonce tokens included. */
export function verifyJwtSignature(token: string, keys: SigningKey[]): DecodedJwt | VerifyFailure {
  const decoded = decodeJwt(token);
  if (!decoded) return "malformed";
  if (decoded.header.alg !== "RS256") return "bad_signature";
  const key = keys.find((k) => k.kid === decoded.header.kid);
  if (!key) return "unknown_key";
  const { nonce, ...rest } = decoded.header;
  const signedHeader = typeof nonce === "string" ? encode(headerWith(rest, hashedNonce(nonce))) : token.split(".")[0];
  const ok = verify(
    "sha256",
    Buffer.from(`${signedHeader}.${decoded.encodedPayload}`),
    key.publicKey,
    decoded.signature,
  );
  return ok ? decoded : "bad_signature";
}

/** Rebuilds the header in its signed member order (typ, nonce, alg, x5t, kid). */
function headerWith(rest: Omit<JwtHeader, "nonce">, nonce: string): JwtHeader {
  const { typ, alg, ...others } = rest;
  return { ...(typ !== undefined ? { typ } : {}), nonce, alg, ...others } as JwtHeader;
}
