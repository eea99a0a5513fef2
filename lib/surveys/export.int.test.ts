// The CSV export: UTF-8 with a BOM, one row per response and one column per question, option
// labels, RFC 4180 quoting, no formulas, the same document however it is batched; and who may
// export. The dataset is test/support/surveys.ts createAnsweredSurvey.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { createCast, createUserActor, dismissCast } from "@/test/support/actors";
import { parseCsv } from "@/test/support/csv";
import {
  type AnsweredSurvey,
  addContributor,
  COMMENTS,
  createAnsweredSurvey,
  createPublished,
  newSubmissionKey,
  refOf,
} from "@/test/support/surveys";
import type { TenantFixture } from "@/test/support/tenants";
import { exportResponsesCsv } from "./export";
import { submitResponse } from "./responses";
import type { SurveyDto } from "./schemas";

let a: TenantFixture;
let b: TenantFixture;
let adminA: UserActor;
let adminB: UserActor;
let owner: UserActor;
let reader: UserActor;
let survey: SurveyDto;
let responseIds: AnsweredSurvey["responseIds"];

before(async () => {
  ({ a, b, adminA, adminB, owner, reader } = await createCast(db()));
  ({ survey, responseIds } = await createAnsweredSurvey(db(), owner));
});

after(() => dismissCast(db(), { a, b }));

async function csvText(options: { actor?: UserActor; surveyId?: string; batchSize?: number } = {}): Promise<string> {
  const { actor = owner, surveyId = survey.id, batchSize } = options;
  let text = "";
  for await (const chunk of await exportResponsesCsv(actor, surveyId, { batchSize })) text += chunk;
  return text;
}

describe("CSV export", () => {
  test("BOM, header, one row per response with labels, quoting and no formulas", async () => {
    const text = await csvText();
    assert.ok(text.startsWith("\uFEFF"));
    const [header, ...rows] = parseCsv(text.slice(1));
    assert.deepEqual(header, [
      "Response ID",
      "Submitted at",
      "Respondent",
      "Colour",
      "Toppings",
      "Again?",
      "Rate it",
      "Recommend?",
      "Visit date",
      "Comment, please",
    ]);
    assert.deepEqual(
      rows.map((r) => r[0]),
      responseIds,
      "oldest first",
    );
    assert.deepEqual(rows[0]?.slice(2), [
      "Anonymous",
      "Red",
      "Cheese; Ham",
      "Yes",
      "5",
      "10",
      "2026-01-15",
      "Great pizza",
    ]);
    assert.equal(rows[1]?.[9], COMMENTS[1]);
    assert.deepEqual(rows[3]?.slice(4, 6), ["", ""]);
    assert.equal(rows[4]?.[4], "Cheese; Ham; Olives", "in the question's option order");
    assert.equal(rows[4]?.[9], `'${COMMENTS[4]}`);
    assert.equal(rows[5]?.[3], "");
  });

  test("small batches stream the same document", async () => {
    assert.equal(await csvText({ batchSize: 2 }), await csvText());
  });

  test("UTF-8 throughout, respondents by e-mail, and every formula prefix neutralized", async () => {
    const respondentB = await createUserActor(db(), b.tenantId, [], "résumé.ünïcode@b.example");
    const csvSurvey = await createPublished(owner, {
      settings: { audience: "REGISTERED_TENANT_USERS" },
      questions: [
        { type: "SHORT_TEXT", text: "=Crème brûlée? 🍮" },
        { type: "LONG_TEXT", text: "Notes" },
      ],
    });
    const [short, long] = csvSurvey.questions.map((q) => q.id) as [string, string];
    const people = [respondentB, owner, reader];
    const answers = [
      { [short]: "+1 from me", [long]: "first line\nsecond, with a comma" },
      { [short]: "-2", [long]: "@here 日本語" },
      { [short]: "=1+1" },
    ];
    for (const [index, person] of people.entries()) {
      await submitResponse(
        refOf(csvSurvey),
        { kind: "user", tenantId: person.tenantId, oid: person.oid },
        { submissionKey: newSubmissionKey(), answers: answers[index] ?? {} },
      );
    }
    const text = await csvText({ surveyId: csvSurvey.id });
    const bytes = Buffer.from(text, "utf8");
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "a UTF-8 BOM");
    assert.equal(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), text);
    assert.ok(bytes.includes(Buffer.from("Crème brûlée? 🍮", "utf8")));

    const [header, ...rows] = parseCsv(text.slice(1));
    assert.deepEqual(header, ["Response ID", "Submitted at", "Respondent", "'=Crème brûlée? 🍮", "Notes"]);
    assert.equal(rows.length, 3, "one row per response");
    assert.ok(
      rows.every((r) => r.length === 5),
      "one column per question",
    );
    assert.deepEqual(
      rows.map((r) => r.slice(2)),
      [
        ["résumé.ünïcode@b.example", "'+1 from me", "first line\nsecond, with a comma"],
        [owner.email, "'-2", "'@here 日本語"],
        [reader.email, "'=1+1", ""],
      ],
    );
  });
});

describe("who may export", () => {
  test("owner, SurveyAdmin and contributors of any tenant; not readers; tenant B not at all", async () => {
    const contributorB = await createUserActor(db(), b.tenantId, ["SurveyAdmin"]);
    await addContributor(db(), survey, contributorB);
    const full = await csvText();
    for (const actor of [adminA, contributorB]) assert.equal(await csvText({ actor }), full);
    await assert.rejects(exportResponsesCsv(reader, survey.id), ForbiddenError);
    await assert.rejects(exportResponsesCsv(adminB, survey.id), NotFoundError);
    await db().contributor.deleteMany({ where: { tenantId: a.tenantId, surveyId: survey.id } });
    await assert.rejects(exportResponsesCsv(contributorB, survey.id), NotFoundError);
    // B's own survey exports B's responses only: none.
    const surveyB = await createPublished(adminB);
    const [header, ...rows] = parseCsv((await csvText({ actor: adminB, surveyId: surveyB.id })).slice(1));
    assert.equal(header?.length, 6);
    assert.deepEqual(rows, []);
  });
});
