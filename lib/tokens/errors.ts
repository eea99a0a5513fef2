// Expected failures of token acquisition. Pages and route handlers turn them into answers
// ("sign in again and come back here", "try again in a moment"); none of them is a 500.
import { AppError } from "@/lib/errors";

export type ReauthenticationReason =
  /** Nothing usable in the token cache for this user (never stored, forgotten, unreadable, expired). */
  | "no_cached_tokens"
  /** The identity provider wants the user in front of it: MFA, Conditional Access, consent, a new sign-in. */
  | "interaction_required"
  /** The refresh token was refused (expired after 90 days unused, revoked, consent withdrawn). */
  | "invalid_grant";

/**
 * The user must sign in again (then come back to where they were). Not a failure of ours: the
 * cache holds nothing for them, or the identity provider refused to renew silently.
 */
export class ReauthenticationRequiredError extends AppError {
  static override readonly errorName = "ReauthenticationRequiredError";
  readonly code = "unauthorized";
  readonly status = 401;
  constructor(
    readonly reason: ReauthenticationReason,
    readonly details: {
      /** The AADSTS code the identity provider answered with, if it answered. */
      aadstsCode?: number;
      /** A claims challenge (e.g. AADSTS50076) to pass as the `claims` parameter of the next sign-in. */
      claims?: string;
    } = {},
  ) {
    super("Your sign-in has expired. Sign in again to continue.");
  }
}

/** The identity provider could not be reached or answered with a server error: retry later. */
export class IdentityProviderUnavailableError extends AppError {
  static override readonly errorName = "IdentityProviderUnavailableError";
  readonly code = "unavailable";
  readonly status = 503;
  constructor(readonly detail: string) {
    super("The sign-in service is not reachable right now. Try again in a moment.");
  }
}
