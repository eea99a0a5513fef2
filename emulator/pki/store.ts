import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  certificateExpiresAt,
  certificateHostnames,
  createCertificateAuthority,
  createServerCertificate,
  createSigningKey,
} from "./certificates";
import { loadSigningKey, type SigningKey } from "./signing-key";

export interface Pki {
  caFile: string;
  caCertPem: string;
  tlsCertPem: string;
  tlsKeyPem: string;
  /** Signs tokens of organizational tenants. */
  orgKey: SigningKey;
  /** Signs tokens of the personal-account tenant; Entra keeps separate keys for it too. */
  msaKey: SigningKey;
  /** Keys pairwise `sub` values. */
  pairwiseSecret: Buffer;
  /** Encrypts refresh tokens, which carry their own state and so survive a restart. */
  refreshTokenKey: Buffer;
}

const FILES = {
  caCert: "ca.pem",
  caKey: "ca-key.pem",
  tlsCert: "tls.pem",
  tlsKey: "tls-key.pem",
  orgCert: "signing-org.pem",
  orgKey: "signing-org-key.pem",
  msaCert: "signing-msa.pem",
  msaKey: "signing-msa-key.pem",
  secrets: "secrets.json",
} as const;

function writeAtomic(file: string, content: string, mode = 0o600): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, file);
}

/**
 * Generates everything into a private folder and renames it into place, so two emulators
 * starting at once (a dev server and a test run) never mix one CA with another's certificate:
 * the loser of the rename discards its material and reads the winner's.
 */
async function createPkiDirectory(pkiDir: string, hostnames: string[]): Promise<void> {
  const tmp = `${pkiDir}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  mkdirSync(tmp, { recursive: true, mode: 0o755 });
  try {
    const ca = await createCertificateAuthority("Surveys Entra ID Emulator Local CA");
    const [tls, org, msa] = await Promise.all([
      createServerCertificate(ca, hostnames),
      createSigningKey("Surveys Entra ID Emulator token signing (organizations)"),
      createSigningKey("Surveys Entra ID Emulator token signing (consumers)"),
    ]);
    const files: Record<string, string> = {
      [FILES.caCert]: ca.certPem,
      [FILES.caKey]: ca.keyPem,
      [FILES.tlsCert]: tls.certPem,
      [FILES.tlsKey]: tls.keyPem,
      [FILES.orgCert]: org.certPem,
      [FILES.orgKey]: org.keyPem,
      [FILES.msaCert]: msa.certPem,
      [FILES.msaKey]: msa.keyPem,
      [FILES.secrets]: JSON.stringify({
        pairwiseSecret: randomBytes(32).toString("base64"),
        refreshTokenKey: randomBytes(32).toString("base64"),
      }),
    };
    for (const [name, content] of Object.entries(files)) {
      // Certificates are public; keys and secrets stay private to the user.
      writeFileSync(path.join(tmp, name), content, {
        mode: name.endsWith("key.pem") || name === FILES.secrets ? 0o600 : 0o644,
      });
    }
    try {
      renameSync(tmp, pkiDir);
    } catch (error) {
      if (!existsSync(path.join(pkiDir, FILES.secrets))) throw error;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export async function loadOrCreatePki(dataDir: string, hostnames: string[]): Promise<Pki> {
  const pkiDir = path.join(dataDir, "pki");
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(path.join(pkiDir, FILES.secrets))) await createPkiDirectory(pkiDir, hostnames);

  const read = (name: string) => readFileSync(path.join(pkiDir, name), "utf8");
  const caCertPem = read(FILES.caCert);
  let tlsCertPem = read(FILES.tlsCert);
  let tlsKeyPem = read(FILES.tlsKey);

  // A new public host name, or a certificate close to expiry: re-issue from the same CA so
  // nothing that already trusts the CA has to change.
  const covered = new Set(certificateHostnames(tlsCertPem).map((h) => h.toLowerCase()));
  const expiring = certificateExpiresAt(tlsCertPem).getTime() < Date.now() + 30 * 86_400_000;
  if (expiring || hostnames.some((h) => !covered.has(h.toLowerCase()))) {
    const tls = await createServerCertificate({ certPem: caCertPem, keyPem: read(FILES.caKey) }, [
      ...new Set([...covered, ...hostnames.map((h) => h.toLowerCase())]),
    ]);
    writeAtomic(path.join(pkiDir, FILES.tlsKey), tls.keyPem);
    writeAtomic(path.join(pkiDir, FILES.tlsCert), tls.certPem);
    tlsCertPem = tls.certPem;
    tlsKeyPem = tls.keyPem;
  }

  const secrets = JSON.parse(read(FILES.secrets)) as { pairwiseSecret: string; refreshTokenKey: string };
  return {
    caFile: path.join(pkiDir, FILES.caCert),
    caCertPem,
    tlsCertPem,
    tlsKeyPem,
    orgKey: loadSigningKey(read(FILES.orgCert), read(FILES.orgKey)),
    msaKey: loadSigningKey(read(FILES.msaCert), read(FILES.msaKey)),
    pairwiseSecret: Buffer.from(secrets.pairwiseSecret, "base64"),
    refreshTokenKey: Buffer.from(secrets.refreshTokenKey, "base64"),
  };
}

/**
 * Node reads NODE_EXTRA_CA_CERTS once, at start-up, and takes one file; this machine already
 * points it at the system bundle. So children get a bundle: whatever that file held, plus our CA.
 */
export function writeCaBundle(dataDir: string, caCertPem: string, existing = process.env.NODE_EXTRA_CA_CERTS): string {
  const bundleFile = path.join(dataDir, "ca-bundle.pem");
  let base = "";
  if (existing && existsSync(existing)) {
    base = readFileSync(existing, "utf8");
  }
  const content = base.includes(caCertPem.trim()) ? base : `${base.trimEnd()}${base ? "\n" : ""}${caCertPem}`;
  if (!existsSync(bundleFile) || readFileSync(bundleFile, "utf8") !== content) writeAtomic(bundleFile, content, 0o644);
  return bundleFile;
}
