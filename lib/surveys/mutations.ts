// Creating, editing and deleting surveys. Publishing is lifecycle.ts: `updateSurvey` cannot
// change the status (its input schema has no such field and refuses unknown ones).
import "server-only";
import { type AuditOptions, writeAuditEvent } from "@/lib/audit/events";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { authorizeSurvey, withDraftSurvey } from "./access";
import { toSurveyDto } from "./dto";
import { parseInput } from "./parse";
import { assertMayCreateSurvey, permissionsFor, roleIn } from "./permissions";
import { getSurvey } from "./queries";
import { questionData } from "./question-data";
import {
  type CreateSurveyInput,
  CreateSurveyInputSchema,
  type SurveyDto,
  type UpdateSurveyInput,
  UpdateSurveyInputSchema,
} from "./schemas";
import { applySettings } from "./settings";

const DEFAULT_SETTINGS = {
  audience: "TENANT_USERS",
  opensAt: null,
  closesAt: null,
  responseLimit: null,
} as const;

/** A draft survey owned by the caller (a SurveyCreator or SurveyAdmin), optionally with questions. */
export async function createSurvey(
  actor: Actor,
  input: CreateSurveyInput,
  options: AuditOptions = {},
): Promise<SurveyDto> {
  assertMayCreateSurvey(actor);
  const parsed = parseInput(CreateSurveyInputSchema, input);
  const settings = applySettings(DEFAULT_SETTINGS, parsed.settings);
  const questions = (parsed.questions ?? []).map(questionData);
  const { survey, rows } = await db().$transaction(async (tx) => {
    const survey = await tx.survey.create({
      data: {
        tenantId: actor.tenantId,
        ownerId: actor.userId,
        title: parsed.title,
        description: parsed.description ?? "",
        ...settings,
      },
    });
    if (questions.length > 0) {
      await tx.question.createMany({
        data: questions.map((q, position) => ({ tenantId: survey.tenantId, surveyId: survey.id, position, ...q })),
      });
    }
    await writeAuditEvent(tx, {
      tenantId: survey.tenantId,
      actor,
      action: "survey.created",
      targetType: "survey",
      targetId: survey.id,
      correlationId: options.correlationId,
    });
    const rows = await tx.question.findMany({ where: { tenantId: survey.tenantId, surveyId: survey.id } });
    return { survey, rows };
  });
  const role = roleIn(actor, survey.tenantId) ?? "Reader";
  return toSurveyDto(survey, rows, { relationship: "owner", permissions: permissionsFor(role, "owner") });
}

/** Title, description and settings of a draft. A published or closed survey: ConflictError. */
export async function updateSurvey(actor: Actor, surveyId: string, input: UpdateSurveyInput): Promise<SurveyDto> {
  const { survey } = await authorizeSurvey(actor, surveyId, "survey:update");
  const parsed = parseInput(UpdateSurveyInputSchema, input);
  const where = { tenantId: survey.tenantId, id: survey.id };
  await withDraftSurvey(survey, async (tx) => {
    // Merged with the row as it is under the lock, so a concurrent edit of other settings stays.
    const current = await tx.survey.findUniqueOrThrow({ where: { tenantId_id: where } });
    const settings = applySettings(current, parsed.settings);
    await tx.survey.updateMany({ where, data: { title: parsed.title, description: parsed.description, ...settings } });
  });
  return getSurvey(actor, survey.id);
}

/** Deletes the survey with its questions, contributors, invitations and responses. */
export async function deleteSurvey(actor: Actor, surveyId: string, options: AuditOptions = {}): Promise<void> {
  const { survey } = await authorizeSurvey(actor, surveyId, "survey:delete");
  await db().$transaction(async (tx) => {
    await tx.survey.deleteMany({ where: { tenantId: survey.tenantId, id: survey.id } });
    await writeAuditEvent(tx, {
      tenantId: survey.tenantId,
      actor,
      action: "survey.deleted",
      targetType: "survey",
      targetId: survey.id,
      data: { title: survey.title },
      correlationId: options.correlationId,
    });
  });
}
