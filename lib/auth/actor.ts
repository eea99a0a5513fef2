// Who is acting, as every domain function receives it: always resolved from verified tokens
// (the session's ID token or the API's bearer token), never from request input.
import type { AppRole } from "@/lib/generated/prisma/enums";

export type { AppRole };

export const APP_ROLES = ["SurveyAdmin", "SurveyCreator"] as const satisfies readonly AppRole[];

/** A person of a registered tenant (a row in `users`). */
export interface UserActor {
  kind: "user";
  tenantId: string;
  /** Our `users.id` for (tenantId, oid). */
  userId: string;
  oid: string;
  roles: readonly AppRole[];
  name: string;
  email: string | null;
}

/** An application calling the Survey API with its own (client-credentials) token. */
export interface AppActor {
  kind: "app";
  tenantId: string;
  appId: string;
  /** Application permissions granted to it in that tenant, e.g. "Surveys.ReadWrite.All". */
  permissions: readonly string[];
}

export type Actor = UserActor | AppActor;

/** Keeps the roles we know from a token's `roles` claim; anything else is ignored, not kept. */
export function appRolesFrom(claim: unknown): AppRole[] {
  if (!Array.isArray(claim)) return [];
  return APP_ROLES.filter((role) => claim.includes(role));
}
