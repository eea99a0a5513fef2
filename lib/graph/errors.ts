// Expected failures of the Survey API's calls to Microsoft Graph. The API answers
// ConsentRequiredError with 403 and the challenge it carries; the web app turns that into a
// consent (or step-up) redirect.
import { AppError } from "@/lib/errors";

export type ConsentFailure =
  /** The tenant or user has not consented to (or revoked) the Graph permissions (AADSTS65001). */
  | "consent_required"
  /** Conditional Access / MFA demands more of the user's sign-in (AADSTS50076/50079 with claims). */
  | "claims_challenge"
  /** Graph itself refused: the token lacks a permission (403 Authorization_RequestDenied). */
  | "insufficient_privileges";

export class ConsentRequiredError extends AppError {
  static override readonly errorName = "ConsentRequiredError";
  readonly code = "forbidden";
  readonly status = 403;
  constructor(
    /** The Graph scopes the operation needs. */
    readonly scopes: readonly string[],
    readonly reason: ConsentFailure,
    readonly details: { claims?: string; aadstsCode?: number } = {},
  ) {
    super(
      reason === "claims_challenge"
        ? "Your organization requires you to sign in again before this can be done."
        : "This needs a permission your organization has not granted to Surveys.",
    );
  }

  /**
   * A `WWW-Authenticate` value for the API's 403: RFC 6750 `insufficient_scope` with the scopes,
   * or Entra's `insufficient_claims` with the claims challenge base64-encoded (as Microsoft's
   * web APIs send it, so the client can pass it to the next authorization request).
   */
  wwwAuthenticate(): string {
    const scope = `scope="${this.scopes.join(" ")}"`;
    if (this.details.claims) {
      const claims = Buffer.from(this.details.claims, "utf8").toString("base64");
      return `Bearer error="insufficient_claims", error_description="${this.reason}", claims="${claims}", ${scope}`;
    }
    return `Bearer error="insufficient_scope", error_description="${this.reason}", ${scope}`;
  }
}

/** Graph could not be reached, timed out, throttled us, or failed on its side: retry later. */
export class GraphUnavailableError extends AppError {
  static override readonly errorName = "GraphUnavailableError";
  readonly code = "unavailable";
  readonly status = 503;
  constructor(readonly detail: string) {
    super("Microsoft Graph is not reachable right now. Try again in a moment.");
  }
}
