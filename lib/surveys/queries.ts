// Reading surveys. Lists are scoped in their own where (owner, tenant, or the caller's
// contributor rows); a single survey goes through authorizeSurvey.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ACTIVE_TENANT, authorizeSurvey } from "./access";
import { toSurveyDto, toSurveySummary } from "./dto";
import { assertActorMayUseSurveys } from "./permissions";
import type { SurveyDto, SurveySummaryDto } from "./schemas";

const newestFirst = [{ updatedAt: "desc" as const }, { id: "desc" as const }];

/** Surveys the caller owns. Applications own nothing. */
export async function listMySurveys(actor: Actor): Promise<SurveySummaryDto[]> {
  assertActorMayUseSurveys(actor);
  if (actor.kind !== "user") return [];
  const rows = await db().survey.findMany({
    where: { tenantId: actor.tenantId, ownerId: actor.userId },
    orderBy: newestFirst,
  });
  return rows.map(toSurveySummary);
}

/**
 * Surveys the caller was invited to contribute to, in any active tenant. The caller's contributor
 * rows (keyed by their own tenant) name the surveys; each is then fetched by its (tenantId, id).
 */
export async function listContributingSurveys(actor: Actor): Promise<SurveySummaryDto[]> {
  assertActorMayUseSurveys(actor);
  if (actor.kind !== "user") return [];
  const contributions = await db().contributor.findMany({
    where: { userTenantId: actor.tenantId, userId: actor.userId },
    select: { tenantId: true, surveyId: true },
  });
  if (contributions.length === 0) return [];
  const rows = await db().survey.findMany({
    where: {
      OR: contributions.map((c) => ({ tenantId: c.tenantId, id: c.surveyId })),
      tenant: ACTIVE_TENANT,
    },
    orderBy: newestFirst,
  });
  return rows.map(toSurveySummary);
}

/** Every survey of the caller's tenant: any member of the tenant may open them (read only). */
export async function listTenantSurveys(actor: Actor): Promise<SurveySummaryDto[]> {
  assertActorMayUseSurveys(actor);
  const rows = await db().survey.findMany({ where: { tenantId: actor.tenantId }, orderBy: newestFirst });
  return rows.map(toSurveySummary);
}

/** The editor view: the survey, its questions in order, and what the caller may do with it. */
export async function getSurvey(actor: Actor, surveyId: string): Promise<SurveyDto> {
  const { survey, access } = await authorizeSurvey(actor, surveyId, "survey:read");
  const questions = await db().question.findMany({
    where: { tenantId: survey.tenantId, surveyId: survey.id },
    orderBy: { position: "asc" },
  });
  return toSurveyDto(survey, questions, access);
}
