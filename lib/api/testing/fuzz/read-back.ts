// The read-back after the fuzzing: everything stored for the two tenants, read back through the
// API, parses with the output schemas and is exactly what the 2xx answers acknowledged: surveys,
// questions, responses (replays counted once, answers still valid for their questions),
// invitations, contributors; and the database holds no rows the API would not list.
import assert from "node:assert/strict";
import { db } from "@/lib/db";
import { validateAnswers } from "@/lib/surveys/answers";
import {
  type QuestionDto,
  QuestionSchema,
  type ResponseDto,
  ResponsesPageSchema,
  SurveyResultsSchema,
  SurveySchema,
} from "@/lib/surveys/schemas";
import { ContributorListSchema, InvitationListSchema, SurveyListSchema } from "../../contract/schemas";
import { identityOf, SIGNED_IN, TENANTS, type Who } from "./callers";
import { plain } from "./case";
import { acknowledgedSoFar } from "./model";
import { answered, ok } from "./send";

/** Compares what is stored with what was acknowledged; `preexisting` surveys are not the run's. */
export async function readBack(preexisting: string[]): Promise<void> {
  // What was acknowledged, before the read-back's own answers are remembered too.
  const expected = acknowledgedSoFar();
  const created = answered("createSurvey", 201) ?? 0;
  const deleted = answered("deleteSurvey", 204) ?? 0;
  let storedAnswers = 0;
  for (const who of SIGNED_IN) {
    const { tenantId } = identityOf(who);
    const list = await ok("listSurveys", plain(who, {}, { query: { scope: "tenant" } }), SurveyListSchema);
    const stored = list.items.map((s) => s.id).filter((id) => !preexisting.includes(id));
    const acknowledged = [...expected.surveys].filter(([, s]) => s.tenantId === tenantId).map(([id]) => id);
    assert.deepEqual(stored.sort(), acknowledged.sort(), `${who}: the surveys stored are the ones acknowledged`);

    for (const surveyId of stored) {
      const params = { surveyId };
      const survey = await ok("getSurvey", plain(who, params), SurveySchema);
      const { questions, access: _access, updatedAt: _updatedAt, ...rest } = survey;
      assert.deepEqual(rest, expected.surveys.get(surveyId), "the survey as last acknowledged");
      const withoutPosition = ({ position: _position, ...q }: QuestionDto) => q;
      const acknowledgedQuestions = [...(expected.questions.get(surveyId)?.values() ?? [])].map(withoutPosition);
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      assert.deepEqual(questions.map(withoutPosition).sort(byId), acknowledgedQuestions.sort(byId), "its questions");
      assert.deepEqual(
        questions.map((q) => q.position),
        questions.map((_, i) => i),
        "positions 0…n-1",
      );
      for (const q of questions) QuestionSchema.parse(q);

      const responses = await storedResponses(who, surveyId);
      const acknowledgedResponses = [...expected.responses].filter(([, of]) => of === surveyId).map(([id]) => id);
      assert.deepEqual(responses.map((r) => r.id).sort(), acknowledgedResponses.sort(), "responses, replays once");
      for (const response of responses) {
        storedAnswers += response.answers.length;
        // Stored answers still pass the domain's own validation, unchanged by its normalization.
        const sent = Object.fromEntries(response.answers.map((a) => [a.questionId, a.value]));
        const checked = validateAnswers(
          questions.map((q) => ({ ...q, options: "options" in q ? q.options : [] })),
          sent,
        );
        assert.ok(checked.ok, `response ${response.id}: ${JSON.stringify(checked)}`);
        const normalized = Object.fromEntries(checked.answers.map((a) => [a.questionId, a.value]));
        assert.deepEqual(normalized, sent, `response ${response.id} is stored normalized`);
      }
      const results = await ok("getResults", plain(who, params), SurveyResultsSchema);
      assert.equal(results.totalResponses, responses.length);

      const invitations = await ok("listInvitations", plain(who, params), InvitationListSchema);
      const pending = [...expected.invitations].filter(([, i]) => i.surveyId === surveyId).map(([id]) => id);
      assert.deepEqual(invitations.items.map((i) => i.id).sort(), pending.sort(), "pending invitations");
      const contributors = await ok("listContributors", plain(who, params), ContributorListSchema);
      assert.deepEqual(
        contributors.items.map((c) => `${c.userTenantId}/${c.userId}`).sort(),
        [...(expected.contributors.get(surveyId) ?? [])].sort(),
        "contributors",
      );
    }
  }
  assert.equal(expected.surveys.size, created - deleted, "surveys stored = 201s of create − 204s of delete");

  // And the rows themselves, for anything the API would not list.
  const ours = { tenantId: { in: TENANTS }, surveyId: { notIn: preexisting } };
  const questionCount = [...expected.questions.values()].reduce((sum, questions) => sum + questions.size, 0);
  assert.equal(await db().question.count({ where: ours }), questionCount, "question rows");
  assert.equal(await db().response.count({ where: ours }), expected.responses.size, "response rows");
  const responseIds = [...expected.responses.keys()];
  assert.equal(
    await db().answer.count({ where: { tenantId: { in: TENANTS }, responseId: { in: responseIds } } }),
    storedAnswers,
    "answer rows",
  );
}

async function storedResponses(who: Who, surveyId: string): Promise<ResponseDto[]> {
  const responses: ResponseDto[] = [];
  let cursor: string | null = null;
  do {
    const query: Record<string, string> = { limit: "100", ...(cursor ? { cursor } : {}) };
    const page = await ok("listResponses", plain(who, { surveyId }, { query }), ResponsesPageSchema);
    responses.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return responses;
}
