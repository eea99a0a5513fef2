import { entraTimestamp } from "../support/clock";

/**
 * The AADSTS errors the emulator produces. Message texts are Entra's (entra-protocol.md §3.3,
 * §5, reference-error-codes.md); `{name}` placeholders are filled per request.
 */
const CATALOGUE = {
  16000: [
    "interaction_required",
    "Either multiple user identities are available for the current request or selected account is not supported for the scenario.",
  ],
  50000: ["server_error", "There was an error issuing a token or an issue with our sign-in service."],
  50011: [
    "invalid_request",
    "The redirect URI '{redirectUri}' specified in the request does not match the redirect URIs configured for the application '{appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.",
  ],
  50013: ["invalid_grant", "Assertion failed signature validation. [Reason - {reason}]"],
  50020: [
    "invalid_grant",
    "User account '{user}' from identity provider '{idp}' does not exist in tenant '{tenantName}' and cannot access the application '{appId}'({appName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.",
  ],
  50027: ["invalid_request", "JWT token is invalid or malformed."],
  50034: [
    "invalid_grant",
    "The user account {EmailHidden} does not exist in the {tenantId} directory. To sign into this application, the account must be added to the directory.",
  ],
  50049: ["invalid_instance", "Unknown or invalid instance."],
  50058: [
    "login_required",
    "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD.",
  ],
  50076: [
    "interaction_required",
    "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '{resource}'.",
  ],
  50079: [
    "interaction_required",
    "Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '{resource}'.",
  ],
  50105: [
    "invalid_grant",
    "Your administrator has configured the application {appName} ('{appId}') to block users unless they are specifically granted ('assigned') access to the application. The signed in user '{user}' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator. Please contact your administrator to assign access to this application.",
  ],
  50126: ["invalid_grant", "Error validating credentials due to invalid username or password."],
  54005: [
    "invalid_grant",
    "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
  ],
  65001: [
    "invalid_grant",
    "The user or administrator has not consented to use the application with ID '{appId}' named '{appName}'. Send an interactive authorization request for this user and resource.",
  ],
  65004: ["access_denied", "User declined to consent to access the app."],
  70000: ["invalid_grant", "Provided grant is invalid or malformed."],
  70003: ["unsupported_grant_type", "The app requested an unsupported grant type '{grantType}'."],
  70008: [
    "invalid_grant",
    "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
  ],
  70011: [
    "invalid_scope",
    "The provided value for the input parameter 'scope' is not valid. The scope {scope} is not valid.",
  ],
  90002: [
    "invalid_request",
    "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.",
  ],
  90023: ["invalid_request", "Unsupported 'prompt' value '{prompt}'."],
  90094: ["consent_required", "The grant requires admin permission."],
  240002: ["invalid_grant", "Input id_token cannot be used as 'urn:ietf:params:oauth:grant-type:jwt-bearer' grant."],
  500011: [
    "invalid_resource",
    "The resource principal named {resource} was not found in the tenant named {tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.",
  ],
  500112: [
    "invalid_grant",
    "The reply address '{given}' does not match the reply address '{expected}' provided when requesting Authorization code.",
  ],
  500133: [
    "invalid_grant",
    "Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token. Current time: {now}, expiry time of assertion {exp}.",
  ],
  501481: [
    "invalid_grant",
    "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
  ],
  501491: ["invalid_request", "Invalid size of Code_Challenge parameter."],
  650052: [
    "invalid_client",
    'The app needs access to a service ("{resource}") that your organization "{tenantName}" has not subscribed to or enabled. Contact your IT Admin to review the configuration of your service subscriptions.',
  ],
  650053: [
    "invalid_client",
    "The application '{appName}' asked for scope '{scope}' that doesn't exist on the resource '{resourceAppId}'. Contact the app vendor.",
  ],
  700005: ["invalid_grant", "Provided Authorization Code is intended to use against other tenant, thus rejected."],
  700016: [
    "unauthorized_client",
    "Application with identifier '{appId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.",
  ],
  700027: ["invalid_client", "Client assertion failed signature validation."],
  700054: ["unsupported_response_type", "response_type '{responseType}' is not enabled for the application."],
  700082: [
    "invalid_grant",
    "The refresh token has expired due to inactivity. The token was issued on {issued} and was inactive for 90.00:00:00.",
  ],
  900144: ["invalid_request", "The request body must contain the following parameter: '{name}'."],
  900971: ["invalid_request", "No reply address provided."],
  901002: ["invalid_request", "The 'resource' request parameter is not supported."],
  7000215: [
    "invalid_client",
    "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{appId}'.",
  ],
  7000218: [
    "invalid_client",
    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  ],
  9001023: [
    "unsupported_grant_type",
    "The grant type isn't supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.",
  ],
  9002313: ["invalid_request", "Invalid request. Request is malformed or invalid."],
} as const satisfies Record<number, readonly [string, string]>;

export type AadstsCode = keyof typeof CATALOGUE;

export interface AadErrorOptions {
  /** Overrides the catalogue's `error` (the same AADSTS code reads differently per endpoint). */
  error?: string;
  suberror?: string;
  claims?: string;
  status?: number;
  /** Replaces the catalogue text where Entra words the same code differently per endpoint. */
  message?: string;
}

/** An Entra protocol error: thrown anywhere, rendered by the endpoint in Entra's envelope. */
export class AadError extends Error {
  readonly error: string;
  readonly status: number;

  constructor(
    readonly code: AadstsCode,
    params: Record<string, string> = {},
    readonly options: AadErrorOptions = {},
  ) {
    const [error, template] = CATALOGUE[code];
    const text = options.message ?? template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
    super(`AADSTS${code}: ${text}`);
    this.name = "AadError";
    this.error = options.error ?? error;
    // Entra answers 401 for every invalid_client (entra-protocol.md §0.5).
    this.status = options.status ?? (this.error === "invalid_client" ? 401 : this.error === "server_error" ? 500 : 400);
  }
}

export interface RequestIds {
  traceId: string;
  correlationId: string;
}

export interface ErrorEnvelope {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
  suberror?: string;
  claims?: string;
}

export function errorEnvelope(err: AadError, ids: RequestIds, now: Date, instanceUrl: string): ErrorEnvelope {
  const timestamp = entraTimestamp(now);
  const envelope: ErrorEnvelope = {
    error: err.error,
    error_description: `${err.message}\r\nTrace ID: ${ids.traceId}\r\nCorrelation ID: ${ids.correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: ids.traceId,
    correlation_id: ids.correlationId,
    error_uri: `${instanceUrl}/error?code=${err.code}`,
  };
  if (err.options.suberror) envelope.suberror = err.options.suberror;
  if (err.options.claims) envelope.claims = err.options.claims;
  return envelope;
}

export function describeCode(code: number): string | undefined {
  const entry = (CATALOGUE as Record<number, readonly [string, string] | undefined>)[code];
  return entry?.[1];
}
