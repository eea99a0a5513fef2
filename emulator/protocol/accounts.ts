import { type EmulatorContext, issuerV1 } from "../context";
import { type Application, CONSUMERS_TENANT_ID, type Tenant, type TenantUser, type UserRef } from "../directory/model";
import { AadError } from "./errors";
import type { TenantSegment } from "./tenant-segment";

export interface SignedInUser {
  /** The tenant tokens are issued for. */
  tenant: Tenant;
  /** The user object in that tenant (a guest object for guests). */
  user: TenantUser;
}

function isPersonal(ref: UserRef): boolean {
  return ref.tenantId === CONSUMERS_TENANT_ID;
}

export function tenantNameOf(segment: TenantSegment): string {
  return segment.kind === "tenant" ? segment.tenant.displayName : segment.segment;
}

/** Whether a home account can sign in on this tenant segment at all (for the picker and SSO). */
export function fitsSegment(ectx: EmulatorContext, segment: TenantSegment, ref: UserRef): boolean {
  switch (segment.kind) {
    case "common":
      return true;
    case "organizations":
      return !isPersonal(ref);
    case "consumers":
      return isPersonal(ref);
    case "tenant":
      return ectx.directory.userInTenant(segment.tenant.id, ref) !== undefined;
  }
}

/**
 * Maps the home account that signed in to the tenant the tokens are for: the named tenant, or
 * the account's home tenant on common/organizations/consumers. AADSTS50020 when the account has
 * no object there (a user of another organization who is not a guest here).
 */
export function resolveSignIn(
  ectx: EmulatorContext,
  segment: TenantSegment,
  client: Application,
  home: TenantUser,
): SignedInUser {
  const { directory } = ectx;
  const refuse = (tenantName: string) =>
    new AadError(50020, {
      user: home.userPrincipalName,
      idp: isPersonal(home.home) ? "live.com" : issuerV1(ectx, home.home.tenantId),
      tenantName,
      appId: client.appId,
      appName: client.displayName,
    });
  let tenant: Tenant | undefined;
  if (segment.kind === "tenant") tenant = segment.tenant;
  else if (segment.kind === "organizations" && isPersonal(home.home)) throw refuse("organizations");
  else if (segment.kind === "consumers" && !isPersonal(home.home))
    throw refuse(segment.tenant?.displayName ?? "consumers");
  else tenant = directory.tenant(home.home.tenantId);
  if (!tenant) throw refuse(tenantNameOf(segment));
  const user = directory.userInTenant(tenant.id, home.home);
  if (!user) throw refuse(tenant.displayName);
  if (client.signInAudience === "AzureADMyOrg" && tenant.id !== client.homeTenantId) {
    throw new AadError(700016, { appId: client.appId, tenant: tenant.id });
  }
  if (isPersonal(home.home) && client.signInAudience !== "AzureADandPersonalMicrosoftAccount")
    throw refuse(tenant.displayName);
  return { tenant, user };
}

/** Users offered on the sign-in page: the segment's, narrowed by domain_hint. */
export function candidateAccounts(
  ectx: EmulatorContext,
  segment: TenantSegment,
  domainHint: string | undefined,
): TenantUser[] {
  const { directory } = ectx;
  let users: TenantUser[];
  if (segment.kind === "tenant") {
    users = [...segment.tenant.users.values()]
      .map((u) => directory.user(u.home))
      .filter((u): u is TenantUser => u !== undefined);
  } else {
    users = directory.homeUsers().filter((u) => fitsSegment(ectx, segment, u.home));
  }
  if (domainHint) {
    const hint = domainHint.toLowerCase();
    if (hint === "consumers") users = users.filter((u) => isPersonal(u.home));
    else if (hint === "organizations") users = users.filter((u) => !isPersonal(u.home));
    else {
      const hinted = directory.resolveTenant(hint);
      if (hinted) users = users.filter((u) => u.home.tenantId === hinted.id);
    }
  }
  return users;
}

export function matchesLogin(user: TenantUser | undefined, login: string): boolean {
  if (!user) return false;
  const needle = login.trim().toLowerCase();
  return user.userPrincipalName.toLowerCase() === needle || user.mail?.toLowerCase() === needle;
}
