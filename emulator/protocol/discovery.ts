import { type EmulatorContext, issuerV1, issuerV2 } from "../context";
import { CONSUMERS_TENANT_ID } from "../directory/model";
import type { SigningKey } from "../pki/signing-key";
import type { TenantSegment } from "./tenant-segment";

export const DISCOVERY_HEADERS = {
  "Cache-Control": "max-age=86400, private",
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
};

/**
 * The path segment endpoints are published under: the keyword for common/organizations/
 * consumers, the tenant id otherwise ("always resolved with tenant id", even when the request
 * named a domain).
 */
function pathTenant(segment: TenantSegment): string {
  return segment.kind === "tenant" ? segment.tenant.id : segment.segment;
}

function issuerTenant(segment: TenantSegment): string {
  if (segment.kind === "tenant") return segment.tenant.id;
  if (segment.kind === "consumers") return CONSUMERS_TENANT_ID;
  return "{tenantid}";
}

function regionScope(segment: TenantSegment): string | null {
  return segment.kind === "tenant" ? segment.tenant.region : null;
}

function withAppId(uri: string, appId: string | null): string {
  return appId ? `${uri}?appid=${encodeURIComponent(appId)}` : uri;
}

/** `/{tenant}/v2.0/.well-known/openid-configuration`, member for member as Entra returns it (§1.1, §1.2). */
export function openIdConfigurationV2(ctx: EmulatorContext, segment: TenantSegment, appId: string | null) {
  const base = `${ctx.url}/${pathTenant(segment)}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: withAppId(`${base}/discovery/v2.0/keys`, appId),
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: issuerV2(ctx, issuerTenant(segment)),
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.url}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      "sub",
      "iss",
      "cloud_instance_name",
      "cloud_instance_host_name",
      "cloud_graph_host_name",
      "msgraph_host",
      "aud",
      "exp",
      "iat",
      "auth_time",
      "acr",
      "nonce",
      "preferred_username",
      "name",
      "tid",
      "ver",
      "at_hash",
      "c_hash",
      "email",
    ],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: regionScope(segment),
    cloud_instance_name: new URL(ctx.url).hostname,
    cloud_graph_host_name: ctx.hostPort,
    msgraph_host: ctx.hostPort,
    rbac_url: ctx.url,
  };
}

/** `/{tenant}/.well-known/openid-configuration`: what validators of v1 tokens read (§1.3). */
export function openIdConfigurationV1(ctx: EmulatorContext, segment: TenantSegment, appId: string | null) {
  const base = `${ctx.url}/${pathTenant(segment)}`;
  return {
    token_endpoint: `${base}/oauth2/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: withAppId(`${base}/discovery/keys`, appId),
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "token id_token", "token"],
    scopes_supported: ["openid"],
    issuer: issuerV1(ctx, issuerTenant(segment)),
    microsoft_multi_refresh_token: true,
    authorization_endpoint: `${base}/oauth2/authorize`,
    device_authorization_endpoint: `${base}/oauth2/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/logout`,
    claims_supported: [
      "sub",
      "iss",
      "cloud_instance_name",
      "cloud_instance_host_name",
      "cloud_graph_host_name",
      "msgraph_host",
      "aud",
      "exp",
      "iat",
      "auth_time",
      "acr",
      "amr",
      "nonce",
      "email",
      "given_name",
      "family_name",
      "nickname",
    ],
    check_session_iframe: `${base}/oauth2/checksession`,
    userinfo_endpoint: `${base}/openid/userinfo`,
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: regionScope(segment),
    cloud_instance_name: new URL(ctx.url).hostname,
    cloud_graph_host_name: ctx.hostPort,
    msgraph_host: ctx.hostPort,
    rbac_url: ctx.url,
  };
}

function jwk(key: SigningKey, issuer: string) {
  return { kty: "RSA", use: "sig", kid: key.kid, x5t: key.x5t, n: key.n, e: key.e, x5c: [key.x5c], issuer };
}

/**
 * JWKS with Entra's per-key `issuer` member (§1.4): the organizations key advertises the
 * `{tenantid}` template (or the tenant's issuer on a tenant path), the personal-account key
 * the consumers issuer.
 */
export function jwks(ctx: EmulatorContext, segment: TenantSegment, version: 1 | 2) {
  const issuer = (tid: string) => (version === 2 ? issuerV2(ctx, tid) : issuerV1(ctx, tid));
  const msa = jwk(ctx.pki.msaKey, issuer(CONSUMERS_TENANT_ID));
  if (segment.kind === "consumers" || (segment.kind === "tenant" && segment.tenant.id === CONSUMERS_TENANT_ID)) {
    return { keys: [msa] };
  }
  if (segment.kind === "tenant") return { keys: [jwk(ctx.pki.orgKey, issuer(segment.tenant.id))] };
  const org = jwk(ctx.pki.orgKey, issuer("{tenantid}"));
  return { keys: segment.kind === "common" ? [org, msa] : [org] };
}

/**
 * msal's instance discovery (§1.5). The emulator is a cloud of one host: its metadata lists
 * only itself. Any other host is "invalid_instance", which msal turns into untrusted_authority.
 */
export function instanceDiscovery(ctx: EmulatorContext, authorizationEndpoint: string | null) {
  let endpoint: URL | null = null;
  try {
    endpoint = authorizationEndpoint ? new URL(authorizationEndpoint) : null;
  } catch {
    endpoint = null;
  }
  if (!endpoint || endpoint.host.toLowerCase() !== ctx.hostPort.toLowerCase()) return null;
  const tenant = endpoint.pathname.split("/").filter(Boolean)[0] ?? "common";
  return {
    tenant_discovery_endpoint: `${ctx.url}/${tenant}/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [{ preferred_network: ctx.hostPort, preferred_cache: ctx.hostPort, aliases: [ctx.hostPort] }],
  };
}
