// Secrets must never reach a log line, whoever logs them and however they are nested. Rather
// than listing paths (which misses the next new field), every log object is walked and
// sensitive keys and token-shaped strings are masked.

const SENSITIVE_KEY =
  /(token|secret|password|passwd|authorization|cookie|assertion|client_assertion|code_verifier|private|api[-_]?key|credential|^code$|ciphertext)/i;

// A JWS/JWT (three base64url segments starting with the "eyJ" of '{"'), and Bearer credentials.
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
// A JWE (five segments, the second empty with direct encryption): next-auth's session cookie.
const JWE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/g;
// Entra's opaque refresh tokens ("0.A…" / "1.A…", as the emulator's), outside a `refresh_token` key.
const REFRESH_TOKEN = /\b[01]\.A[A-Za-z0-9_-]{40,}/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
// Passwords inside connection strings: scheme://user:password@host
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]+@/gi;

export const REDACTED = "[redacted]";

export function redactString(value: string): string {
  return value
    .replace(JWE, REDACTED)
    .replace(JWT, REDACTED)
    .replace(REFRESH_TOKEN, REDACTED)
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(URL_PASSWORD, `$1${REDACTED}@`);
}

// A number or boolean under a key like "tokenCount" cannot be a secret; strings and objects can.
function mayHoldSecret(value: unknown): boolean {
  return (typeof value === "string" && value !== "") || (typeof value === "object" && value !== null);
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactString(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[too deep]";
  if (value instanceof Error) {
    // Stay an Error so loggers' error serializers still recognise it.
    const copy = new Error(redactString(value.message));
    copy.name = value.name;
    copy.stack = value.stack && redactString(value.stack);
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SENSITIVE_KEY.test(key) && mayHoldSecret(item) ? REDACTED : redact(item, depth + 1);
  }
  return out;
}
