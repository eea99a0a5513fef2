import type { EmulatorContext } from "../context";
import { type RequestContext, redirect, sendHtml, serializeCookie } from "../support/http";
import { signedOutPage } from "../ui/sign-in-pages";
import { AadError } from "./errors";
import { advance, SESSION_COOKIE, sendErrorPage } from "./interaction";
import { decodeJwt } from "./jwt";
import {
  type ClientTarget,
  parseAdminConsentRequest,
  parseAuthorizeRequest,
  resolveClientTarget,
  validateAuthorizeRequest,
} from "./requests";
import { errorParams, respondToClient } from "./respond";
import { resolveTenantSegment } from "./tenant-segment";

async function requestParams(http: RequestContext): Promise<URLSearchParams> {
  return http.method === "POST" ? http.readForm() : http.query;
}

function clientTargetOrPage(
  ectx: EmulatorContext,
  http: RequestContext,
  params: URLSearchParams,
): ClientTarget | undefined {
  try {
    return resolveClientTarget(ectx, http.params.tenant ?? "", params);
  } catch (err) {
    if (err instanceof AadError) {
      sendErrorPage(ectx, http, err);
      return undefined;
    }
    throw err;
  }
}

/** GET|POST /{tenant}/oauth2/v2.0/authorize (§3). */
export async function handleAuthorize(ectx: EmulatorContext, http: RequestContext): Promise<void> {
  const params = await requestParams(http);
  const target = clientTargetOrPage(ectx, http, params);
  if (!target) return;
  const request = parseAuthorizeRequest(http.params.tenant ?? "", target, params);
  try {
    validateAuthorizeRequest(request, params);
    const fault = ectx.faults.take("authorize", { clientId: target.client.appId });
    if (fault) {
      throw new AadError(
        fault.code,
        { resource: target.client.appId, ...fault.params },
        {
          ...(fault.error ? { error: fault.error } : {}),
          ...(fault.suberror ? { suberror: fault.suberror } : {}),
          ...(fault.claims ? { claims: fault.claims } : {}),
        },
      );
    }
  } catch (err) {
    if (err instanceof AadError) {
      return respondToClient(
        http,
        request.responseMode,
        request.redirectUri,
        errorParams(ectx, http, err, request.state),
      );
    }
    throw err;
  }
  advance(ectx, http, ectx.interactions.create(request));
}

/** GET /{tenant}/v2.0/adminconsent (§4.1). */
export async function handleAdminConsent(ectx: EmulatorContext, http: RequestContext): Promise<void> {
  const params = http.query;
  const target = clientTargetOrPage(ectx, http, params);
  if (!target) return;
  const request = parseAdminConsentRequest(http.params.tenant ?? "", target, params);
  if (!request.scope.trim()) {
    const err = new AadError(900144, { name: "scope" });
    const out: [string, string][] = [["admin_consent", "True"], ...errorParams(ectx, http, err, request.state)];
    return respondToClient(http, "query", request.redirectUri, out);
  }
  advance(ectx, http, ectx.interactions.create(request));
}

/**
 * GET|POST /{tenant}/oauth2/v2.0/logout (§6): ends the emulator session and, like Entra, honours
 * a post_logout_redirect_uri registered as a redirect URI, with or without id_token_hint.
 */
export async function handleLogout(ectx: EmulatorContext, http: RequestContext): Promise<void> {
  try {
    resolveTenantSegment(ectx.directory, http.params.tenant ?? "");
  } catch (err) {
    if (err instanceof AadError) return sendErrorPage(ectx, http, err);
    throw err;
  }
  const params = await requestParams(http);
  const sessionId = http.cookies.get(SESSION_COOKIE);
  if (sessionId) ectx.sessions.delete(sessionId);
  const headers = { "Set-Cookie": serializeCookie(SESSION_COOKIE, "", { maxAgeSeconds: 0 }) };

  const postLogout = params.get("post_logout_redirect_uri");
  if (postLogout) {
    const hintAud = decodeJwt(params.get("id_token_hint") ?? "")?.claims.aud;
    const clientId = params.get("client_id") ?? (typeof hintAud === "string" ? hintAud : undefined);
    const apps = clientId
      ? [ectx.directory.application(clientId)].filter((a) => a !== undefined)
      : [...ectx.directory.applications.values()];
    if (apps.some((app) => app.redirectUris.includes(postLogout))) {
      const url = new URL(postLogout);
      const state = params.get("state");
      if (state !== null) url.searchParams.append("state", state);
      return redirect(http, url.toString(), headers);
    }
  }
  sendHtml(http, 200, signedOutPage(), headers);
}
