import { AadError } from "../errors";
import { issueAppToken, type TokenResponse } from "../issue-tokens";
import { splitScopes } from "../scopes";
import type { GrantInput } from "./grant";

/** §5.3: one `{resource}/.default`, a tenant-specific authority, roles from that tenant's grants. */
export function clientCredentialsGrant({ ectx, form, segment, client, clientAuth }: GrantInput): TokenResponse {
  const { directory } = ectx;
  if (segment.kind === "common" || segment.kind === "consumers") throw new AadError(9001023);
  const tenant = segment.kind === "tenant" ? segment.tenant : directory.tenant(client.homeTenantId);
  if (!tenant) throw new AadError(90002, { tenant: segment.segment });
  const scope = form.get("scope");
  if (!scope) throw new AadError(900144, { name: "scope" });
  const scopes = splitScopes(scope);
  const only = scopes.length === 1 ? scopes[0] : undefined;
  if (!only?.toLowerCase().endsWith("/.default")) throw new AadError(70011, { scope });
  const prefix = only.slice(0, -"/.default".length);
  const resource = directory.resourceByIdentifier(prefix);
  if (!resource || !directory.servicePrincipal(tenant.id, resource.appId)) {
    throw new AadError(500011, { resource: prefix, tenantName: tenant.displayName });
  }
  const sp = directory.servicePrincipal(tenant.id, client.appId);
  if (!sp) throw new AadError(700016, { appId: client.appId, tenant: tenant.id });
  return issueAppToken(ectx, {
    client,
    tenant,
    target: { resource, prefix, values: [], isDefault: true },
    servicePrincipalId: sp.objectId,
    clientAuth,
  });
}
