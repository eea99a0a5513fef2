// Questions of a draft survey. A question is always addressed by (tenantId, surveyId, id) of the
// survey the actor was authorized for, so it can never be read, edited or moved through another
// survey (Tailspin's update could move a question into another survey). Positions stay 0..n-1.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma, Question, Survey } from "@/lib/generated/prisma/client";
import { authorizeSurvey, withDraftSurvey } from "./access";
import { toQuestionDto } from "./dto";
import { isUuid, parseInput } from "./parse";
import { mergeQuestionPatch, questionData } from "./question-data";
import {
  LIMITS,
  type QuestionDto,
  type QuestionInput,
  QuestionInputSchema,
  type QuestionPatch,
  QuestionPatchSchema,
  type ReorderQuestionsInput,
  ReorderQuestionsInputSchema,
} from "./schemas";

const scopeOf = (survey: Survey) => ({ tenantId: survey.tenantId, surveyId: survey.id });

async function findQuestionOrThrow(
  tx: Prisma.TransactionClient,
  survey: Survey,
  questionId: string,
): Promise<Question> {
  const question = isUuid(questionId)
    ? await tx.question.findFirst({ where: { ...scopeOf(survey), id: questionId } })
    : null;
  if (!question) throw new NotFoundError("question");
  return question;
}

/** Appends a question at the end. */
export async function addQuestion(actor: Actor, surveyId: string, input: QuestionInput): Promise<QuestionDto> {
  const { survey } = await authorizeSurvey(actor, surveyId, "survey:update");
  const data = questionData(parseInput(QuestionInputSchema, input));
  return withDraftSurvey(survey, async (tx) => {
    const count = await tx.question.count({ where: scopeOf(survey) });
    if (count >= LIMITS.questionsPerSurvey) {
      throw new ConflictError(`A survey has at most ${LIMITS.questionsPerSurvey} questions.`);
    }
    return toQuestionDto(await tx.question.create({ data: { ...scopeOf(survey), position: count, ...data } }));
  });
}

/**
 * Changes a question's text, description, required flag, type or options. The stored question
 * and the patch are merged and validated as a whole; invalid input changes nothing.
 */
export async function updateQuestion(
  actor: Actor,
  surveyId: string,
  questionId: string,
  patch: QuestionPatch,
): Promise<QuestionDto> {
  const { survey } = await authorizeSurvey(actor, surveyId, "survey:update");
  const parsedPatch = parseInput(QuestionPatchSchema, patch);
  return withDraftSurvey(survey, async (tx) => {
    const existing = toQuestionDto(await findQuestionOrThrow(tx, survey, questionId));
    const data = questionData(parseInput(QuestionInputSchema, mergeQuestionPatch(existing, parsedPatch)));
    // The where names the survey too: the row is this survey's question or nothing is written.
    await tx.question.updateMany({ where: { ...scopeOf(survey), id: existing.id }, data });
    return toQuestionDto(await findQuestionOrThrow(tx, survey, existing.id));
  });
}

/** Puts the survey's questions in the given order; the list must name each of them exactly once. */
export async function reorderQuestions(
  actor: Actor,
  surveyId: string,
  input: ReorderQuestionsInput,
): Promise<QuestionDto[]> {
  const { survey } = await authorizeSurvey(actor, surveyId, "survey:update");
  const { questionIds } = parseInput(ReorderQuestionsInputSchema, input);
  return withDraftSurvey(survey, async (tx) => {
    const current = await tx.question.findMany({ where: scopeOf(survey), select: { id: true } });
    const known = new Set(current.map((q) => q.id));
    const sent = new Set(questionIds);
    if (sent.size !== questionIds.length || sent.size !== known.size || !questionIds.every((id) => known.has(id))) {
      throw new ValidationError("Send every question of the survey exactly once, in the new order.", {
        questionIds: ["Send every question of the survey exactly once, in the new order."],
      });
    }
    for (const [position, id] of questionIds.entries()) {
      await tx.question.updateMany({ where: { ...scopeOf(survey), id }, data: { position } });
    }
    const questions = await tx.question.findMany({ where: scopeOf(survey), orderBy: { position: "asc" } });
    return questions.map(toQuestionDto);
  });
}

/** Copies a question and places the copy right after it. */
export async function duplicateQuestion(actor: Actor, surveyId: string, questionId: string): Promise<QuestionDto> {
  const { survey } = await authorizeSurvey(actor, surveyId, "survey:update");
  return withDraftSurvey(survey, async (tx) => {
    const original = await findQuestionOrThrow(tx, survey, questionId);
    const count = await tx.question.count({ where: scopeOf(survey) });
    if (count >= LIMITS.questionsPerSurvey) {
      throw new ConflictError(`A survey has at most ${LIMITS.questionsPerSurvey} questions.`);
    }
    await tx.question.updateMany({
      where: { ...scopeOf(survey), position: { gt: original.position } },
      data: { position: { increment: 1 } },
    });
    const copy = await tx.question.create({
      data: {
        ...scopeOf(survey),
        position: original.position + 1,
        type: original.type,
        text: original.text,
        description: original.description,
        required: original.required,
        options: original.options ?? {},
      },
    });
    return toQuestionDto(copy);
  });
}

export async function deleteQuestion(actor: Actor, surveyId: string, questionId: string): Promise<void> {
  const { survey } = await authorizeSurvey(actor, surveyId, "survey:update");
  await withDraftSurvey(survey, async (tx) => {
    const question = await findQuestionOrThrow(tx, survey, questionId);
    await tx.question.deleteMany({ where: { ...scopeOf(survey), id: question.id } });
    await tx.question.updateMany({
      where: { ...scopeOf(survey), position: { gt: question.position } },
      data: { position: { decrement: 1 } },
    });
  });
}
