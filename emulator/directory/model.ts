/** The run-time shapes of the directory, close to Graph's resource types of the same names. */

export interface PermissionScope {
  id: string;
  value: string;
  type: "User" | "Admin";
  adminConsentDisplayName: string;
  userConsentDisplayName?: string | undefined;
}

export interface AppRole {
  id: string;
  value: string;
  displayName: string;
  description: string;
  allowedMemberTypes: ("User" | "Application")[];
}

export interface RequiredResourceAccess {
  resourceAppId: string;
  scopes: string[];
  roles: string[];
}

export interface Application {
  key: string;
  appId: string;
  displayName: string;
  publisher: string;
  homeTenantId: string;
  signInAudience: "AzureADMyOrg" | "AzureADMultipleOrgs" | "AzureADandPersonalMicrosoftAccount";
  identifierUris: string[];
  accessTokenVersion: 1 | 2;
  secrets: string[];
  redirectUris: string[];
  scopes: PermissionScope[];
  appRoles: AppRole[];
  requiredResourceAccess: RequiredResourceAccess[];
  /** App ids of clients whose consent also covers this API (combined consent). */
  knownClientApplications: string[];
}

export interface UserRef {
  tenantId: string;
  oid: string;
}

export interface TenantUser {
  tenantId: string;
  oid: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  userPrincipalName: string;
  mail: string | null;
  jobTitle: string | null;
  isAdmin: boolean;
  userType: "Member" | "Guest";
  /** For members: themselves. For guests: the account they sign in with. */
  home: UserRef;
  password: string | undefined;
}

export interface Tenant {
  id: string;
  key: string;
  displayName: string;
  kind: "organization" | "consumers";
  domains: string[];
  region: string;
  userConsent: "allowed" | "disabled";
  createdDateTime: string;
  users: Map<string, TenantUser>;
  servicePrincipals: Map<string, ServicePrincipal>;
  grants: PermissionGrant[];
  appRoleAssignments: AppRoleAssignment[];
}

export interface ServicePrincipal {
  objectId: string;
  appId: string;
  createdDateTime: string;
  /** When true, users without an app-role assignment are refused (AADSTS50105). */
  appRoleAssignmentRequired: boolean;
}

/** An oauth2PermissionGrant: delegated scopes of a client on a resource. */
export interface PermissionGrant {
  id: string;
  clientAppId: string;
  resourceAppId: string;
  consentType: "AllPrincipals" | "Principal";
  principalId: string | null;
  scopes: string[];
}

export interface AppRoleAssignment {
  id: string;
  principalId: string;
  principalType: "User" | "ServicePrincipal";
  resourceAppId: string;
  appRoleId: string;
  createdDateTime: string;
}

export interface SentMail {
  id: string;
  tenantId: string;
  from: { oid: string; address: string | null; displayName: string };
  subject: string;
  toRecipients: string[];
  ccRecipients: string[];
  bccRecipients: string[];
  body: { contentType: string; content: string };
  saveToSentItems: boolean;
  sentDateTime: string;
  message: unknown;
}

export const CONSUMERS_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";
