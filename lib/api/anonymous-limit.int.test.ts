// Anonymous answers are limited per client address and survey, through the real route handler:
// the limit's next answer is a 429 problem with Retry-After; other clients are not affected.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { db, disconnectDb } from "@/lib/db";
import type { SurveyDto } from "@/lib/surveys/schemas";
import { registerSeededTenant } from "@/test/support/emulator-hooks";
import { SEEDED } from "@/test/support/entra";
import { ANONYMOUS_SUBMISSIONS } from "./handlers/responses";
import { apiTokenFor, callRoute, jsonOf } from "./testing/harness";

const TITLE = `api-limit-${randomUUID().slice(0, 8)}`;
let undo: () => Promise<void> = async () => {};
let survey: SurveyDto;

before(async () => {
  undo = await registerSeededTenant(db(), SEEDED.contoso, "Contoso");
  const token = await apiTokenFor("adele@contoso.com");
  survey = await jsonOf<SurveyDto>(
    await callRoute("createSurvey", {
      token,
      body: {
        title: TITLE,
        settings: { audience: "ANYONE_WITH_LINK" },
        questions: [{ type: "SHORT_TEXT", text: "Anything to add?" }],
      },
    }),
    201,
  );
  await jsonOf(await callRoute("publishSurvey", { token, params: { surveyId: survey.id } }), 200);
});

after(async () => {
  await db().survey.deleteMany({ where: { title: TITLE } });
  await undo();
  await disconnectDb();
});

const submit = (address: string) =>
  callRoute("submitResponse", {
    params: { tenantId: SEEDED.contoso, surveyId: survey.id },
    headers: { "x-forwarded-for": `${address}, 10.0.0.1` },
    body: { submissionKey: randomUUID(), answers: {} },
  });

test("one address gets the limit, then 429 with Retry-After; another address still answers", async () => {
  for (let i = 0; i < ANONYMOUS_SUBMISSIONS.limit; i++) assert.equal((await submit("203.0.113.50")).status, 201);
  const refused = await submit("203.0.113.50");
  assert.equal(refused.status, 429);
  assert.equal(refused.headers.get("content-type"), "application/problem+json");
  const retryAfter = Number(refused.headers.get("retry-after"));
  assert.ok(retryAfter >= 1 && retryAfter <= ANONYMOUS_SUBMISSIONS.windowSeconds);
  const problem = (await refused.json()) as { code: string; detail: string };
  assert.equal(problem.code, "too_many_requests");
  assert.match(problem.detail, /Try again in \d+ seconds?/);
  assert.equal((await submit("198.51.100.60")).status, 201);
  assert.equal(
    await db().response.count({ where: { tenantId: SEEDED.contoso, surveyId: survey.id } }),
    ANONYMOUS_SUBMISSIONS.limit + 1,
    "the refused answer stored nothing",
  );
});
