import type { EmulatorContext } from "../context";
import { BodyError, type RequestContext, sendJson } from "../support/http";
import { authenticateClient } from "./client-auth";
import { AadError, errorEnvelope } from "./errors";
import { authorizationCodeGrant } from "./grants/authorization-code";
import { clientCredentialsGrant } from "./grants/client-credentials";
import type { GrantInput } from "./grants/grant";
import { onBehalfOfGrant } from "./grants/on-behalf-of";
import { passwordGrant } from "./grants/password";
import { refreshTokenGrant } from "./grants/refresh-token";
import type { TokenResponse } from "./issue-tokens";
import { resolveTenantSegment } from "./tenant-segment";

const GRANTS: Record<string, (input: GrantInput) => TokenResponse> = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  client_credentials: clientCredentialsGrant,
  "urn:ietf:params:oauth:grant-type:jwt-bearer": onBehalfOfGrant,
  password: passwordGrant,
};

/** A claims challenge like Conditional Access sends with AADSTS50076/50079 (§5.2, §5.4). */
const DEFAULT_CLAIMS_CHALLENGE = JSON.stringify({
  access_token: { capolids: { essential: true, values: ["8f1b4a3e-55c1-4f5a-9d4e-2b7c9a6d1e0f"] } },
});

function responseHeaders(http: RequestContext): Record<string, string> {
  const headers: Record<string, string> = {
    "Cache-Control": "no-store, no-cache",
    Pragma: "no-cache",
    "x-ms-request-id": http.traceId,
  };
  if (http.req.headers["client-request-id"] || http.query.get("client-request-id"))
    headers["client-request-id"] = http.correlationId;
  return headers;
}

export function sendAadError(ectx: EmulatorContext, http: RequestContext, err: AadError): void {
  sendJson(http, err.status, errorEnvelope(err, http, ectx.clock.now(), ectx.url), responseHeaders(http));
}

/** POST /{tenant}/oauth2/v2.0/token */
export async function handleToken(
  ectx: EmulatorContext,
  http: RequestContext,
  /** Told the AADSTS code of every refused request (test mode counts them). */
  onRefused?: (code: number) => void,
): Promise<void> {
  try {
    const segment = resolveTenantSegment(ectx.directory, http.params.tenant ?? "");
    let form: URLSearchParams;
    try {
      form = await http.readForm();
    } catch (err) {
      if (err instanceof BodyError) throw new AadError(900144, { name: "grant_type" });
      throw err;
    }
    // v2 takes the resource from the scope; the v1 `resource` parameter is refused (§5.1).
    if (form.has("resource")) throw new AadError(901002);
    const grantType = form.get("grant_type");
    if (!grantType) throw new AadError(900144, { name: "grant_type" });
    const grant = GRANTS[grantType];
    if (!grant) throw new AadError(70003, { grantType });
    const { client, clientAuth } = authenticateClient(ectx, http, form, segment);

    const fault = ectx.faults.take("token", { grantType, clientId: client.appId });
    if (fault) {
      const mfa = fault.code === 50076 || fault.code === 50079;
      throw new AadError(
        fault.code,
        { resource: client.appId, ...fault.params },
        {
          // Through ROPC the MFA demand arrives as invalid_grant (§5.2).
          ...(fault.error ? { error: fault.error } : mfa && grantType === "password" ? { error: "invalid_grant" } : {}),
          ...(fault.suberror ? { suberror: fault.suberror } : mfa ? { suberror: "basic_action" } : {}),
          ...(fault.claims ? { claims: fault.claims } : mfa ? { claims: DEFAULT_CLAIMS_CHALLENGE } : {}),
        },
      );
    }
    const response = grant({ ectx, http, form, segment, client, clientAuth });
    ectx.log.debug({ grantType, clientId: client.appId }, "token issued");
    sendJson(http, 200, response, responseHeaders(http));
  } catch (err) {
    if (err instanceof AadError) {
      ectx.log.debug({ code: err.code, error: err.error }, "token request refused");
      onRefused?.(err.code);
      return sendAadError(ectx, http, err);
    }
    throw err;
  }
}
