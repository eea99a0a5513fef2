import type { EmulatorContext } from "../context";
import { entraTimestamp } from "../support/clock";
import { BodyError, type ErrorRenderer, type RequestContext, type Router, sendHtml, sendJson } from "../support/http";
import { html, page } from "../ui/layout";
import { errorPage } from "../ui/sign-in-pages";
import { handleAdminConsent, handleAuthorize, handleLogout } from "./authorize-endpoint";
import { DISCOVERY_HEADERS, instanceDiscovery, jwks, openIdConfigurationV1, openIdConfigurationV2 } from "./discovery";
import { AadError, describeCode, errorEnvelope } from "./errors";
import { advance, handleInteractionAction, sendErrorPage } from "./interaction";
import { resolveTenantSegment, type TenantSegment } from "./tenant-segment";
import { handleToken, sendAadError } from "./token-endpoint";

/** JSON endpoints answer unexpected failures with Entra's envelope, never a stack trace. */
export function jsonErrors(ectx: EmulatorContext): ErrorRenderer {
  return (http, error) => {
    const err =
      error instanceof AadError ? error : error instanceof BodyError ? new AadError(9002313) : new AadError(50000);
    if (!(error instanceof AadError)) ectx.log.error({ err: error, path: http.url.pathname }, "request failed");
    if (http.res.headersSent) return http.res.destroy();
    sendAadError(ectx, http, err);
  };
}

export function htmlErrors(ectx: EmulatorContext): ErrorRenderer {
  return (http, error) => {
    if (!(error instanceof AadError)) ectx.log.error({ err: error, path: http.url.pathname }, "request failed");
    if (http.res.headersSent) return http.res.destroy();
    sendErrorPage(ectx, http, error instanceof AadError ? error : new AadError(50000));
  };
}

function segmentOrError(ectx: EmulatorContext, http: RequestContext): TenantSegment | undefined {
  try {
    return resolveTenantSegment(ectx.directory, http.params.tenant ?? "");
  } catch (err) {
    if (!(err instanceof AadError)) throw err;
    sendJson(http, 400, errorEnvelope(err, http, ectx.clock.now(), ectx.url), DISCOVERY_HEADERS);
    return undefined;
  }
}

export function registerProtocolRoutes(router: Router, ectx: EmulatorContext): void {
  const json = jsonErrors(ectx);
  const htmlPage = htmlErrors(ectx);
  // next-auth appends ?appid=<client id>; Entra then echoes it on jwks_uri (§1.2).
  const appIdOf = (http: RequestContext) => http.query.get("appid");

  router.add(
    "GET",
    "/:tenant/v2.0/.well-known/openid-configuration",
    (http) => {
      const segment = segmentOrError(ectx, http);
      if (segment) sendJson(http, 200, openIdConfigurationV2(ectx, segment, appIdOf(http)), DISCOVERY_HEADERS);
    },
    json,
  );
  router.add(
    "GET",
    "/:tenant/.well-known/openid-configuration",
    (http) => {
      const segment = segmentOrError(ectx, http);
      if (segment) sendJson(http, 200, openIdConfigurationV1(ectx, segment, appIdOf(http)), DISCOVERY_HEADERS);
    },
    json,
  );
  router.add(
    "GET",
    "/:tenant/discovery/v2.0/keys",
    (http) => {
      const segment = segmentOrError(ectx, http);
      if (segment) sendJson(http, 200, jwks(ectx, segment, 2), DISCOVERY_HEADERS);
    },
    json,
  );
  router.add(
    "GET",
    "/:tenant/discovery/keys",
    (http) => {
      const segment = segmentOrError(ectx, http);
      if (segment) sendJson(http, 200, jwks(ectx, segment, 1), DISCOVERY_HEADERS);
    },
    json,
  );
  router.add(
    "GET",
    "/:tenant/discovery/instance",
    (http) => {
      const body = instanceDiscovery(ectx, http.query.get("authorization_endpoint"));
      if (body) return sendJson(http, 200, body, DISCOVERY_HEADERS);
      const err = new AadError(50049);
      sendJson(http, 400, errorEnvelope(err, http, ectx.clock.now(), ectx.url), DISCOVERY_HEADERS);
    },
    json,
  );

  router.add(["GET", "POST"], "/:tenant/oauth2/v2.0/authorize", (http) => handleAuthorize(ectx, http), htmlPage);
  router.add("POST", "/:tenant/oauth2/v2.0/token", (http) => handleToken(ectx, http), json);
  router.add(["GET", "POST"], "/:tenant/oauth2/v2.0/logout", (http) => handleLogout(ectx, http), htmlPage);
  router.add("GET", "/:tenant/v2.0/adminconsent", (http) => handleAdminConsent(ectx, http), htmlPage);

  router.add(
    "GET",
    "/interaction/:id",
    (http) => {
      const interaction = ectx.interactions.get(http.params.id ?? "");
      if (!interaction) return sendErrorPage(ectx, http, "This sign-in request has expired or was already completed.");
      advance(ectx, http, interaction);
    },
    htmlPage,
  );
  router.add("POST", "/interaction/:id/:action", (http) => handleInteractionAction(ectx, http), htmlPage);

  // error_uri of every error body points here.
  router.add(
    "GET",
    "/error",
    (http) => {
      const code = Number(http.query.get("code"));
      const text = describeCode(code);
      sendHtml(
        http,
        text ? 200 : 404,
        page(`AADSTS${code}`, html`<h1>AADSTS${String(code)}</h1><p>${text ?? "Unknown error code."}</p>`),
      );
    },
    htmlPage,
  );
}

export function notFound(ectx: EmulatorContext, http: RequestContext): void {
  sendHtml(
    http,
    404,
    errorPage("The page you asked for does not exist on this emulator.", {
      traceId: http.traceId,
      correlationId: http.correlationId,
      timestamp: entraTimestamp(ectx.clock.now()),
    }),
  );
}
