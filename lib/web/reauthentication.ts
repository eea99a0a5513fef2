// The sign-in page's address for "sign in again, then come back": an expired sign-in, a Graph
// permission the person must consent to, or a claims challenge (MFA, Conditional Access).
import { safeReturnPath } from "@/lib/auth/session-path";

export const REAUTHENTICATION_REASONS = ["expired", "consent", "step_up"] as const;
export type ReauthenticationReason = (typeof REAUTHENTICATION_REASONS)[number];

export function isReauthenticationReason(value: unknown): value is ReauthenticationReason {
  return REAUTHENTICATION_REASONS.includes(value as ReauthenticationReason);
}

export function reauthenticationPath(
  returnTo: string,
  options: { reason: ReauthenticationReason; claims?: string },
): string {
  const query = new URLSearchParams({ callbackUrl: safeReturnPath(returnTo), reauth: options.reason });
  if (options.claims) query.set("claims", options.claims);
  return `/signin?${query}`;
}
