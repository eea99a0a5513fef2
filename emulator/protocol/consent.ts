import type { Directory } from "../directory/directory";
import { GRAPH_APP_ID } from "../directory/graph-resource";
import type { Application, Tenant, TenantUser } from "../directory/model";
import { AadError } from "./errors";
import type { ParsedScopes } from "./scopes";

export interface ScopesOfResource {
  resource: Application;
  values: string[];
}

export interface ConsentEvaluation {
  requested: ScopesOfResource[];
  missing: ScopesOfResource[];
  /** What is missing needs an administrator (admin-only scope, or user consent disabled). */
  adminRequired: boolean;
}

/** Delegated permissions per resource, OIDC scopes counted as Graph's (as Entra does). */
export function requestedPermissions(directory: Directory, parsed: ParsedScopes): ScopesOfResource[] {
  const result: ScopesOfResource[] = [];
  const graph = directory.application(GRAPH_APP_ID);
  const graphEntry = parsed.resources.find((r) => r.resource.appId === GRAPH_APP_ID);
  const graphValues = [...parsed.oidc, ...(graphEntry?.values ?? [])];
  if (graph && graphValues.length > 0) result.push({ resource: graph, values: graphValues });
  for (const entry of parsed.resources) {
    if (entry.resource.appId !== GRAPH_APP_ID) result.push({ resource: entry.resource, values: entry.values });
  }
  return result;
}

export function evaluateConsent(
  directory: Directory,
  tenant: Tenant,
  client: Application,
  user: TenantUser,
  parsed: ParsedScopes,
): ConsentEvaluation {
  const requested = requestedPermissions(directory, parsed);
  const missing: ScopesOfResource[] = [];
  let adminRequired = false;
  for (const { resource, values } of requested) {
    const isKnownClient = resource.knownClientApplications.includes(client.appId);
    if (resource.appId !== client.appId && !directory.servicePrincipal(tenant.id, resource.appId) && !isKnownClient) {
      throw new AadError(650052, {
        resource: resource.identifierUris[0] ?? resource.appId,
        tenantName: tenant.displayName,
      });
    }
    const granted = directory.grantedScopes(tenant.id, client.appId, resource.appId, user.oid);
    const lacking = values.filter((v) => !granted.has(v.toLowerCase()));
    if (lacking.length === 0) continue;
    missing.push({ resource, values: lacking });
    if (tenant.userConsent === "disabled") adminRequired = true;
    for (const value of lacking) {
      if (resource.scopes.find((s) => s.value === value)?.type === "Admin") adminRequired = true;
    }
  }
  return { requested, missing, adminRequired };
}

export function recordConsent(
  directory: Directory,
  tenant: Tenant,
  client: Application,
  user: TenantUser,
  scopes: ScopesOfResource[],
  forOrganization: boolean,
): void {
  directory.consent({
    tenantId: tenant.id,
    clientAppId: client.appId,
    consentType: forOrganization ? "AllPrincipals" : "Principal",
    principalId: user.oid,
    delegated: scopes.map((s) => ({ resourceAppId: s.resource.appId, scopes: s.values })),
  });
}

/** What a token request may use without asking anyone: 65001 otherwise. */
export function assertConsented(
  directory: Directory,
  tenant: Tenant,
  client: Application,
  user: TenantUser,
  parsed: ParsedScopes,
  options: { suberror?: string } = {},
): void {
  const evaluation = evaluateConsent(directory, tenant, client, user, parsed);
  if (evaluation.missing.length > 0) {
    throw new AadError(
      65001,
      { appId: client.appId, appName: client.displayName },
      options.suberror ? { suberror: options.suberror } : {},
    );
  }
}
