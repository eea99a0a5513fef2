// Questions of a draft. The domain addresses a question by the authorized survey and its id, so
// a question id of another survey (or tenant) is simply not found.
import "server-only";
import {
  addQuestion,
  deleteQuestion,
  duplicateQuestion,
  reorderQuestions,
  updateQuestion,
} from "@/lib/surveys/questions";
import { API } from "../contract/endpoints";
import { serve } from "../server/serve";

export const addQuestionRoute = serve(API.addQuestion, ({ caller, params, body }) =>
  addQuestion(caller.actor, params.surveyId, body),
);

export const reorderQuestionsRoute = serve(API.reorderQuestions, async ({ caller, params, body }) => ({
  items: await reorderQuestions(caller.actor, params.surveyId, body),
}));

export const updateQuestionRoute = serve(API.updateQuestion, ({ caller, params, body }) =>
  updateQuestion(caller.actor, params.surveyId, params.questionId, body),
);

export const deleteQuestionRoute = serve(API.deleteQuestion, async ({ caller, params }) => {
  await deleteQuestion(caller.actor, params.surveyId, params.questionId);
  return undefined;
});

export const duplicateQuestionRoute = serve(API.duplicateQuestion, ({ caller, params }) =>
  duplicateQuestion(caller.actor, params.surveyId, params.questionId),
);
