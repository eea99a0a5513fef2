// Answering a survey. Public links carry the survey's tenant as well as its id, so every lookup
// here is a primary-key lookup on (tenantId, id) like everywhere else, even for anonymous people.
import "server-only";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma, type Question } from "@/lib/generated/prisma/client";
import { ACTIVE_TENANT, type DbClient, lockSurvey } from "./access";
import { answerRows, validateAnswers } from "./answers";
import {
  gateReason,
  type Respondent,
  respondentKeyFor,
  type SurveyGateFacts,
  UNAVAILABLE_MESSAGES,
  unavailableError,
} from "./availability";
import { iso, optionsOf, toPublicQuestion } from "./dto";
import { fieldErrorsOf, isUuid } from "./parse";
import {
  type RespondentSurveyDto,
  RespondentSurveySchema,
  type SubmitResponseInput,
  SubmitResponseInputSchema,
  type SubmittedResponseDto,
  SubmittedResponseSchema,
  type UnavailableReason,
} from "./schemas";

export type { Respondent } from "./availability";

/** Where a public survey link points: the survey's tenant and id. */
export interface SurveyRef {
  tenantId: string;
  surveyId: string;
}

const unavailable = (reason: UnavailableReason): RespondentSurveyDto =>
  RespondentSurveySchema.parse({ available: false, reason, message: UNAVAILABLE_MESSAGES[reason] });

/** The survey as a respondent sees it, or why they cannot answer it now. */
export async function getSurveyForRespondent(ref: SurveyRef, respondent: Respondent): Promise<RespondentSurveyDto> {
  if (!isUuid(ref.tenantId) || !isUuid(ref.surveyId)) return unavailable("not_found");
  const scope = { tenantId: ref.tenantId, surveyId: ref.surveyId };
  const survey = await db().survey.findUnique({
    where: { tenantId_id: { tenantId: ref.tenantId, id: ref.surveyId } },
    include: { questions: { orderBy: { position: "asc" } }, tenant: { select: { status: true } } },
  });
  if (!survey || survey.tenant.status !== ACTIVE_TENANT.status) return unavailable("not_found");
  const gate = gateReason(survey, respondent, new Date()) ?? (await organizationReason(db(), survey, respondent));
  if (gate) return unavailable(gate);
  const respondentKey = respondentKeyFor(survey.audience, respondent);
  if (respondentKey) {
    const mine = await db().response.findUnique({
      where: { tenantId_surveyId_respondentKey: { ...scope, respondentKey } },
      select: { id: true },
    });
    if (mine) return unavailable("already_answered");
  }
  if (survey.responseLimit !== null) {
    const count = await db().response.count({ where: scope });
    if (count >= survey.responseLimit) return unavailable("full");
  }
  return RespondentSurveySchema.parse({
    available: true,
    survey: {
      id: survey.id,
      tenantId: survey.tenantId,
      title: survey.title,
      description: survey.description,
      questions: survey.questions.map(toPublicQuestion),
    },
  });
}

/**
 * "Any registered organization" is checked against our tenants, not taken from the caller: a
 * respondent of another tenant counts only while that tenant is registered and active. (People
 * of the survey's own tenant are: the survey's tenant was found active.)
 */
async function organizationReason(
  client: DbClient,
  survey: { tenantId: string; audience: SurveyGateFacts["audience"] },
  respondent: Respondent,
): Promise<UnavailableReason | null> {
  if (survey.audience === "ANYONE_WITH_LINK" || respondent.kind !== "user") return null;
  if (respondent.tenantId === survey.tenantId) return null;
  const tenant = isUuid(respondent.tenantId)
    ? await client.tenant.findUnique({ where: { id: respondent.tenantId }, select: { status: true } })
    : null;
  return tenant?.status === ACTIVE_TENANT.status ? null : "wrong_organization";
}

function parseSubmission(input: SubmitResponseInput) {
  const result = SubmitResponseInputSchema.safeParse(input);
  if (result.success) return result.data;
  // Keyed like answer validation: by question id, without the "answers." prefix.
  const fields = Object.fromEntries(
    Object.entries(fieldErrorsOf(result.error)).map(([key, messages]) => [key.replace(/^answers\./, ""), messages]),
  );
  throw new ValidationError("Some answers need attention.", fields);
}

const toResult = (row: { id: string; submittedAt: Date }, created: boolean): SubmittedResponseDto =>
  SubmittedResponseSchema.parse({ responseId: row.id, submittedAt: iso(row.submittedAt), created });

const answerable = (questions: Question[]) =>
  questions.map((q) => ({ id: q.id, type: q.type, required: q.required, options: optionsOf(q) }));

/**
 * Stores one response with its answers, in one transaction, or nothing at all.
 * - Idempotent: the same submissionKey returns the stored response (created: false).
 * - Signed-in audiences: one response per person (ConflictError for a second one).
 * - The response limit and closing time hold under concurrency: submissions of a survey with a
 *   limit take the survey's row lock exclusively, so the count cannot be passed.
 */
export async function submitResponse(
  ref: SurveyRef,
  respondent: Respondent,
  input: SubmitResponseInput,
): Promise<SubmittedResponseDto> {
  const { submissionKey, answers } = parseSubmission(input);
  if (!isUuid(ref.tenantId) || !isUuid(ref.surveyId)) throw new NotFoundError("survey");
  const scope = { tenantId: ref.tenantId, surveyId: ref.surveyId };
  const byKey = { tenantId_surveyId_submissionKey: { ...scope, submissionKey } };
  let respondentKey: string | null = null;

  try {
    return await db().$transaction(
      async (tx) => {
        // Surveys without a limit let submissions run side by side; with one, they queue.
        const hint = await tx.survey.findUnique({
          where: { tenantId_id: { tenantId: scope.tenantId, id: scope.surveyId } },
          select: { responseLimit: true, tenant: { select: { status: true } } },
        });
        if (!hint || hint.tenant.status !== ACTIVE_TENANT.status) throw new NotFoundError("survey");
        let survey = await lockSurvey(
          tx,
          scope.tenantId,
          scope.surveyId,
          hint.responseLimit === null ? "share" : "update",
        );
        // A limit set since the first read (unpublish, edit, publish in between): take the exclusive lock.
        if (survey && hint.responseLimit === null && survey.responseLimit !== null) {
          survey = await lockSurvey(tx, scope.tenantId, scope.surveyId, "update");
        }
        if (!survey) throw new NotFoundError("survey");
        respondentKey = respondentKeyFor(survey.audience, respondent);

        const stored = await tx.response.findUnique({ where: byKey });
        if (stored) {
          if (stored.respondentKey !== respondentKey) throw new ConflictError("This submission key was already used.");
          return toResult(stored, false);
        }
        const facts = { ...survey, tenantId: scope.tenantId };
        const gate = gateReason(facts, respondent, new Date()) ?? (await organizationReason(tx, facts, respondent));
        if (gate) throw unavailableError(gate);
        if (respondentKey) {
          const mine = await tx.response.findUnique({
            where: { tenantId_surveyId_respondentKey: { ...scope, respondentKey } },
            select: { id: true },
          });
          if (mine) throw unavailableError("already_answered");
        }
        if (survey.responseLimit !== null && (await tx.response.count({ where: scope })) >= survey.responseLimit) {
          throw unavailableError("full");
        }

        const questions = await tx.question.findMany({ where: scope, orderBy: { position: "asc" } });
        const checked = validateAnswers(answerable(questions), answers);
        if (!checked.ok) throw new ValidationError("Some answers need attention.", checked.fields);

        const response = await tx.response.create({
          data: {
            ...scope,
            submissionKey,
            respondentKey,
            respondentTenantId: respondentKey && respondent.kind === "user" ? respondent.tenantId : null,
            respondentOid: respondentKey && respondent.kind === "user" ? respondent.oid : null,
          },
        });
        const rows = answerRows(scope.tenantId, response.id, checked.answers);
        if (rows.answers.length > 0) await tx.answer.createMany({ data: rows.answers });
        if (rows.choices.length > 0) await tx.answerChoice.createMany({ data: rows.choices });
        return toResult(response, true);
      },
      // Submissions of a limited survey queue on its lock; give them time to get their turn.
      { maxWait: 10_000, timeout: 20_000 },
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent submission won the race for the same key or the same person; its transaction
    // has committed (that is what unblocked ours), so look again.
    const stored = await db().response.findUnique({ where: byKey });
    if (!stored) throw unavailableError("already_answered");
    if (stored.respondentKey !== respondentKey) throw new ConflictError("This submission key was already used.");
    return toResult(stored, false);
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
