import { readFileSync } from "node:fs";
import { derivedGuid } from "../support/ids";
import { GRAPH_APP_ID, graphApplication } from "./graph-resource";
import type {
  Application,
  AppRoleAssignment,
  PermissionGrant,
  SentMail,
  ServicePrincipal,
  Tenant,
  TenantUser,
  UserRef,
} from "./model";
import { applicationSchema, type DirectorySeed, directorySeedSchema, type SeedTenant } from "./seed-schema";

export interface ConsentRequest {
  tenantId: string;
  clientAppId: string;
  /** "Principal": only for `principalId` (user consent). "AllPrincipals": admin consent for everyone. */
  consentType: "AllPrincipals" | "Principal";
  principalId?: string;
  delegated: { resourceAppId: string; scopes: string[] }[];
  /** Application permissions (app roles), which only admin consent grants. */
  appRoles?: { resourceAppId: string; roles: string[] }[];
}

export function readSeedFile(file: string): DirectorySeed {
  const raw: unknown = JSON.parse(readFileSync(file, "utf8"));
  const parsed = directorySeedSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`invalid directory seed ${file}:\n${issues}`);
  }
  return parsed.data;
}

/**
 * The emulated directory: tenants, users, app registrations, and the state consent creates
 * (service principals, permission grants, app-role assignments), plus Graph's mail outbox.
 * Everything is in memory; `reset()` returns to the seed.
 */
export class Directory {
  readonly applications = new Map<string, Application>();
  readonly tenants = new Map<string, Tenant>();
  readonly outbox: SentMail[] = [];
  defaultPassword = "";
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly seed: DirectorySeed,
    private readonly extraRedirectUris: string[] = [],
  ) {
    this.reset();
  }

  /** Called after every change (the portal and tests use it; persistence could). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  reset(): void {
    this.applications.clear();
    this.tenants.clear();
    this.outbox.length = 0;
    this.defaultPassword = this.seed.defaultPassword;
    const tenantIdByKey = new Map(this.seed.tenants.map((t) => [t.key, t.id]));
    const seedApps = [applicationSchema.parse(graphApplication), ...this.seed.applications];
    const appIdByRef = new Map<string, string>();
    for (const app of seedApps) {
      appIdByRef.set(app.key.toLowerCase(), app.appId);
      appIdByRef.set(app.appId.toLowerCase(), app.appId);
      for (const uri of app.identifierUris) appIdByRef.set(uri.toLowerCase(), app.appId);
    }
    const resolveApp = (ref: string): string => {
      const id = appIdByRef.get(ref.toLowerCase());
      if (!id) throw new Error(`directory seed: unknown application '${ref}'`);
      return id;
    };
    for (const app of seedApps) {
      const isWebApp = app.key === this.seed.applications[0]?.key;
      this.applications.set(app.appId, {
        key: app.key,
        appId: app.appId,
        displayName: app.displayName,
        publisher: app.publisher,
        homeTenantId: tenantIdByKey.get(app.homeTenant) ?? app.homeTenant,
        signInAudience: app.signInAudience,
        identifierUris: app.identifierUris,
        accessTokenVersion: app.requestedAccessTokenVersion === 2 ? 2 : 1,
        secrets: app.secrets,
        redirectUris: [...app.redirectUris, ...(isWebApp ? this.extraRedirectUris : [])],
        scopes: app.oauth2PermissionScopes,
        appRoles: app.appRoles,
        requiredResourceAccess: app.requiredResourceAccess.map((r) => ({
          resourceAppId: resolveApp(r.resource),
          scopes: r.scopes,
          roles: r.roles,
        })),
        knownClientApplications: app.knownClientApplications.map(resolveApp),
      });
    }
    for (const seedTenant of this.seed.tenants) this.tenants.set(seedTenant.id, this.buildTenant(seedTenant));
    // Guests and consents refer to users and apps of other tenants, so they come second.
    for (const seedTenant of this.seed.tenants) {
      const tenant = this.tenants.get(seedTenant.id);
      if (!tenant) continue;
      for (const guest of seedTenant.guests) {
        const home = this.findHomeUser(guest.homeUser);
        if (!home)
          throw new Error(`directory seed: guest of ${seedTenant.key} refers to unknown user ${guest.homeUser}`);
        tenant.users.set(guest.oid, {
          ...home,
          tenantId: tenant.id,
          oid: guest.oid,
          // Entra's guest UPN: the mail with @ replaced, #EXT#, and the tenant's initial domain.
          userPrincipalName: `${(home.mail ?? home.userPrincipalName).replace("@", "_")}#EXT#@${tenant.domains[0]}`,
          isAdmin: false,
          userType: "Guest",
          home: { tenantId: home.tenantId, oid: home.oid },
        });
      }
      for (const appRef of seedTenant.consentedApps)
        this.adminConsentStaticPermissions(tenant.id, resolveApp(appRef), false);
      for (const assignment of seedTenant.appRoleAssignments) {
        const user = this.findTenantUserByLogin(tenant.id, assignment.user);
        if (!user)
          throw new Error(`directory seed: role assignment in ${seedTenant.key} for unknown user ${assignment.user}`);
        for (const appRef of assignment.apps)
          this.assignUserRole(tenant.id, user.oid, resolveApp(appRef), assignment.role, false);
      }
    }
    this.changed();
  }

  private buildTenant(seed: SeedTenant): Tenant {
    const tenant: Tenant = {
      id: seed.id,
      key: seed.key,
      displayName: seed.displayName,
      kind: seed.kind,
      domains: seed.domains,
      region: seed.region,
      userConsent: seed.userConsent,
      createdDateTime: "2024-01-15T09:00:00Z",
      users: new Map(),
      servicePrincipals: new Map(),
      grants: [],
      appRoleAssignments: [],
    };
    for (const u of seed.users) {
      tenant.users.set(u.oid, {
        tenantId: seed.id,
        oid: u.oid,
        displayName: u.displayName,
        givenName: u.givenName ?? null,
        surname: u.surname ?? null,
        userPrincipalName: u.userPrincipalName,
        mail: u.mail ?? null,
        jobTitle: u.jobTitle ?? null,
        isAdmin: u.admin,
        userType: "Member",
        home: { tenantId: seed.id, oid: u.oid },
        password: u.password,
      });
    }
    return tenant;
  }

  // ---- look-ups -------------------------------------------------------------------------

  tenant(id: string): Tenant | undefined {
    return this.tenants.get(id.toLowerCase());
  }

  /** A tenant by GUID or by one of its verified domains (case-insensitive). */
  resolveTenant(idOrDomain: string): Tenant | undefined {
    const needle = idOrDomain.toLowerCase();
    const byId = this.tenants.get(needle);
    if (byId) return byId;
    for (const tenant of this.tenants.values()) {
      if (tenant.domains.some((d) => d.toLowerCase() === needle)) return tenant;
    }
    return undefined;
  }

  application(appId: string): Application | undefined {
    return this.applications.get(appId.toLowerCase());
  }

  applicationByKey(key: string): Application | undefined {
    for (const app of this.applications.values()) if (app.key === key) return app;
    return undefined;
  }

  /** A resource by App ID URI or appId, as the prefix of a scope names it. */
  resourceByIdentifier(identifier: string): Application | undefined {
    const needle = identifier.toLowerCase().replace(/\/+$/, "");
    for (const app of this.applications.values()) {
      if (app.appId === needle || app.identifierUris.some((u) => u.toLowerCase().replace(/\/+$/, "") === needle))
        return app;
    }
    return undefined;
  }

  user(ref: UserRef): TenantUser | undefined {
    return this.tenant(ref.tenantId)?.users.get(ref.oid);
  }

  /** A member (not a guest) by UPN or mail: the account someone types on the sign-in page. */
  findHomeUser(login: string): TenantUser | undefined {
    const needle = login.trim().toLowerCase();
    for (const tenant of this.tenants.values()) {
      for (const user of tenant.users.values()) {
        if (user.userType !== "Member") continue;
        if (user.userPrincipalName.toLowerCase() === needle || user.mail?.toLowerCase() === needle) return user;
      }
    }
    return undefined;
  }

  /** The object that represents a home account in `tenantId`: the member itself or its guest. */
  userInTenant(tenantId: string, home: UserRef): TenantUser | undefined {
    const tenant = this.tenant(tenantId);
    if (!tenant) return undefined;
    for (const user of tenant.users.values()) {
      if (user.home.tenantId === home.tenantId && user.home.oid === home.oid) return user;
    }
    return undefined;
  }

  findTenantUserByLogin(tenantId: string, login: string): TenantUser | undefined {
    const home = this.findHomeUser(login);
    return home ? this.userInTenant(tenantId, home.home) : undefined;
  }

  homeUsers(): TenantUser[] {
    const all: TenantUser[] = [];
    for (const tenant of this.tenants.values()) {
      for (const user of tenant.users.values()) if (user.userType === "Member") all.push(user);
    }
    return all;
  }

  servicePrincipal(tenantId: string, appId: string): ServicePrincipal | undefined {
    const tenant = this.tenant(tenantId);
    if (!tenant) return undefined;
    const existing = tenant.servicePrincipals.get(appId);
    if (existing) return existing;
    // Microsoft Graph is present in every tenant without anyone consenting.
    if (appId === GRAPH_APP_ID) return this.ensureServicePrincipal(tenant, appId);
    return undefined;
  }

  /** Delegated scopes `clientAppId` holds on `resourceAppId` for this user in this tenant. */
  grantedScopes(tenantId: string, clientAppId: string, resourceAppId: string, userOid: string): Set<string> {
    const granted = new Set<string>();
    const tenant = this.tenant(tenantId);
    if (!tenant?.servicePrincipals.has(clientAppId)) return granted;
    for (const grant of tenant.grants) {
      if (grant.clientAppId !== clientAppId || grant.resourceAppId !== resourceAppId) continue;
      if (grant.consentType === "Principal" && grant.principalId !== userOid) continue;
      for (const s of grant.scopes) granted.add(s.toLowerCase());
    }
    return granted;
  }

  /** App-role values assigned to a principal (user oid or service principal id) on a resource. */
  assignedRoles(tenantId: string, principalId: string, resourceAppId: string): string[] {
    const tenant = this.tenant(tenantId);
    const resource = this.application(resourceAppId);
    if (!tenant || !resource) return [];
    const values = new Set<string>();
    for (const a of tenant.appRoleAssignments) {
      if (a.principalId !== principalId || a.resourceAppId !== resourceAppId) continue;
      const role = resource.appRoles.find((r) => r.id === a.appRoleId);
      if (role) values.add(role.value);
    }
    return [...values];
  }

  // ---- consent and assignments ----------------------------------------------------------

  private ensureServicePrincipal(tenant: Tenant, appId: string): ServicePrincipal {
    let sp = tenant.servicePrincipals.get(appId);
    if (!sp) {
      sp = {
        objectId: derivedGuid("servicePrincipal", tenant.id, appId),
        appId,
        createdDateTime: new Date().toISOString(),
        appRoleAssignmentRequired: false,
      };
      tenant.servicePrincipals.set(appId, sp);
    }
    return sp;
  }

  /**
   * Records a consent the way Entra does: the client's service principal appears in the tenant,
   * the delegated scopes become (or extend) an oauth2PermissionGrant, app roles become
   * assignments on the client's service principal. APIs that list the client in
   * knownClientApplications are consented along with it (their own static permissions).
   */
  consent(request: ConsentRequest, notify = true): void {
    const tenant = this.tenant(request.tenantId);
    if (!tenant) throw new Error(`unknown tenant ${request.tenantId}`);
    const clientSp = this.ensureServicePrincipal(tenant, request.clientAppId);
    const principalId = request.consentType === "Principal" ? (request.principalId ?? null) : null;
    for (const { resourceAppId, scopes } of request.delegated) {
      if (scopes.length === 0) continue;
      this.ensureServicePrincipal(tenant, resourceAppId);
      const existing = tenant.grants.find(
        (g) =>
          g.clientAppId === request.clientAppId &&
          g.resourceAppId === resourceAppId &&
          g.consentType === request.consentType &&
          g.principalId === principalId,
      );
      if (existing) {
        const have = new Set(existing.scopes.map((s) => s.toLowerCase()));
        for (const s of scopes) if (!have.has(s.toLowerCase())) existing.scopes.push(s);
      } else {
        tenant.grants.push({
          id: derivedGuid(
            "grant",
            tenant.id,
            request.clientAppId,
            resourceAppId,
            request.consentType,
            principalId ?? "",
          ),
          clientAppId: request.clientAppId,
          resourceAppId,
          consentType: request.consentType,
          principalId,
          scopes: [...scopes],
        });
      }
    }
    for (const { resourceAppId, roles } of request.appRoles ?? []) {
      const resource = this.application(resourceAppId);
      if (!resource) continue;
      this.ensureServicePrincipal(tenant, resourceAppId);
      for (const value of roles) {
        const role = resource.appRoles.find((r) => r.value === value && r.allowedMemberTypes.includes("Application"));
        if (!role) continue;
        this.addAssignment(tenant, clientSp.objectId, "ServicePrincipal", resourceAppId, role.id);
      }
    }
    for (const { resourceAppId } of request.delegated) {
      const api = this.application(resourceAppId);
      if (!api?.knownClientApplications.includes(request.clientAppId)) continue;
      this.ensureServicePrincipal(tenant, api.appId);
      const apiDelegated = api.requiredResourceAccess.map((r) => ({
        resourceAppId: r.resourceAppId,
        scopes: r.scopes,
      }));
      if (apiDelegated.some((d) => d.scopes.length > 0)) {
        const { consentType, principalId: p } = request;
        this.consent(
          {
            tenantId: tenant.id,
            clientAppId: api.appId,
            consentType,
            delegated: apiDelegated,
            ...(p ? { principalId: p } : {}),
          },
          false,
        );
      }
    }
    if (notify) this.changed();
  }

  /** Admin consent to everything the client statically requires (`/.default`, the portal's "Grant admin consent"). */
  adminConsentStaticPermissions(tenantId: string, clientAppId: string, notify = true): void {
    const client = this.application(clientAppId);
    if (!client) throw new Error(`unknown application ${clientAppId}`);
    this.consent(
      {
        tenantId,
        clientAppId,
        consentType: "AllPrincipals",
        delegated: client.requiredResourceAccess.map((r) => ({ resourceAppId: r.resourceAppId, scopes: r.scopes })),
        appRoles: client.requiredResourceAccess.map((r) => ({ resourceAppId: r.resourceAppId, roles: r.roles })),
      },
      notify,
    );
  }

  private addAssignment(
    tenant: Tenant,
    principalId: string,
    principalType: "User" | "ServicePrincipal",
    resourceAppId: string,
    appRoleId: string,
  ): AppRoleAssignment {
    const existing = tenant.appRoleAssignments.find(
      (a) => a.principalId === principalId && a.resourceAppId === resourceAppId && a.appRoleId === appRoleId,
    );
    if (existing) return existing;
    const assignment: AppRoleAssignment = {
      id: derivedGuid("appRoleAssignment", tenant.id, principalId, resourceAppId, appRoleId),
      principalId,
      principalType,
      resourceAppId,
      appRoleId,
      createdDateTime: new Date().toISOString(),
    };
    tenant.appRoleAssignments.push(assignment);
    return assignment;
  }

  /** Assigns a user app role. Like the portal, it needs the app's service principal in the tenant. */
  assignUserRole(
    tenantId: string,
    userOid: string,
    appId: string,
    roleValue: string,
    notify = true,
  ): AppRoleAssignment {
    const tenant = this.tenant(tenantId);
    const app = this.application(appId);
    if (!tenant || !app) throw new Error("unknown tenant or application");
    if (!tenant.users.has(userOid)) throw new Error(`user ${userOid} is not in tenant ${tenant.displayName}`);
    if (!tenant.servicePrincipals.has(app.appId)) {
      throw new Error(`${app.displayName} has no service principal in ${tenant.displayName}: nobody consented yet`);
    }
    const role = app.appRoles.find((r) => r.value === roleValue && r.allowedMemberTypes.includes("User"));
    if (!role) throw new Error(`${app.displayName} has no user role '${roleValue}'`);
    const assignment = this.addAssignment(tenant, userOid, "User", app.appId, role.id);
    if (notify) this.changed();
    return assignment;
  }

  removeRoleAssignment(tenantId: string, assignmentId: string): boolean {
    const tenant = this.tenant(tenantId);
    if (!tenant) return false;
    const index = tenant.appRoleAssignments.findIndex((a) => a.id === assignmentId);
    if (index < 0) return false;
    tenant.appRoleAssignments.splice(index, 1);
    this.changed();
    return true;
  }

  revokeGrant(tenantId: string, grantId: string): boolean {
    const tenant = this.tenant(tenantId);
    if (!tenant) return false;
    const index = tenant.grants.findIndex((g) => g.id === grantId);
    if (index < 0) return false;
    tenant.grants.splice(index, 1);
    this.changed();
    return true;
  }

  /** Removes every trace of consent for an app in a tenant, as deleting the enterprise app does. */
  removeServicePrincipal(tenantId: string, appId: string): boolean {
    const tenant = this.tenant(tenantId);
    const sp = tenant?.servicePrincipals.get(appId);
    if (!tenant || !sp) return false;
    tenant.servicePrincipals.delete(appId);
    tenant.grants = tenant.grants.filter((g) => g.clientAppId !== appId);
    tenant.appRoleAssignments = tenant.appRoleAssignments.filter(
      (a) => a.principalId !== sp.objectId && a.resourceAppId !== appId,
    );
    this.changed();
    return true;
  }

  setUserConsent(tenantId: string, mode: "allowed" | "disabled"): void {
    const tenant = this.tenant(tenantId);
    if (!tenant) throw new Error(`unknown tenant ${tenantId}`);
    tenant.userConsent = mode;
    this.changed();
  }

  setAssignmentRequired(tenantId: string, appId: string, required: boolean): void {
    const sp = this.tenant(tenantId)?.servicePrincipals.get(appId);
    if (!sp) throw new Error("no such service principal");
    sp.appRoleAssignmentRequired = required;
    this.changed();
  }

  addRedirectUri(appId: string, uri: string): void {
    const app = this.application(appId);
    if (!app) throw new Error(`unknown application ${appId}`);
    if (!app.redirectUris.includes(uri)) app.redirectUris.push(uri);
    this.changed();
  }

  recordMail(mail: SentMail): void {
    this.outbox.push(mail);
    this.changed();
  }

  grantsOf(tenantId: string): PermissionGrant[] {
    return this.tenant(tenantId)?.grants ?? [];
  }
}
