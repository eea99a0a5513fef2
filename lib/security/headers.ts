// Response headers of every page and endpoint. The script policy is nonce-based (Next.js reads
// the nonce from the request's CSP header and puts it on its own scripts): no inline script runs
// unless we rendered it, so stored XSS cannot execute even if markup ever slipped through.
import { requireIdentity } from "@/lib/env";

export const NONCE_HEADER = "x-nonce";

export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  const identity = requireIdentity();
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // Style attributes (React's style={…}) are not scripts; inline styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Sign-in, sign-up and sign-out forms end in a redirect to the identity provider.
    `form-action 'self' ${new URL(identity.instance).origin}`,
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(options: { https: boolean }): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
