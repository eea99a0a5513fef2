import type { EmulatorContext } from "../context";
import type { Application } from "../directory/model";
import type { RequestContext } from "../support/http";
import { isGuid } from "../support/ids";
import { AadError } from "./errors";
import { decodeJwt } from "./jwt";
import type { TenantSegment } from "./tenant-segment";

export interface AuthenticatedClient {
  client: Application;
  /** appidacr / azpacr: "1" client secret, "2" certificate. */
  clientAuth: "1" | "2";
}

const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, " "));
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before base64 (openid-client does so). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  if (!header?.toLowerCase().startsWith("basic ")) return undefined;
  try {
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

/**
 * Confidential clients authenticate with client_secret_post (msal) or client_secret_basic
 * (openid-client's default): both are accepted, as Entra does (§5).
 */
export function authenticateClient(
  ectx: EmulatorContext,
  http: RequestContext,
  form: URLSearchParams,
  segment: TenantSegment,
): AuthenticatedClient {
  const basic = basicCredentials(http.req.headers.authorization);
  const bodyId = form.get("client_id") || undefined;
  if (basic && bodyId && basic.id !== bodyId) throw new AadError(9002313);
  const clientId = bodyId ?? basic?.id;
  if (!clientId) throw new AadError(900144, { name: "client_id" });
  const client = isGuid(clientId) ? ectx.directory.application(clientId) : undefined;
  if (!client || client.secrets.length === 0) {
    throw new AadError(700016, {
      appId: clientId,
      tenant: segment.kind === "tenant" ? segment.tenant.id : segment.segment,
    });
  }
  const assertion = form.get("client_assertion");
  if (assertion) {
    if (form.get("client_assertion_type") !== CLIENT_ASSERTION_TYPE)
      throw new AadError(900144, { name: "client_assertion_type" });
    if (!decodeJwt(assertion)) throw new AadError(50027);
    // No app here registers a certificate, so no assertion can verify.
    throw new AadError(700027);
  }
  const secret = form.get("client_secret") ?? basic?.secret;
  if (!secret) throw new AadError(7000218);
  if (!client.secrets.includes(secret)) throw new AadError(7000215, { appId: client.appId });
  return { client, clientAuth: "1" };
}
