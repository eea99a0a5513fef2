// The API's own expected errors: refused tokens (401 with a Bearer challenge), a token without
// the API's scope or role (403 insufficient_scope), and requests that are not even well-formed
// (400), as opposed to well-formed input the domain refuses (422 ValidationError).
import { AppError, type FieldErrors } from "@/lib/errors";

/** Quoted-string safe: challenges carry our own fixed texts only, never request input. */
const quote = (value: string) => `"${value.replace(/["\\]/g, "")}"`;

export type AuthenticationFailure =
  | "missing_token"
  | "malformed_token"
  | "invalid_token"
  | "expired"
  | "personal_account"
  | "unregistered_tenant"
  | "offboarded_tenant";

const MESSAGES: Record<AuthenticationFailure, string> = {
  missing_token: "Send an access token for the Survey API (Authorization: Bearer …).",
  malformed_token: "The Authorization header must be `Bearer` followed by an access token.",
  invalid_token: "The access token is not valid for the Survey API.",
  expired: "The access token has expired.",
  personal_account: "Personal Microsoft accounts cannot use Surveys; sign in with a work or school account.",
  unregistered_tenant: "Your organization has not signed up for Surveys.",
  offboarded_tenant: "Your organization no longer uses Surveys.",
};

export class AuthenticationError extends AppError {
  static override readonly errorName = "AuthenticationError";
  readonly code = "unauthorized";
  readonly status = 401;
  constructor(readonly reason: AuthenticationFailure) {
    super(MESSAGES[reason]);
  }

  /** RFC 6750 §3: no error code when no credentials were sent; invalid_token otherwise. */
  wwwAuthenticate(): string {
    if (this.reason === "missing_token") return 'Bearer realm="Survey API"';
    return `Bearer realm="Survey API", error="invalid_token", error_description=${quote(this.reason)}`;
  }
}

export type ScopeFailure = "missing_scope" | "missing_role";

export class InsufficientScopeError extends AppError {
  static override readonly errorName = "InsufficientScopeError";
  readonly code = "forbidden";
  readonly status = 403;
  constructor(
    readonly reason: ScopeFailure,
    /** The delegated scope (missing_scope) or application permission (missing_role) that is needed. */
    readonly needed: string,
  ) {
    super(
      reason === "missing_scope"
        ? `The access token does not carry the ${needed} scope.`
        : `This application has not been granted ${needed}.`,
    );
  }

  wwwAuthenticate(): string {
    return `Bearer realm="Survey API", error="insufficient_scope", error_description=${quote(this.reason)}, scope=${quote(this.needed)}`;
  }
}

/** Not JSON, too large, or a query that does not fit its schema: nothing was looked at. */
export class MalformedRequestError extends AppError {
  static override readonly errorName = "MalformedRequestError";
  readonly code = "validation_failed";
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
    readonly status: 400 | 413 | 415 = 400,
  ) {
    super(message);
  }
}
