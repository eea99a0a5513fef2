import { z } from "zod";
import { GUID_RE } from "../support/ids";

const guid = z.string().regex(GUID_RE, "must be a GUID");

const permissionScope = z.object({
  id: guid,
  value: z.string().min(1),
  /** "Admin": only an administrator can consent (AADSTS90094 for others). */
  type: z.enum(["User", "Admin"]),
  adminConsentDisplayName: z.string(),
  userConsentDisplayName: z.string().optional(),
});

const appRole = z.object({
  id: guid,
  value: z.string().regex(/^\S+$/, "app role values have no spaces"),
  displayName: z.string(),
  description: z.string().default(""),
  allowedMemberTypes: z.array(z.enum(["User", "Application"])).min(1),
});

const requiredResourceAccess = z.object({
  /** Application key, appId or identifier URI ("graph" is Microsoft Graph). */
  resource: z.string(),
  scopes: z.array(z.string()).default([]),
  roles: z.array(z.string()).default([]),
});

export const applicationSchema = z.object({
  key: z.string().min(1),
  appId: guid,
  displayName: z.string(),
  publisher: z.string().default("Unverified"),
  homeTenant: z.string(),
  signInAudience: z.enum(["AzureADMyOrg", "AzureADMultipleOrgs", "AzureADandPersonalMicrosoftAccount"]),
  identifierUris: z.array(z.string()).default([]),
  /** null or 1: v1 access tokens (Entra's default); 2: v2. */
  requestedAccessTokenVersion: z.union([z.literal(1), z.literal(2), z.null()]).default(null),
  secrets: z.array(z.string().min(8)).default([]),
  redirectUris: z.array(z.string().url()).default([]),
  oauth2PermissionScopes: z.array(permissionScope).default([]),
  appRoles: z.array(appRole).default([]),
  requiredResourceAccess: z.array(requiredResourceAccess).default([]),
  knownClientApplications: z.array(z.string()).default([]),
});

const user = z.object({
  oid: guid,
  displayName: z.string(),
  givenName: z.string().optional(),
  surname: z.string().optional(),
  userPrincipalName: z.string().includes("@"),
  mail: z.string().includes("@").optional(),
  jobTitle: z.string().optional(),
  /** Global administrator: may consent for the organization. */
  admin: z.boolean().default(false),
  password: z.string().optional(),
});

const guest = z.object({
  oid: guid,
  /** The UPN of the user in their home tenant. */
  homeUser: z.string().includes("@"),
});

const tenant = z.object({
  key: z.string().min(1),
  id: guid,
  displayName: z.string(),
  kind: z.enum(["organization", "consumers"]).default("organization"),
  domains: z.array(z.string()).min(1),
  region: z.string().default("WW"),
  /** "disabled": only admins may consent to anything (AADSTS90094 for users). */
  userConsent: z.enum(["allowed", "disabled"]).default("allowed"),
  users: z.array(user).default([]),
  guests: z.array(guest).default([]),
  /** Apps an admin of this tenant already consented to (all their static permissions). */
  consentedApps: z.array(z.string()).default([]),
  appRoleAssignments: z
    .array(z.object({ user: z.string(), role: z.string(), apps: z.array(z.string()).min(1) }))
    .default([]),
});

export const directorySeedSchema = z.object({
  $comment: z.string().optional(),
  defaultPassword: z.string().min(1),
  applications: z.array(applicationSchema),
  tenants: z.array(tenant),
});

export type DirectorySeed = z.infer<typeof directorySeedSchema>;
export type SeedApplication = z.input<typeof applicationSchema>;
export type SeedTenant = z.infer<typeof tenant>;
