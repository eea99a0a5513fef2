import type { EmulatorContext } from "../context";
import type { Application } from "../directory/model";
import { isGuid } from "../support/ids";
import { AadError } from "./errors";
import type { ResponseMode } from "./respond";
import { resolveTenantSegment, type TenantSegment } from "./tenant-segment";

export type Prompt = "login" | "none" | "consent" | "select_account";

export interface AuthorizeRequest {
  kind: "authorize";
  tenantSegment: string;
  clientId: string;
  redirectUri: string;
  responseMode: ResponseMode;
  scope: string;
  state: string | undefined;
  nonce: string | undefined;
  prompt: Prompt | undefined;
  loginHint: string | undefined;
  domainHint: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: "S256" | "plain" | undefined;
  /** msal sends client_info=1 and expects client_info back. */
  clientInfo: boolean;
}

export interface AdminConsentRequest {
  kind: "adminconsent";
  tenantSegment: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | undefined;
}

export interface ClientTarget {
  segment: TenantSegment;
  client: Application;
  redirectUri: string;
}

function optional(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value === "" ? undefined : value;
}

/**
 * What Entra checks before it trusts the redirect URI: tenant, client, redirect URI. These
 * errors are shown on Entra's own page, never sent to the (unverified) redirect URI.
 */
export function resolveClientTarget(
  ectx: EmulatorContext,
  tenantSegment: string,
  params: URLSearchParams,
): ClientTarget {
  const segment = resolveTenantSegment(ectx.directory, tenantSegment);
  const clientId = optional(params, "client_id");
  if (!clientId) throw new AadError(900144, { name: "client_id" });
  const client = isGuid(clientId) ? ectx.directory.application(clientId) : undefined;
  if (!client) {
    throw new AadError(700016, {
      appId: clientId,
      tenant: segment.kind === "tenant" ? segment.tenant.id : segment.segment,
    });
  }
  const requested = optional(params, "redirect_uri");
  // "If not present, the endpoint will pick one registered redirect_uri at random" (§3.1).
  const redirectUri = requested ?? client.redirectUris[0];
  if (!redirectUri) throw new AadError(900971);
  if (!client.redirectUris.includes(redirectUri)) throw new AadError(50011, { redirectUri, appId: client.appId });
  return { segment, client, redirectUri };
}

const PROMPTS: readonly string[] = ["login", "none", "consent", "select_account"];
const RESPONSE_MODES: readonly string[] = ["query", "fragment", "form_post"];

/**
 * The rest of /authorize's parameters; errors here go back to the client's redirect URI.
 * Unknown parameters (msal's x-client-*, client-request-id, claims…) are ignored, as Entra does.
 */
export function parseAuthorizeRequest(
  tenantSegment: string,
  target: ClientTarget,
  params: URLSearchParams,
): AuthorizeRequest {
  const responseModeParam = optional(params, "response_mode");
  const responseMode = (
    responseModeParam && RESPONSE_MODES.includes(responseModeParam) ? responseModeParam : "query"
  ) as ResponseMode;
  const request: AuthorizeRequest = {
    kind: "authorize",
    tenantSegment,
    clientId: target.client.appId,
    redirectUri: target.redirectUri,
    responseMode,
    scope: params.get("scope") ?? "",
    state: params.get("state") ?? undefined,
    nonce: optional(params, "nonce"),
    prompt: undefined,
    loginHint: optional(params, "login_hint"),
    domainHint: optional(params, "domain_hint"),
    codeChallenge: optional(params, "code_challenge"),
    codeChallengeMethod: undefined,
    clientInfo: params.get("client_info") === "1",
  };
  return request;
}

/** Validation that needs the request (and so can answer through the redirect URI). */
export function validateAuthorizeRequest(request: AuthorizeRequest, params: URLSearchParams): void {
  const responseType = optional(params, "response_type");
  if (!responseType) throw new AadError(900144, { name: "response_type" });
  if (responseType.split(" ").sort().join(" ") !== "code") {
    // The Surveys apps do not enable the implicit flow, so anything but the code flow is refused.
    throw new AadError(700054, { responseType });
  }
  const responseMode = optional(params, "response_mode");
  if (responseMode && !RESPONSE_MODES.includes(responseMode)) throw new AadError(9002313);
  if (!request.scope.trim()) throw new AadError(900144, { name: "scope" });
  const prompt = optional(params, "prompt");
  if (prompt !== undefined) {
    if (!PROMPTS.includes(prompt)) throw new AadError(90023, { prompt });
    request.prompt = prompt as Prompt;
  }
  const method = optional(params, "code_challenge_method");
  if (method !== undefined && method !== "S256" && method !== "plain") throw new AadError(9002313);
  if (request.codeChallenge !== undefined) {
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(request.codeChallenge)) throw new AadError(501491);
    // "If the method is absent, plain is assumed" (§3.1).
    request.codeChallengeMethod = (method ?? "plain") as "S256" | "plain";
  } else if (method !== undefined) {
    throw new AadError(900144, { name: "code_challenge" });
  }
}

export function parseAdminConsentRequest(
  tenantSegment: string,
  target: ClientTarget,
  params: URLSearchParams,
): AdminConsentRequest {
  return {
    kind: "adminconsent",
    tenantSegment,
    clientId: target.client.appId,
    redirectUri: target.redirectUri,
    scope: params.get("scope") ?? "",
    state: params.get("state") ?? undefined,
  };
}
