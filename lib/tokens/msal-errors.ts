// What an msal failure means for us. msal reports the identity provider's answers as its own
// error types (entra-protocol.md §5.5); this sorts them into the few outcomes callers act on.
import { AuthError, InteractionRequiredAuthError, ServerError } from "@azure/msal-node";

export type MsalFailure =
  /** Nothing to renew with: no account or no refresh token in the cache. */
  | { kind: "no_tokens"; errorCode: string }
  /** The identity provider refused the grant (expired or revoked refresh token, missing consent…). */
  | { kind: "invalid_grant"; errorCode: string; subError: string; aadstsCode: number | undefined }
  /** The user must interact: MFA or Conditional Access (often with a claims challenge), consent, sign-in. */
  | {
      kind: "interaction_required";
      errorCode: string;
      subError: string;
      aadstsCode: number | undefined;
      claims: string | undefined;
    }
  /** Not reachable, too slow, or a server-side failure: worth retrying later. */
  | { kind: "unavailable"; errorCode: string; status: number | undefined }
  /** Anything else (bad client secret, misconfiguration, a bug): unexpected. */
  | { kind: "unexpected" };

const NO_TOKENS = new Set(["no_tokens_found", "no_account_in_silent_request", "no_account_found"]);
/** msal's client-side view that the refresh token is past its lifetime. */
const EXPIRED = new Set(["refresh_token_expired"]);
const UNREACHABLE = new Set(["network_error", "endpoints_resolution_error", "openid_config_error"]);
const SERVER_SIDE = new Set(["temporarily_unavailable", "server_error", "service_unavailable"]);

function aadsts(errorNo: string | number | undefined): number | undefined {
  const n = Number(errorNo);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function classifyMsalError(error: unknown): MsalFailure {
  if (!(error instanceof AuthError)) return { kind: "unexpected" };
  const { errorCode, subError } = error;
  if (NO_TOKENS.has(errorCode)) return { kind: "no_tokens", errorCode };
  if (error instanceof InteractionRequiredAuthError) {
    if (EXPIRED.has(errorCode)) return { kind: "invalid_grant", errorCode, subError, aadstsCode: undefined };
    return {
      kind: "interaction_required",
      errorCode,
      subError,
      aadstsCode: aadsts(error.errorNo),
      claims: error.claims || undefined,
    };
  }
  if (error instanceof ServerError) {
    const status = error.status;
    if (SERVER_SIDE.has(errorCode) || (status !== undefined && (status >= 500 || status === 429))) {
      return { kind: "unavailable", errorCode, status };
    }
    if (errorCode === "invalid_grant") {
      return { kind: "invalid_grant", errorCode, subError, aadstsCode: aadsts(error.errorNo) };
    }
    return { kind: "unexpected" };
  }
  if (UNREACHABLE.has(errorCode)) return { kind: "unavailable", errorCode, status: undefined };
  return { kind: "unexpected" };
}
