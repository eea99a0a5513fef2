import { createHash, createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";

export interface SigningKey {
  /** Entra sets `kid` = `x5t` = base64url SHA-1 thumbprint of the key's certificate. */
  kid: string;
  x5t: string;
  x5c: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  n: string;
  e: string;
}

export function loadSigningKey(certPem: string, keyPem: string): SigningKey {
  const cert = new X509Certificate(certPem);
  const thumbprint = createHash("sha1").update(cert.raw).digest("base64url");
  const jwk = cert.publicKey.export({ format: "jwk" });
  if (typeof jwk.n !== "string" || typeof jwk.e !== "string") throw new Error("signing key is not RSA");
  return {
    kid: thumbprint,
    x5t: thumbprint,
    x5c: cert.raw.toString("base64"),
    privateKey: createPrivateKey(keyPem),
    publicKey: cert.publicKey,
    n: jwk.n,
    e: jwk.e,
  };
}
