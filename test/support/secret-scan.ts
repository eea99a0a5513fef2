// Looks for secrets and tokens in log text: the shapes of what Entra ID and next-auth hand out
// (JWTs, encrypted session cookies, the emulator's refresh tokens, authorization codes in URLs)
// and the literal values of this run's own secrets. The outside check on lib/redact.ts: the e2e
// tier scans every server log line of its run (e2e/global-teardown.ts).

export interface SecretFinding {
  line: number;
  kind: string;
  /** The start of the match only, so a report does not repeat the secret it found. */
  excerpt: string;
}

const SHAPES: Array<[kind: string, pattern: RegExp]> = [
  // header.payload.signature, both JSON: an ID or access token.
  ["jwt", /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  // header..iv.ciphertext.tag: next-auth's encrypted session cookie (JWE, direct key).
  ["jwe", /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  // The emulator's refresh tokens ("1.A" + sealed state), as Entra's start with "1.A" or "0.A".
  ["refresh token", /\b[01]\.A[A-Za-z0-9_-]{60,}/],
  ["authorization code", /[?&]code=[A-Za-z0-9._~-]{16,}/],
  ["session cookie", /surveys\.session(?:\.\d+)?=[^;\s"]{16,}/],
];

/** Every secret in `text`: token shapes, and any of the `known` values (name → value) verbatim. */
export function findSecrets(text: string, known: Record<string, string> = {}): SecretFinding[] {
  const literals = Object.entries(known).filter(([, value]) => value.length >= 8);
  const findings: SecretFinding[] = [];
  text.split("\n").forEach((content, index) => {
    for (const [kind, pattern] of SHAPES) {
      const match = pattern.exec(content);
      if (match) findings.push({ line: index + 1, kind, excerpt: `${match[0].slice(0, 12)}…` });
    }
    for (const [name, value] of literals) {
      if (content.includes(value)) findings.push({ line: index + 1, kind: name, excerpt: `${value.slice(0, 3)}…` });
    }
  });
  return findings;
}
