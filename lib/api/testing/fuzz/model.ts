// The model of what the 2xx answers acknowledged: what the two tenants should now have stored
// (surveys, questions, responses, pending invitations, contributors), for the read-back to compare
// with what the API and the database hold. Answers the setup or the fuzzing did not create are
// not ours (another test's, or seeded) and stay out.
import assert from "node:assert/strict";
import type { QuestionDto, SurveyDto } from "@/lib/surveys/schemas";
import { SurveySchema } from "@/lib/surveys/schemas";
import type { EndpointSpec } from "../../contract/define";
import { API, type OperationId } from "../../contract/endpoints";
import { identityOf, isSignedIn } from "./callers";
import type { Case } from "./case";

export interface Model {
  /** Survey id → the survey as last answered (without the caller-specific and moving parts). */
  surveys: Map<string, Omit<SurveyDto, "questions" | "access" | "updatedAt">>;
  /** Survey id → question id → the question as last answered. */
  questions: Map<string, Map<string, QuestionDto>>;
  /** Response id → survey id. */
  responses: Map<string, string>;
  /** Pending invitation id → survey id and address. */
  invitations: Map<string, { surveyId: string; email: string }>;
  /** Survey id → `${userTenantId}/${userId}` of its contributors. */
  contributors: Map<string, Set<string>>;
}
const model: Model = {
  surveys: new Map(),
  questions: new Map(),
  responses: new Map(),
  invitations: new Map(),
  contributors: new Map(),
};
/** Path ids in lower case, as answers name them: the fuzzing also sends them in upper case. */
const lower = (text: string | undefined) => (text ?? "").toLowerCase();

function rememberSurvey(survey: SurveyDto, created: boolean): void {
  if (!created && !model.surveys.has(survey.id)) return; // not ours (another test's, or seeded)
  const { questions, access: _access, updatedAt: _updatedAt, ...rest } = survey;
  model.surveys.set(survey.id, rest);
  model.questions.set(survey.id, new Map(questions.map((q) => [q.id, q])));
}

function forgetSurvey(surveyId: string): void {
  model.surveys.delete(surveyId);
  model.questions.delete(surveyId);
  model.contributors.delete(surveyId);
  for (const [id, of] of model.responses) if (of === surveyId) model.responses.delete(id);
  for (const [id, invitation] of model.invitations) if (invitation.surveyId === surveyId) model.invitations.delete(id);
}

/** What a 2xx answer says is now stored. */
export function acknowledge(operationId: OperationId, c: Case, body: unknown): void {
  const surveyId = lower(c.params.surveyId);
  const caller = isSignedIn(c.caller) ? identityOf(c.caller.who) : null;
  const schema = (API[operationId] as EndpointSpec).response;
  if (schema.kind === "json" && schema.schema === SurveySchema) {
    rememberSurvey(body as SurveyDto, operationId === "createSurvey");
  }
  const questions = model.questions.get(surveyId);
  switch (operationId) {
    case "addQuestion":
    case "updateQuestion":
    case "duplicateQuestion":
      questions?.set((body as QuestionDto).id, body as QuestionDto);
      break;
    case "reorderQuestions":
      if (questions)
        model.questions.set(surveyId, new Map((body as { items: QuestionDto[] }).items.map((q) => [q.id, q])));
      break;
    case "deleteQuestion":
      questions?.delete(lower(c.params.questionId));
      break;
    case "deleteSurvey":
      forgetSurvey(surveyId);
      break;
    case "submitResponse": {
      const { responseId, created } = body as { responseId: string; created: boolean };
      if (!model.surveys.has(surveyId)) break;
      if (created) {
        assert.ok(!model.responses.has(responseId), `a new response reuses the id ${responseId}`);
        model.responses.set(responseId, surveyId);
      } else {
        assert.equal(model.responses.get(responseId), surveyId, "a replay answers with a stored response");
      }
      break;
    }
    case "createInvitation": {
      const { invitation } = body as { invitation: { id: string; surveyId: string; email: string } };
      // A new invitation replaces a pending one for the same address.
      for (const [id, pending] of model.invitations) {
        if (pending.surveyId === invitation.surveyId && pending.email === invitation.email) {
          model.invitations.delete(id);
        }
      }
      model.invitations.set(invitation.id, { surveyId: invitation.surveyId, email: invitation.email });
      break;
    }
    case "revokeInvitation":
      model.invitations.delete(lower(c.params.invitationId));
      break;
    case "acceptInvitation": {
      const accepted = body as { surveyId: string };
      assert.ok(caller, "only a signed-in person accepts");
      for (const [id, pending] of model.invitations) {
        if (pending.surveyId === accepted.surveyId && pending.email === caller.email) model.invitations.delete(id);
      }
      const set = model.contributors.get(accepted.surveyId) ?? new Set();
      set.add(`${caller.tenantId}/${caller.userId}`);
      model.contributors.set(accepted.surveyId, set);
      break;
    }
    case "removeContributor":
      model.contributors.get(surveyId)?.delete(`${lower(c.params.userTenantId)}/${lower(c.params.userId)}`);
      break;
  }
}

/** What was acknowledged so far, as a copy: the read-back's own answers are acknowledged too. */
export const acknowledgedSoFar = (): Model => structuredClone(model);
