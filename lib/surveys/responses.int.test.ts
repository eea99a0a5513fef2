// Answering: who may answer when, validation that stores nothing, idempotent submits, one
// response per person, and the response limit under concurrent submissions.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from "@/lib/errors";
import { createCast, dismissCast } from "@/test/support/actors";
import {
  ANYONE,
  anonymous,
  createDraft,
  createPublished,
  newSubmissionKey,
  refOf,
  sampleAnswers,
  setTenantStatus,
  submitSample as submit,
} from "@/test/support/surveys";
import type { TenantFixture } from "@/test/support/tenants";
import { listResponses } from "./answer-lists";
import { closeSurvey } from "./lifecycle";
import { getSurveyForRespondent, type Respondent, type SurveyRef, submitResponse } from "./responses";
import type { SurveyDto } from "./schemas";

let a: TenantFixture;
let b: TenantFixture;
let owner: UserActor;
let adminB: UserActor;

let colleague: Respondent;
let stranger: Respondent;

before(async () => {
  ({ a, b, owner, adminB } = await createCast(db()));
  colleague = { kind: "user", tenantId: a.tenantId, oid: randomUUID() };
  stranger = { kind: "user", tenantId: b.tenantId, oid: randomUUID() };
});

after(() => dismissCast(db(), { a, b }));

const count = (survey: SurveyDto) => db().response.count({ where: { tenantId: survey.tenantId, surveyId: survey.id } });
const answerCount = (survey: SurveyDto) =>
  db().answer.count({ where: { tenantId: survey.tenantId, questionId: { in: survey.questions.map((q) => q.id) } } });

const setClosesAt = (survey: SurveyDto, closesAt: Date) =>
  db().survey.updateMany({ where: { tenantId: survey.tenantId, id: survey.id }, data: { closesAt } });

const reasonOf = async (survey: SurveyDto | SurveyRef, respondent: Respondent) => {
  const ref = "surveyId" in survey ? survey : refOf(survey);
  const result = await getSurveyForRespondent(ref, respondent);
  return result.available ? "available" : result.reason;
};

describe("who may answer", () => {
  test("a published link survey shows respondents only what they need", async () => {
    const survey = await createPublished(owner, { settings: { audience: "ANYONE_WITH_LINK" } });
    const result = await getSurveyForRespondent(refOf(survey), anonymous);
    assert.ok(result.available);
    assert.deepEqual(Object.keys(result.survey).sort(), ["description", "id", "questions", "tenantId", "title"]);
    assert.deepEqual(
      result.survey.questions.map((q) => q.id),
      survey.questions.map((q) => q.id),
    );
    assert.ok(!("position" in (result.survey.questions[0] ?? {})));
  });

  test("each unavailability has its reason", async () => {
    const link = { settings: { audience: "ANYONE_WITH_LINK" as const } };
    assert.equal(await reasonOf({ tenantId: a.tenantId, surveyId: randomUUID() }, anonymous), "not_found");
    assert.equal(await reasonOf({ tenantId: "nope", surveyId: "nope" }, anonymous), "not_found");
    assert.equal(await reasonOf(await createDraft(owner, link), anonymous), "not_published");

    const closed = await createPublished(owner, link);
    await closeSurvey(owner, closed.id);
    assert.equal(await reasonOf(closed, anonymous), "closed");

    const later = await createPublished(owner, {
      settings: { audience: "ANYONE_WITH_LINK", opensAt: "2099-01-01T00:00:00Z" },
    });
    assert.equal(await reasonOf(later, anonymous), "not_open_yet");

    const full = await createPublished(owner, { settings: { audience: "ANYONE_WITH_LINK", responseLimit: 1 } });
    await submit(full, anonymous);
    assert.equal(await reasonOf(full, anonymous), "full");
    await assert.rejects(submit(full, anonymous), /received all the responses/);

    const tenantOnly = await createPublished(owner, { settings: { audience: "TENANT_USERS" } });
    assert.equal(await reasonOf(tenantOnly, anonymous), "sign_in_required");
    await assert.rejects(submit(tenantOnly, anonymous), UnauthorizedError);
    assert.equal(await reasonOf(tenantOnly, stranger), "wrong_organization");
    await assert.rejects(submit(tenantOnly, stranger), ForbiddenError);
    assert.equal(await reasonOf(tenantOnly, colleague), "available");
    await submit(tenantOnly, colleague);
    assert.equal(await reasonOf(tenantOnly, colleague), "already_answered");

    const registered = await createPublished(owner, { settings: { audience: "REGISTERED_TENANT_USERS" } });
    assert.equal(await reasonOf(registered, stranger), "available");
    assert.equal(await reasonOf(registered, colleague), "available");
    assert.equal(await reasonOf(registered, anonymous), "sign_in_required");
    await assert.rejects(submit(registered, anonymous), UnauthorizedError);
  });

  test("the closing time is honoured: answers until then, a clear refusal after, retries still answered", async () => {
    const survey = await createPublished(owner, {
      settings: { audience: "ANYONE_WITH_LINK", closesAt: new Date(Date.now() + 60_000).toISOString() },
    });
    const key = newSubmissionKey();
    const first = await submit(survey, anonymous, key);
    await setClosesAt(survey, new Date(Date.now() - 1));
    assert.equal(await reasonOf(survey, anonymous), "closed");
    await assert.rejects(submit(survey, anonymous), (error: unknown) => {
      assert.ok(error instanceof ConflictError);
      assert.equal(error.message, "This survey is closed and no longer takes answers.");
      return true;
    });
    // A retry of a submission stored in time is not a new answer.
    const retry = await submit(survey, anonymous, key);
    assert.deepEqual({ ...retry, created: true }, first);
    assert.equal(await count(survey), 1);
  });

  test("the opening time is honoured", async () => {
    const survey = await createPublished(owner, {
      settings: { audience: "ANYONE_WITH_LINK", opensAt: new Date(Date.now() + 60_000).toISOString() },
    });
    await assert.rejects(submit(survey, anonymous), /not open yet/);
    await db().survey.updateMany({
      where: { tenantId: a.tenantId, id: survey.id },
      data: { opensAt: new Date(Date.now() - 1) },
    });
    assert.equal((await submit(survey, anonymous)).created, true);
  });

  test("any registered organization means registered and active here, not whatever the caller says", async () => {
    const survey = await createPublished(owner, { settings: { audience: "REGISTERED_TENANT_USERS" } });
    const unregistered: Respondent = { kind: "user", tenantId: randomUUID(), oid: randomUUID() };
    const malformed: Respondent = { kind: "user", tenantId: "not-a-tenant", oid: randomUUID() };
    for (const respondent of [unregistered, malformed]) {
      assert.equal(await reasonOf(survey, respondent), "wrong_organization");
      await assert.rejects(submit(survey, respondent), ForbiddenError);
    }
    await setTenantStatus(db(), b.tenantId, "OFFBOARDED");
    try {
      assert.equal(await reasonOf(survey, stranger), "wrong_organization");
      await assert.rejects(submit(survey, stranger), /not open to people of your organization/);
    } finally {
      await setTenantStatus(db(), b.tenantId, "ACTIVE");
    }
    assert.equal((await submit(survey, stranger)).created, true);
    assert.equal(await count(survey), 1);
  });

  test("an offboarded tenant's surveys look missing to respondents", async () => {
    const survey = await createPublished(owner, ANYONE);
    await setTenantStatus(db(), a.tenantId, "OFFBOARDED");
    try {
      assert.equal(await reasonOf(survey, anonymous), "not_found");
      await assert.rejects(submit(survey, anonymous), NotFoundError);
    } finally {
      await setTenantStatus(db(), a.tenantId, "ACTIVE");
    }
    assert.equal(await count(survey), 0);
    assert.equal(await reasonOf(survey, anonymous), "available");
  });
});

describe("submitting", () => {
  test("invalid answers are refused per question, in words, and nothing is stored", async () => {
    const survey = await createPublished(owner, {
      settings: { audience: "ANYONE_WITH_LINK" },
      questions: [
        { type: "SINGLE_CHOICE", text: "Pick", required: true, options: [{ label: "A" }, { label: "B" }] },
        { type: "RATING", text: "Rate", required: true },
        { type: "SHORT_TEXT", text: "Why?" },
      ],
    });
    const [pick, rate, why] = survey.questions.map((q) => q.id) as [string, string, string];
    const unknown = randomUUID();
    await assert.rejects(
      submitResponse(refOf(survey), anonymous, {
        submissionKey: newSubmissionKey(),
        answers: { [rate]: 9, [why]: "fine", [unknown]: "?" },
      }),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.deepEqual(error.fields, {
          [pick]: ["Choose one option."],
          [rate]: ["Enter a number from 1 to 5."],
          [unknown]: ["This question is not part of the survey."],
        });
        return true;
      },
    );
    await assert.rejects(
      submitResponse(refOf(survey), anonymous, { submissionKey: "bad key!", answers: {} }),
      ValidationError,
    );
    assert.equal(await count(survey), 0);
    assert.equal(await answerCount(survey), 0);
  });

  test("the same submission key returns the stored response: a double click is one response", async () => {
    const survey = await createPublished(owner, { settings: { audience: "ANYONE_WITH_LINK" } });
    const key = newSubmissionKey();
    const first = await submit(survey, anonymous, key, 5);
    const again = await submit(survey, anonymous, key, 1);
    assert.equal(first.created, true);
    assert.deepEqual(again, { ...first, created: false });
    assert.equal(await count(survey), 1);
    const stored = await db().answer.findFirstOrThrow({
      where: { tenantId: a.tenantId, responseId: first.responseId },
    });
    assert.equal(stored.value, 5);
    // Racing retries of one submission still store one response.
    const key2 = newSubmissionKey();
    const racing = await Promise.all(Array.from({ length: 5 }, () => submit(survey, anonymous, key2)));
    assert.equal(new Set(racing.map((r) => r.responseId)).size, 1);
    assert.equal(racing.filter((r) => r.created).length, 1);
    assert.equal(await count(survey), 2);
  });

  test("signed-in audiences: one response per person, retries still idempotent", async () => {
    const survey = await createPublished(owner, { settings: { audience: "REGISTERED_TENANT_USERS" } });
    const person: Respondent = { kind: "user", tenantId: b.tenantId, oid: randomUUID() };
    const key = newSubmissionKey();
    const first = await submit(survey, person, key);
    await assert.rejects(submit(survey, person), (error: unknown) => {
      assert.ok(error instanceof ConflictError);
      assert.match(error.message, /already answered/);
      return true;
    });
    assert.equal((await submit(survey, person, key)).responseId, first.responseId);
    // Someone else cannot claim that submission key.
    await assert.rejects(submit(survey, { kind: "user", tenantId: b.tenantId, oid: randomUUID() }, key), ConflictError);

    // The response belongs to the survey's tenant and names the respondent's own.
    const row = await db().response.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: a.tenantId, id: first.responseId } },
    });
    assert.equal(row.respondentTenantId, b.tenantId);
    assert.equal(row.respondentKey, `${person.kind === "user" ? person.oid : ""}.${b.tenantId}`);

    // Racing submissions of one person with different keys: exactly one is stored.
    const racer: Respondent = { kind: "user", tenantId: b.tenantId, oid: randomUUID() };
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => submit(survey, racer)));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    for (const r of results)
      if (r.status === "rejected") assert.ok(r.reason instanceof ConflictError, String(r.reason));
    assert.equal(await count(survey), 2);
  });

  test("a survey open to anyone records no identity, even of a signed-in respondent", async () => {
    const survey = await createPublished(owner, { settings: { audience: "ANYONE_WITH_LINK" } });
    await submit(survey, colleague);
    await submit(survey, colleague);
    const rows = await db().response.findMany({ where: { tenantId: a.tenantId, surveyId: survey.id } });
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.respondentKey === null && r.respondentOid === null));
  });

  test("twenty submissions racing for five places: exactly five are stored, the rest told it is full", async () => {
    const limit = 5;
    const survey = await createPublished(owner, { settings: { audience: "ANYONE_WITH_LINK", responseLimit: limit } });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => submit(survey, anonymous)));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, limit);
    for (const r of results) {
      if (r.status === "rejected") {
        assert.ok(r.reason instanceof ConflictError, String(r.reason));
        assert.match(r.reason.message, /received all the responses/);
      }
    }
    assert.equal(await count(survey), limit);
    assert.equal(await answerCount(survey), limit);
    assert.equal(await reasonOf(survey, anonymous), "full");
  });
});

describe("isolation", () => {
  test("tenant B cannot read tenant A's responses, nor reach A's survey through its own tenant", async () => {
    const survey = await createPublished(owner, { settings: { audience: "ANYONE_WITH_LINK" } });
    const { responseId } = await submit(survey, anonymous);
    await assert.rejects(listResponses(adminB, survey.id), NotFoundError);
    assert.equal(await reasonOf({ tenantId: b.tenantId, surveyId: survey.id }, anonymous), "not_found");
    await assert.rejects(
      submitResponse({ tenantId: b.tenantId, surveyId: survey.id }, anonymous, {
        submissionKey: newSubmissionKey(),
        answers: sampleAnswers(survey),
      }),
      NotFoundError,
    );
    assert.equal(await count(survey), 1);
    assert.equal(await db().response.count({ where: { tenantId: b.tenantId } }), 0);
    assert.deepEqual(
      (await listResponses(owner, survey.id)).items.map((r) => r.id),
      [responseId],
    );
  });
});
