// Questions: positions stay dense, bad input changes nothing, and a question can never be reached
// through another survey or another tenant.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createCast, dismissCast } from "@/test/support/actors";
import { createDraft, createPublished } from "@/test/support/surveys";
import type { TenantFixture } from "@/test/support/tenants";
import { closeSurvey } from "./lifecycle";
import { getSurvey } from "./queries";
import { addQuestion, deleteQuestion, duplicateQuestion, reorderQuestions, updateQuestion } from "./questions";

let a: TenantFixture;
let b: TenantFixture;
let owner: UserActor;
let reader: UserActor;
let adminB: UserActor;

before(async () => {
  ({ a, b, owner, reader, adminB } = await createCast(db()));
});

after(() => dismissCast(db(), { a, b }));

const stored = (tenantId: string, surveyId: string) =>
  db().question.findMany({ where: { tenantId, surveyId }, orderBy: { position: "asc" } });

const positions = async (surveyId: string) => (await stored(a.tenantId, surveyId)).map((q) => q.position);

describe("adding and editing", () => {
  test("questions are appended; choice options get ids; type-specific rules apply", async () => {
    const survey = await createDraft(owner, { questions: [] });
    await addQuestion(owner, survey.id, { type: "SHORT_TEXT", text: "First" });
    const choice = await addQuestion(owner, survey.id, {
      type: "MULTIPLE_CHOICE",
      text: "  Pick some  ",
      required: true,
      options: [{ label: " Tea " }, { label: "Coffee" }, { id: "keep-me", label: "Water" }],
    });
    assert.equal(choice.position, 1);
    assert.equal(choice.text, "Pick some");
    assert.ok(choice.type === "MULTIPLE_CHOICE");
    assert.deepEqual(
      choice.options.map((o) => o.label),
      ["Tea", "Coffee", "Water"],
    );
    assert.equal(choice.options[2]?.id, "keep-me");
    assert.equal(new Set(choice.options.map((o) => o.id)).size, 3);
    await assert.rejects(
      addQuestion(owner, survey.id, { type: "RATING", text: "x", options: [{ label: "a" }, { label: "b" }] } as never),
      ValidationError,
    );
    await assert.rejects(addQuestion(reader, survey.id, { type: "DATE", text: "No" }), ForbiddenError);
    assert.deepEqual(await positions(survey.id), [0, 1]);
  });

  test("an update keeps option ids it is given, and an invalid update leaves the question as it was", async () => {
    const survey = await createDraft(owner);
    const question = survey.questions[1];
    assert.ok(question?.type === "SINGLE_CHOICE");
    const [red, blue] = question.options;
    const updated = await updateQuestion(owner, survey.id, question.id, {
      text: "Colour?",
      options: [{ id: red?.id, label: "Crimson" }, { id: blue?.id, label: "Blue" }, { label: "Green" }],
    });
    assert.ok(updated.type === "SINGLE_CHOICE");
    assert.equal(updated.options[0]?.id, red?.id);
    assert.equal(updated.options[0]?.label, "Crimson");
    assert.equal(updated.options.length, 3);

    const before = await db().question.findFirstOrThrow({ where: { tenantId: a.tenantId, id: question.id } });
    for (const bad of [
      { options: [{ label: "Only one" }] },
      { options: [{ label: "Same" }, { label: "same " }] },
      { text: "" },
      { type: "SINGLE_CHOICE", options: [] },
      { surveyId: randomUUID() },
    ]) {
      await assert.rejects(
        updateQuestion(owner, survey.id, question.id, bad as never),
        ValidationError,
        JSON.stringify(bad),
      );
    }
    const after = await db().question.findFirstOrThrow({ where: { tenantId: a.tenantId, id: question.id } });
    assert.deepEqual(after, before);
  });

  test("changing the type to a non-choice type drops the options; to a choice type needs them", async () => {
    const survey = await createDraft(owner);
    const choice = survey.questions[1];
    const text = survey.questions[0];
    assert.ok(choice && text);
    const rating = await updateQuestion(owner, survey.id, choice.id, { type: "RATING" });
    assert.equal(rating.type, "RATING");
    assert.equal("options" in rating, false);
    await assert.rejects(updateQuestion(owner, survey.id, text.id, { type: "SINGLE_CHOICE" }), ValidationError);
    const single = await updateQuestion(owner, survey.id, text.id, {
      type: "SINGLE_CHOICE",
      options: [{ label: "Yes" }, { label: "Maybe" }],
    });
    assert.equal(single.type, "SINGLE_CHOICE");
  });
});

describe("order", () => {
  test("reorder takes exactly the survey's questions; anything else is refused and changes nothing", async () => {
    const survey = await createDraft(owner);
    const ids = survey.questions.map((q) => q.id);
    const [q0, q1, q2] = ids as [string, string, string];
    const reordered = await reorderQuestions(owner, survey.id, { questionIds: [q2, q0, q1] });
    assert.deepEqual(
      reordered.map((q) => [q.id, q.position]),
      [
        [q2, 0],
        [q0, 1],
        [q1, 2],
      ],
    );
    const other = await createDraft(owner);
    for (const questionIds of [
      [q2, q0],
      [q2, q0, q1, q1],
      [q2, q0, randomUUID()],
      [q2, q0, other.questions[0]?.id ?? ""],
    ]) {
      await assert.rejects(reorderQuestions(owner, survey.id, { questionIds }), ValidationError);
    }
    assert.deepEqual(
      (await stored(a.tenantId, survey.id)).map((q) => q.id),
      [q2, q0, q1],
    );
    assert.deepEqual(await positions(other.id), [0, 1, 2]);
  });

  test("duplicate lands right after the original; delete closes the gap", async () => {
    const survey = await createDraft(owner);
    const [q0, q1, q2] = survey.questions.map((q) => q.id) as [string, string, string];
    const copy = await duplicateQuestion(owner, survey.id, q0);
    assert.equal(copy.position, 1);
    assert.equal(copy.text, survey.questions[0]?.text);
    assert.deepEqual(
      (await stored(a.tenantId, survey.id)).map((q) => q.id),
      [q0, copy.id, q1, q2],
    );
    await deleteQuestion(owner, survey.id, q1);
    const remaining = await stored(a.tenantId, survey.id);
    assert.deepEqual(
      remaining.map((q) => [q.id, q.position]),
      [
        [q0, 0],
        [copy.id, 1],
        [q2, 2],
      ],
    );
  });
});

describe("published and closed surveys", () => {
  test("every question change is refused with the reason, and nothing changes", async () => {
    const published = await createPublished(owner);
    const closed = await createPublished(owner);
    await closeSurvey(owner, closed.id);
    for (const [survey, reason] of [
      [published, /is published, so it cannot be edited\. Unpublish it first/],
      [closed, /is closed, so it cannot be edited/],
    ] as const) {
      const [q0, q1, q2] = survey.questions.map((q) => q.id) as [string, string, string];
      const attempts = [
        () => addQuestion(owner, survey.id, { type: "YES_NO", text: "More?" }),
        () => updateQuestion(owner, survey.id, q0, { text: "Changed" }),
        () => duplicateQuestion(owner, survey.id, q1),
        () => deleteQuestion(owner, survey.id, q2),
        () => reorderQuestions(owner, survey.id, { questionIds: [q2, q1, q0] }),
      ];
      for (const attempt of attempts) {
        await assert.rejects(attempt(), (error: unknown) => {
          assert.ok(error instanceof ConflictError, String(error));
          assert.match(error.message, reason);
          return true;
        });
      }
      assert.deepEqual(
        (await stored(a.tenantId, survey.id)).map((q) => [q.id, q.text, q.position]),
        survey.questions.map((q) => [q.id, q.text, q.position]),
      );
    }
  });
});

describe("isolation", () => {
  test("a question cannot be edited, duplicated or deleted through another survey", async () => {
    const mine = await createDraft(owner);
    const other = await createDraft(owner);
    const foreignQuestion = other.questions[0];
    assert.ok(foreignQuestion);
    await assert.rejects(updateQuestion(owner, mine.id, foreignQuestion.id, { text: "Moved?" }), NotFoundError);
    await assert.rejects(duplicateQuestion(owner, mine.id, foreignQuestion.id), NotFoundError);
    await assert.rejects(deleteQuestion(owner, mine.id, foreignQuestion.id), NotFoundError);
    const after = await db().question.findFirstOrThrow({ where: { tenantId: a.tenantId, id: foreignQuestion.id } });
    assert.equal(after.surveyId, other.id);
    assert.equal(after.text, foreignQuestion.text);
    assert.equal((await getSurvey(owner, mine.id)).questions.length, 3);
  });

  test("tenant B cannot see or change tenant A's questions, through A's survey or its own", async () => {
    const surveyA = await createDraft(owner);
    const surveyB = await createDraft(adminB);
    const questionA = surveyA.questions[0];
    assert.ok(questionA);
    const attempts = [
      () => updateQuestion(adminB, surveyA.id, questionA.id, { text: "Hijacked" }),
      () => updateQuestion(adminB, surveyB.id, questionA.id, { text: "Hijacked" }),
      () => deleteQuestion(adminB, surveyA.id, questionA.id),
      () => deleteQuestion(adminB, surveyB.id, questionA.id),
      () => duplicateQuestion(adminB, surveyB.id, questionA.id),
      () => addQuestion(adminB, surveyA.id, { type: "YES_NO", text: "Injected" }),
      () => reorderQuestions(adminB, surveyA.id, { questionIds: surveyA.questions.map((q) => q.id).reverse() }),
      () => updateQuestion(adminB, surveyB.id, "not-a-uuid", { text: "x" }),
    ];
    for (const attempt of attempts) await assert.rejects(attempt(), NotFoundError);
    const after = await stored(a.tenantId, surveyA.id);
    assert.deepEqual(
      after.map((q) => [q.id, q.text, q.position]),
      surveyA.questions.map((q) => [q.id, q.text, q.position]),
    );
    assert.equal((await stored(b.tenantId, surveyB.id)).length, 3);
  });
});
