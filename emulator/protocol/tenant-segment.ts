import type { Directory } from "../directory/directory";
import { CONSUMERS_TENANT_ID, type Tenant } from "../directory/model";
import { AadError } from "./errors";

export type TenantSegment =
  | { kind: "common" | "organizations"; segment: string }
  | { kind: "consumers"; segment: string; tenant: Tenant | undefined }
  | { kind: "tenant"; segment: string; tenant: Tenant };

/** The `{tenant}` path segment: common, organizations, consumers, a tenant GUID or a verified domain. */
export function resolveTenantSegment(directory: Directory, raw: string): TenantSegment {
  const segment = raw.toLowerCase();
  if (segment === "common" || segment === "organizations") return { kind: segment, segment };
  if (segment === "consumers") return { kind: "consumers", segment, tenant: directory.tenant(CONSUMERS_TENANT_ID) };
  const tenant = directory.resolveTenant(segment);
  if (!tenant) throw new AadError(90002, { tenant: raw });
  return { kind: "tenant", segment: tenant.id, tenant };
}

export function isMultiTenant(segment: TenantSegment): boolean {
  return segment.kind === "common" || segment.kind === "organizations";
}
