import type { SeedApplication } from "./seed-schema";

/** Microsoft Graph's well-known application id; its service principal exists in every tenant. */
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
export const GRAPH_RESOURCE = "https://graph.microsoft.com";

/**
 * The first-party resource the emulator needs: OIDC scopes are Graph permissions in Entra, so
 * they live here too. Permission ids are Graph's published ones. Graph gets v1 tokens.
 */
export const graphApplication: SeedApplication = {
  key: "graph",
  appId: GRAPH_APP_ID,
  displayName: "Microsoft Graph",
  publisher: "Microsoft",
  homeTenant: "microsoft",
  signInAudience: "AzureADMultipleOrgs",
  identifierUris: [GRAPH_RESOURCE],
  requestedAccessTokenVersion: 1,
  secrets: [],
  redirectUris: [],
  knownClientApplications: [],
  requiredResourceAccess: [],
  oauth2PermissionScopes: [
    scope("37f7f235-527c-4136-accd-4a02d197296e", "openid", "User", "Sign users in"),
    scope("14dad69e-099b-42c9-810b-d002981feec1", "profile", "User", "View users' basic profile"),
    scope("64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0", "email", "User", "View users' email address"),
    scope(
      "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
      "offline_access",
      "User",
      "Maintain access to data you have given it access to",
    ),
    scope("e1fe6dd8-ba31-4d61-89e7-88639da4683d", "User.Read", "User", "Sign in and read user profile"),
    scope("b340eb25-3456-403f-be2f-af7a0d370277", "User.ReadBasic.All", "User", "Read all users' basic profiles"),
    scope("a154be20-db9c-4678-8ab7-66f6cc099a59", "User.Read.All", "Admin", "Read all users' full profiles"),
    scope("06da0dbc-49e2-44d2-8312-53f166ab848a", "Directory.Read.All", "Admin", "Read directory data"),
    scope("4908d5b9-3fb2-4b1e-9336-1888b7937185", "Organization.Read.All", "Admin", "Read organization information"),
    scope("e383f46e-2787-4529-855e-0e479a3ffac0", "Mail.Send", "User", "Send mail as a user"),
  ],
  appRoles: [
    appRole("df021288-bdef-4463-88db-98f22de89214", "User.Read.All", "Read all users' full profiles"),
    appRole("498476ce-e0fe-48b0-b801-37ba7e2685c6", "Organization.Read.All", "Read organization information"),
    appRole("7ab1d382-f21e-4acd-a863-ba3e13f7da61", "Directory.Read.All", "Read directory data"),
    appRole("b633e1c5-b582-4048-a93e-9f11b44c7e96", "Mail.Send", "Send mail as any user"),
  ],
};

function scope(id: string, value: string, type: "User" | "Admin", displayName: string) {
  return { id, value, type, adminConsentDisplayName: displayName, userConsentDisplayName: displayName };
}

function appRole(id: string, value: string, displayName: string) {
  return { id, value, displayName, description: displayName, allowedMemberTypes: ["Application" as const] };
}
