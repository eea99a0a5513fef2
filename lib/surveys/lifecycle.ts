// draft → published → closed → reopened, and back to draft while nobody has answered. Each step is
// owner- or admin-only (survey:publish) and taken under the survey's row lock, so it cannot
// interleave with an edit or a submission.
import "server-only";
import { type AuditAction, type AuditOptions, writeAuditEvent } from "@/lib/audit/events";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Prisma, Survey } from "@/lib/generated/prisma/client";
import { authorizeSurvey, type LockedSurvey, lockSurvey } from "./access";
import { getSurvey } from "./queries";
import type { SurveyDto } from "./schemas";

type Step = (
  tx: Prisma.TransactionClient,
  survey: Survey,
  locked: LockedSurvey,
  now: Date,
) => Promise<Prisma.SurveyUpdateManyMutationInput>;

async function transition(
  actor: Actor,
  surveyId: string,
  action: AuditAction,
  step: Step,
  options: AuditOptions,
): Promise<SurveyDto> {
  const { survey } = await authorizeSurvey(actor, surveyId, "survey:publish");
  await db().$transaction(async (tx) => {
    const locked = await lockSurvey(tx, survey.tenantId, survey.id);
    if (!locked) throw new NotFoundError("survey");
    const data = await step(tx, survey, locked, new Date());
    await tx.survey.updateMany({ where: { tenantId: survey.tenantId, id: survey.id }, data });
    await writeAuditEvent(tx, {
      tenantId: survey.tenantId,
      actor,
      action,
      targetType: "survey",
      targetId: survey.id,
      correlationId: options.correlationId,
    });
  });
  return getSurvey(actor, survey.id);
}

const closingTimePassed = (locked: LockedSurvey, now: Date) => locked.closesAt !== null && locked.closesAt <= now;

/** Makes a draft answerable. It needs a question, and a closing time (if any) still ahead. */
export function publishSurvey(actor: Actor, surveyId: string, options: AuditOptions = {}): Promise<SurveyDto> {
  return transition(
    actor,
    surveyId,
    "survey.published",
    async (tx, survey, locked, now) => {
      if (locked.status === "PUBLISHED") throw new ConflictError("The survey is already published.");
      if (locked.status === "CLOSED") throw new ConflictError("The survey is closed; reopen it instead.");
      const questions = await tx.question.count({ where: { tenantId: survey.tenantId, surveyId: survey.id } });
      if (questions === 0) throw new ConflictError("Add at least one question before publishing.");
      if (closingTimePassed(locked, now)) {
        throw new ConflictError("The closing time has passed; change it before publishing.");
      }
      return { status: "PUBLISHED", publishedAt: now, closedAt: null };
    },
    options,
  );
}

/**
 * Back to draft for editing, from published or closed, only while nobody has answered: answers
 * must keep matching the questions they answered.
 */
export function unpublishSurvey(actor: Actor, surveyId: string, options: AuditOptions = {}): Promise<SurveyDto> {
  return transition(
    actor,
    surveyId,
    "survey.unpublished",
    async (tx, survey, locked) => {
      if (locked.status === "DRAFT") throw new ConflictError("The survey is already a draft.");
      const answered = await tx.response.findFirst({
        where: { tenantId: survey.tenantId, surveyId: survey.id },
        select: { id: true },
      });
      if (answered) {
        throw new ConflictError(
          locked.status === "PUBLISHED"
            ? "The survey has responses, so it can no longer go back to draft; close it instead."
            : "The survey has responses, so it can no longer go back to draft.",
        );
      }
      return { status: "DRAFT", publishedAt: null, closedAt: null };
    },
    options,
  );
}

/** Stops accepting responses; results stay. */
export function closeSurvey(actor: Actor, surveyId: string, options: AuditOptions = {}): Promise<SurveyDto> {
  return transition(
    actor,
    surveyId,
    "survey.closed",
    async (_tx, _survey, locked, now) => {
      if (locked.status === "CLOSED") throw new ConflictError("The survey is already closed.");
      if (locked.status === "DRAFT") throw new ConflictError("Only a published survey can be closed.");
      return { status: "CLOSED", closedAt: now };
    },
    options,
  );
}

/** Accepts responses again, unless its closing time has passed (settings cannot change now). */
export function reopenSurvey(actor: Actor, surveyId: string, options: AuditOptions = {}): Promise<SurveyDto> {
  return transition(
    actor,
    surveyId,
    "survey.reopened",
    async (_tx, _survey, locked, now) => {
      if (locked.status !== "CLOSED") throw new ConflictError("Only a closed survey can be reopened.");
      if (closingTimePassed(locked, now)) {
        throw new ConflictError("The survey's closing time has passed, so it cannot be reopened.");
      }
      return { status: "PUBLISHED", closedAt: null };
    },
    options,
  );
}
