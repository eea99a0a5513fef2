import type { Directory } from "../directory/directory";
import { GRAPH_APP_ID } from "../directory/graph-resource";
import type { Application } from "../directory/model";
import { AadError } from "./errors";

export const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"] as const;
export type OidcScope = (typeof OIDC_SCOPES)[number];

/** The scopes of one resource, as one request names them. */
export interface ResourceScopes {
  resource: Application;
  /**
   * The prefix the caller used ("https://graph.microsoft.com", "api://surveys-api", an appId),
   * or "" for Graph's short names. Responses echo scopes in the caller's form, and v1 tokens
   * use it as `aud`.
   */
  prefix: string;
  /** Permission values, in the resource's casing. For `/.default`: the client's static ones. */
  values: string[];
  isDefault: boolean;
}

export interface ParsedScopes {
  oidc: Set<OidcScope>;
  /** In request order: the first one gets the access token. */
  resources: ResourceScopes[];
}

export function splitScopes(scope: string | null | undefined): string[] {
  return (scope ?? "").split(/\s+/).filter(Boolean);
}

/**
 * Reads a v2 scope parameter (§3.1): OIDC scopes, `{resource}/{scope}`, `{resource}/.default`,
 * and Graph's short names without a prefix. Unknown resources and scopes fail like Entra.
 */
export function parseScopes(
  directory: Directory,
  client: Application,
  scope: string,
  tenantName: string,
): ParsedScopes {
  const oidc = new Set<OidcScope>();
  const byResource = new Map<string, ResourceScopes>();
  for (const token of splitScopes(scope)) {
    const lower = token.toLowerCase();
    if ((OIDC_SCOPES as readonly string[]).includes(lower)) {
      oidc.add(lower as OidcScope);
      continue;
    }
    const slash = token.lastIndexOf("/");
    const prefix = slash > 0 ? token.slice(0, slash) : "";
    const value = slash > 0 ? token.slice(slash + 1) : token;
    const resource = prefix ? directory.resourceByIdentifier(prefix) : directory.application(GRAPH_APP_ID);
    if (!resource) throw new AadError(500011, { resource: prefix, tenantName });
    let entry = byResource.get(resource.appId);
    if (!entry) {
      entry = { resource, prefix, values: [], isDefault: false };
      byResource.set(resource.appId, entry);
    }
    if (value.toLowerCase() === ".default") {
      if (entry.values.length > 0 && !entry.isDefault) throw new AadError(70011, { scope: token });
      entry.isDefault = true;
      const statics = client.requiredResourceAccess.find((r) => r.resourceAppId === resource.appId)?.scopes ?? [];
      entry.values = [...statics];
      continue;
    }
    if (entry.isDefault) throw new AadError(70011, { scope: token });
    const permission = resource.scopes.find((s) => s.value.toLowerCase() === value.toLowerCase());
    if (!permission) {
      throw new AadError(650053, { appName: client.displayName, scope: value, resourceAppId: resource.appId });
    }
    if (!entry.values.includes(permission.value)) entry.values.push(permission.value);
  }
  return { oidc, resources: [...byResource.values()] };
}

export function renderScope(entry: Pick<ResourceScopes, "prefix">, value: string): string {
  return entry.prefix ? `${entry.prefix}/${value}` : value;
}

/** The OIDC scopes are Graph permissions too; consent and `scp` treat them so. */
export function graphScopesOf(parsed: ParsedScopes): string[] {
  return [...parsed.oidc];
}
