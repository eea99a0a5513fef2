// The one place that decides whether an actor may act on a survey (the grants themselves are
// data in permissions.ts). Every survey-scoped domain function starts here.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { type Db, db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { Prisma, type Survey } from "@/lib/generated/prisma/client";
import { isUuid } from "./parse";
import {
  assertActorMayUseSurveys,
  DENIED,
  type Permission,
  permissionsFor,
  type Relationship,
  relationshipTo,
  roleIn,
  type SurveyRole,
} from "./permissions";

export type DbClient = Db | Prisma.TransactionClient;

/** The relation filter that hides an offboarded tenant's surveys from everyone outside it. */
export const ACTIVE_TENANT = { status: "ACTIVE" } as const;

export interface SurveyAccess {
  role: SurveyRole;
  relationship: Relationship;
  permissions: readonly Permission[];
}

export interface AuthorizedSurvey {
  survey: Survey;
  access: SurveyAccess;
}

/** Why a survey that is not a draft cannot be edited, in words that say what to do instead. */
export function notEditableReason(status: Survey["status"]): string {
  return status === "PUBLISHED"
    ? "This survey is published, so it cannot be edited. Unpublish it first (possible only while it has no responses)."
    : "This survey is closed, so it cannot be edited. Only a survey without responses can go back to draft.";
}

/**
 * The survey as this actor may see it, or null. Visible means: of the actor's own tenant, or one
 * the actor (a person, of any tenant) contributes to, of a tenant that is still active. All three
 * conditions live in the survey query itself; the contributor lookup before it only names the
 * candidate tenants so that query is a primary-key lookup ((tenantId, id)) instead of a scan of
 * every tenant's surveys by id. An offboarded tenant's people are refused before they get here;
 * the status condition is for contributors of other tenants, who would otherwise keep editing.
 */
async function findVisibleSurvey(
  client: DbClient,
  actor: Actor,
  surveyId: string,
): Promise<{ survey: Survey; isContributor: boolean } | null> {
  if (actor.kind === "app") {
    // Applications are never contributors: their own tenant only.
    const survey = await client.survey.findUnique({
      where: { tenantId_id: { tenantId: actor.tenantId, id: surveyId } },
    });
    return survey && { survey, isContributor: false };
  }
  const me = { userTenantId: actor.tenantId, userId: actor.userId };
  const contributedTenants = await client.contributor.findMany({
    where: { ...me, surveyId },
    select: { tenantId: true },
  });
  const found = await client.survey.findFirst({
    where: {
      id: surveyId,
      tenantId: { in: [actor.tenantId, ...contributedTenants.map((c) => c.tenantId)] },
      OR: [{ tenantId: actor.tenantId }, { contributors: { some: me } }],
      tenant: ACTIVE_TENANT,
    },
    include: { contributors: { where: me, select: { userId: true } } },
  });
  if (!found) return null;
  const { contributors, ...survey } = found;
  return { survey, isContributor: contributors.length > 0 };
}

/**
 * Loads the survey and checks `permission`. NotFoundError when the actor has no relationship to
 * it (another tenant's survey looks missing, never forbidden); ForbiddenError, saying why, when
 * the actor may see it but not do this.
 */
export async function authorizeSurvey(
  actor: Actor,
  surveyId: string,
  permission: Permission,
  client: DbClient = db(),
): Promise<AuthorizedSurvey> {
  assertActorMayUseSurveys(actor);
  if (!isUuid(surveyId)) throw new NotFoundError("survey");
  const found = await findVisibleSurvey(client, actor, surveyId);
  if (!found) throw new NotFoundError("survey");
  const { survey, isContributor } = found;
  const relationship = relationshipTo(actor, survey, isContributor);
  const role = roleIn(actor, survey.tenantId);
  if (relationship === "none" || role === null) throw new NotFoundError("survey");
  const permissions = permissionsFor(role, relationship);
  if (!permissions.includes(permission)) throw new ForbiddenError(DENIED[permission]);
  return { survey, access: { role, relationship, permissions } };
}

export interface LockedSurvey {
  status: Survey["status"];
  audience: Survey["audience"];
  opensAt: Date | null;
  closesAt: Date | null;
  responseLimit: number | null;
}

/**
 * Locks the survey row until the transaction ends and returns its current lifecycle fields.
 * Everything that depends on the status or the response count (edits, publishing, submissions)
 * takes this lock first, so those checks and the writes after them cannot interleave.
 * "share" lets submissions of a survey without a response limit run side by side while still
 * excluding lifecycle changes (which take "update").
 */
export async function lockSurvey(
  tx: Prisma.TransactionClient,
  tenantId: string,
  surveyId: string,
  mode: "update" | "share" = "update",
): Promise<LockedSurvey | null> {
  const rows = await tx.$queryRaw<LockedSurvey[]>`
    SELECT "status", "audience", "opensAt", "closesAt", "responseLimit"
    FROM "surveys"
    WHERE "tenantId" = ${tenantId}::uuid AND "id" = ${surveyId}::uuid
    ${Prisma.raw(mode === "update" ? "FOR UPDATE" : "FOR SHARE")}`;
  return rows[0] ?? null;
}

/**
 * Runs `work` in a transaction holding the survey's lock, only while the survey is a draft:
 * title, description, settings and questions change only then.
 */
export async function withDraftSurvey<T>(
  survey: Survey,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  if (survey.status !== "DRAFT") throw new ConflictError(notEditableReason(survey.status));
  return db().$transaction(async (tx) => {
    const locked = await lockSurvey(tx, survey.tenantId, survey.id);
    if (!locked) throw new NotFoundError("survey");
    if (locked.status !== "DRAFT") throw new ConflictError(notEditableReason(locked.status));
    return work(tx);
  });
}
