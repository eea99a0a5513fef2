// Who may do what with a survey, as data: ARCHITECTURE §4 (Tailspin's matrix with its bugs
// fixed). lib/surveys/access.ts is the one place that applies it; pages may import this file too
// (no server code) to decide which actions to show.
//
// An actor gets a role *in the survey's tenant* and a relationship *to the survey*; the grants of
// that pair are all it may do. Roles only count in the actor's own tenant: a SurveyAdmin of
// Fabrikam who contributes to a Contoso survey is, there, a contributor like any other.
import type { Actor, UserActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/errors";

export const PERMISSIONS = [
  "survey:create",
  "survey:read",
  "survey:update",
  "survey:delete",
  /** Publish, unpublish, close and reopen. Never part of survey:update (Tailspin's PUT could publish). */
  "survey:publish",
  /** Invite contributors, revoke invitations, remove contributors. */
  "survey:invite",
  "results:read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** "Reader": a signed-in person of the tenant without an app role. "App": an application with Surveys.ReadWrite.All. */
export const ROLES = ["SurveyAdmin", "SurveyCreator", "Reader", "App"] as const;
export type SurveyRole = (typeof ROLES)[number];

/** Strongest first: an owner who is also listed as a contributor is an owner. */
export const RELATIONSHIPS = ["owner", "contributor", "member", "none"] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** The application permission that lets a client-credentials caller act on its tenant's surveys. */
export const APP_PERMISSION = "Surveys.ReadWrite.All";

/** Everything about one survey. Creating is not about a survey: it comes with the role. */
const OWNER: readonly Permission[] = PERMISSIONS.filter((p) => p !== "survey:create");
const CONTRIBUTOR: readonly Permission[] = ["survey:read", "survey:update", "results:read"];
const MEMBER: readonly Permission[] = ["survey:read"];
const NOTHING: readonly Permission[] = [];
const withCreate = (grants: readonly Permission[]): readonly Permission[] => ["survey:create", ...grants];

export const GRANTS: Readonly<Record<SurveyRole, Readonly<Record<Relationship, readonly Permission[]>>>> = {
  // Ownership outlives the role: an owner whose SurveyCreator role was removed keeps their surveys.
  Reader: { owner: OWNER, contributor: CONTRIBUTOR, member: MEMBER, none: NOTHING },
  SurveyCreator: {
    owner: withCreate(OWNER),
    contributor: withCreate(CONTRIBUTOR),
    member: withCreate(MEMBER),
    none: NOTHING,
  },
  SurveyAdmin: { owner: withCreate(OWNER), contributor: withCreate(OWNER), member: withCreate(OWNER), none: NOTHING },
  // Like a SurveyAdmin of its own tenant, but it cannot create: a survey needs an owning person.
  // An app is never an owner or contributor (those are people), so those cells grant nothing.
  App: { owner: NOTHING, contributor: NOTHING, member: OWNER, none: NOTHING },
};

export function permissionsFor(role: SurveyRole, relationship: Relationship): readonly Permission[] {
  return GRANTS[role][relationship];
}

export function can(role: SurveyRole, relationship: Relationship, permission: Permission): boolean {
  return GRANTS[role][relationship].includes(permission);
}

/** Why a permission was refused, as the person will read it. */
export const DENIED: Readonly<Record<Permission, string>> = {
  "survey:create": "Only survey creators and survey admins can create surveys.",
  "survey:read": "You cannot open this survey.",
  "survey:update": "Only the owner, a contributor or a survey admin can edit this survey.",
  "survey:delete": "Only the owner or a survey admin can delete this survey.",
  "survey:publish": "Only the owner or a survey admin can publish, unpublish, close or reopen this survey.",
  "survey:invite": "Only the owner or a survey admin can manage the contributors of this survey.",
  "results:read": "Only the owner, a contributor or a survey admin can see the results of this survey.",
};

/**
 * The actor's role in `tenantId`, or null for an application without Surveys.ReadWrite.All
 * (it may do nothing at all). People of other tenants are Readers there: their roles do not travel.
 */
export function roleIn(actor: Actor, tenantId: string): SurveyRole | null {
  if (actor.kind === "app") return actor.permissions.includes(APP_PERMISSION) ? "App" : null;
  if (actor.tenantId !== tenantId) return "Reader";
  if (actor.roles.includes("SurveyAdmin")) return "SurveyAdmin";
  if (actor.roles.includes("SurveyCreator")) return "SurveyCreator";
  return "Reader";
}

export function relationshipTo(
  actor: Actor,
  survey: { tenantId: string; ownerId: string },
  isContributor: boolean,
): Relationship {
  if (actor.kind === "user" && actor.tenantId === survey.tenantId && actor.userId === survey.ownerId) return "owner";
  if (actor.kind === "user" && isContributor) return "contributor";
  if (actor.tenantId === survey.tenantId) return "member";
  return "none";
}

/** Refuses applications that lack the application permission, before anything is looked up. */
export function assertActorMayUseSurveys(actor: Actor): SurveyRole {
  const role = roleIn(actor, actor.tenantId);
  if (role === null) throw new ForbiddenError(`This application has not been granted ${APP_PERMISSION}.`);
  return role;
}

/** Creating is a tenant-wide permission: checked as a member of the actor's own tenant. */
export function assertMayCreateSurvey(actor: Actor): asserts actor is UserActor {
  const role = assertActorMayUseSurveys(actor);
  if (actor.kind === "user" && can(role, "member", "survey:create")) return;
  throw new ForbiddenError(
    role === "App"
      ? "Applications cannot create surveys: a survey needs an owner who is a person."
      : DENIED["survey:create"],
  );
}

/** What only a person may do, whatever an application was granted, and why. */
export const PEOPLE_ONLY = {
  invite: "Applications cannot invite contributors: an invitation is sent by a person.",
  accept: "Only a signed-in person can accept an invitation.",
} as const;

export function assertPerson(actor: Actor, action: keyof typeof PEOPLE_ONLY): asserts actor is UserActor {
  if (actor.kind !== "user") throw new ForbiddenError(PEOPLE_ONLY[action]);
}
