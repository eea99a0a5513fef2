"use server";
// Questions of a draft survey, through the Survey API: add, change, reorder, duplicate, delete.
import type { QuestionDto, QuestionInput, QuestionPatch } from "@/lib/surveys/schemas";
import type { ActionState } from "@/lib/web/api-action";
import { mutate } from "./api-mutation";

export async function addQuestionAction(surveyId: string, question: QuestionInput): Promise<ActionState<QuestionDto>> {
  return mutate((api) => api.addQuestion({ params: { surveyId }, body: question }));
}

export async function updateQuestionAction(
  surveyId: string,
  questionId: string,
  patch: QuestionPatch,
): Promise<ActionState<QuestionDto>> {
  return mutate((api) => api.updateQuestion({ params: { surveyId, questionId }, body: patch }));
}

export async function reorderQuestionsAction(
  surveyId: string,
  questionIds: string[],
): Promise<ActionState<{ items: QuestionDto[] }>> {
  return mutate((api) => api.reorderQuestions({ params: { surveyId }, body: { questionIds } }));
}

export async function duplicateQuestionAction(surveyId: string, questionId: string): Promise<ActionState<QuestionDto>> {
  return mutate((api) => api.duplicateQuestion({ params: { surveyId, questionId } }));
}

export async function deleteQuestionAction(surveyId: string, questionId: string): Promise<ActionState<undefined>> {
  return mutate((api) => api.deleteQuestion({ params: { surveyId, questionId } }));
}
