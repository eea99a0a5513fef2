// Results, text answers and response pages, checked against a small dataset computed by hand
// (test/support/surveys.ts createAnsweredSurvey) and a larger one counted in the test; and who may
// read them. The CSV export of the same dataset: export.int.test.ts.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createCast, createUserActor, dismissCast } from "@/test/support/actors";
import { seedResponses } from "@/test/support/survey-seed";
import {
  type AnsweredSurvey,
  addContributor,
  COMMENTS,
  createAnsweredSurvey,
  createPublished,
} from "@/test/support/surveys";
import type { TenantFixture } from "@/test/support/tenants";
import { listResponses, listTextAnswers } from "./answer-lists";
import { getSurveyResults } from "./results";
import type { QuestionResultDto, SurveyDto } from "./schemas";

let a: TenantFixture;
let b: TenantFixture;
let adminA: UserActor;
let owner: UserActor;
let reader: UserActor;
let adminB: UserActor;
let survey: SurveyDto;
let ids: AnsweredSurvey["ids"];
let option: AnsweredSurvey["option"];
let responseIds: string[];

before(async () => {
  ({ a, b, adminA, owner, reader, adminB } = await createCast(db()));
  ({ survey, ids, option, responseIds } = await createAnsweredSurvey(db(), owner));
});

after(() => dismissCast(db(), { a, b }));

const resultOf = (results: { questions: QuestionResultDto[] }, key: keyof AnsweredSurvey["ids"]) => {
  const found = results.questions.find((q) => q.questionId === ids[key]);
  assert.ok(found, key);
  return found;
};

describe("aggregated results", () => {
  test("match the hand-computed numbers", async () => {
    const results = await getSurveyResults(owner, survey.id);
    assert.equal(results.totalResponses, 6);

    const colour = resultOf(results, "colour");
    assert.ok(colour.type === "SINGLE_CHOICE");
    assert.equal(colour.answered, 5);
    assert.deepEqual(
      colour.options.map((x) => [x.label, x.count, x.percent]),
      [
        ["Red", 3, 60],
        ["Blue", 2, 40],
        ["Green", 0, 0],
      ],
    );

    const toppings = resultOf(results, "toppings");
    assert.ok(toppings.type === "MULTIPLE_CHOICE");
    assert.equal(toppings.answered, 5, "an empty selection is no answer");
    assert.deepEqual(
      toppings.options.map((x) => [x.label, x.count, x.percent]),
      [
        ["Cheese", 3, 60],
        ["Ham", 3, 60],
        ["Olives", 2, 40],
      ],
    );

    const again = resultOf(results, "again");
    assert.ok(again.type === "YES_NO");
    assert.deepEqual(
      again.options.map((x) => [x.id, x.count, x.percent]),
      [
        ["yes", 3, 60],
        ["no", 2, 40],
      ],
    );

    const rate = resultOf(results, "rate");
    assert.ok(rate.type === "RATING");
    assert.equal(rate.answered, 5);
    assert.equal(rate.average, 3.8); // (5 + 4 + 3 + 5 + 2) / 5
    assert.deepEqual(
      rate.distribution.map((d) => d.count),
      [0, 1, 1, 1, 2],
    );

    const nps = resultOf(results, "nps");
    assert.ok(nps.type === "NPS");
    // 10, 9, 7, 6, 0, 10: 3 promoters, 1 passive, 2 detractors of 6 → 50% − 33.3% = 16.7 → 17
    assert.deepEqual([nps.answered, nps.promoters, nps.passives, nps.detractors, nps.score], [6, 3, 1, 2, 17]);
    assert.equal(nps.distribution[10]?.count, 2);
    assert.equal(nps.distribution[0]?.count, 1);

    const date = resultOf(results, "date");
    assert.ok(date.type === "DATE");
    assert.deepEqual([date.answered, date.earliest, date.latest], [5, "2025-12-31", "2026-02-28"]);
    assert.deepEqual(date.perMonth, [
      { month: "2025-12", count: 1 },
      { month: "2026-01", count: 2 },
      { month: "2026-02", count: 2 },
    ]);

    const comment = resultOf(results, "comment");
    assert.deepEqual([comment.type, comment.answered], ["SHORT_TEXT", 5]);

    assert.deepEqual(results.responsesPerDay, [
      { date: "2026-03-01", count: 2 },
      { date: "2026-03-02", count: 1 },
      { date: "2026-03-04", count: 3 },
    ]);
  });

  test("a survey nobody answered has zeros, not errors", async () => {
    const empty = await createPublished(owner, {
      questions: [
        { type: "YES_NO", text: "Yes?" },
        { type: "RATING", text: "Rate" },
        { type: "NPS", text: "Recommend?" },
        { type: "DATE", text: "When?" },
      ],
    });
    const results = await getSurveyResults(owner, empty.id);
    assert.equal(results.totalResponses, 0);
    assert.deepEqual(results.responsesPerDay, []);
    const [yes, rate, nps, date] = results.questions;
    assert.ok(yes?.type === "YES_NO" && rate?.type === "RATING" && nps?.type === "NPS" && date?.type === "DATE");
    assert.deepEqual(
      yes.options.map((o) => [o.count, o.percent]),
      [
        [0, 0],
        [0, 0],
      ],
    );
    assert.deepEqual([rate.answered, rate.average, rate.distribution.length], [0, null, 5]);
    assert.deepEqual([nps.answered, nps.score, nps.distribution.length], [0, null, 11]);
    assert.deepEqual([date.answered, date.earliest, date.latest, date.perMonth], [0, null, null, []]);
  });

  test("at volume, the SQL aggregates agree with counting every stored answer by hand", async () => {
    const big = await createPublished(owner, {
      questions: [
        { type: "SINGLE_CHOICE", text: "Plan", options: [{ label: "Free" }, { label: "Team" }, { label: "Pro" }] },
        { type: "MULTIPLE_CHOICE", text: "Uses", options: [{ label: "A" }, { label: "B" }, { label: "C" }] },
        { type: "YES_NO", text: "Renew?" },
        { type: "RATING", text: "Support", required: true },
        { type: "NPS", text: "Recommend?" },
        { type: "DATE", text: "Since" },
      ],
    });
    await seedResponses(db(), big, 400, { from: new Date("2026-01-01T00:00:00Z"), days: 10 });
    const results = await getSurveyResults(owner, big.id);
    const answers = await db().answer.findMany({
      where: { tenantId: a.tenantId, questionId: { in: big.questions.map((q) => q.id) } },
      select: { questionId: true, value: true },
    });
    const valuesOf = (index: number) =>
      answers.filter((x) => x.questionId === big.questions[index]?.id).map((x) => x.value as unknown);
    const tally = (values: unknown[]) => {
      const counts = new Map<string, number>();
      for (const value of values.flatMap((v) => (Array.isArray(v) ? v : [v]))) {
        counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
      }
      return counts;
    };
    assert.equal(results.totalResponses, 400);
    assert.equal(
      results.responsesPerDay.reduce((n, d) => n + d.count, 0),
      400,
    );
    assert.equal(results.responsesPerDay.length, 10);

    for (const index of [0, 1, 2]) {
      const result = results.questions[index];
      assert.ok(result && "options" in result);
      const values = valuesOf(index);
      const counts = tally(values.map((v) => (typeof v === "boolean" ? (v ? "yes" : "no") : v)));
      assert.equal(result.answered, values.length, result.text);
      for (const o of result.options) {
        const expected = counts.get(o.id) ?? 0;
        assert.equal(o.count, expected, `${result.text}: ${o.label}`);
        assert.equal(o.percent, Math.round((expected * 1000) / values.length) / 10);
      }
    }

    const rate = results.questions[3];
    const ratings = valuesOf(3) as number[];
    assert.ok(rate?.type === "RATING");
    assert.equal(rate.answered, 400, "required: everyone answered");
    assert.equal(rate.average, Math.round((ratings.reduce((x, y) => x + y, 0) * 100) / 400) / 100);

    const nps = results.questions[4];
    const scores = valuesOf(4) as number[];
    assert.ok(nps?.type === "NPS");
    const promoters = scores.filter((x) => x >= 9).length;
    const detractors = scores.filter((x) => x <= 6).length;
    assert.deepEqual([nps.answered, nps.promoters, nps.detractors], [scores.length, promoters, detractors]);
    const exact = ((promoters - detractors) * 100) / scores.length;
    assert.ok(Math.abs((nps.score ?? Number.NaN) - exact) <= 0.5, `${nps.score} ≈ ${exact}`);

    const date = results.questions[5];
    const days = (valuesOf(5) as string[]).sort();
    assert.ok(date?.type === "DATE");
    assert.deepEqual([date.answered, date.earliest, date.latest], [days.length, days[0], days.at(-1)]);
    assert.deepEqual(
      date.perMonth.map((m) => [m.month, m.count]),
      [...tally(days.map((d) => d.slice(0, 7)))].sort(),
    );
  });
});

describe("text answers", () => {
  test("newest first, paged without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTextAnswers(owner, survey.id, ids.comment, { limit: 2, cursor });
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((i) => i.text));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    assert.deepEqual(seen, [...COMMENTS].reverse());
  });

  test("search ignores case and takes % and _ literally", async () => {
    const texts = async (search: string) =>
      (await listTextAnswers(owner, survey.id, ids.comment, { search })).items.map((i) => i.text).sort();
    assert.deepEqual(await texts("salty"), ["salty_ish", "too SALTY"]);
    assert.deepEqual(await texts("_"), ["salty_ish"]);
    assert.deepEqual(await texts("%"), [COMMENTS[1]]);
    assert.deepEqual(await texts("\\"), []);
  });

  test("only text questions of this survey; a forged cursor is refused", async () => {
    await assert.rejects(listTextAnswers(owner, survey.id, ids.rate), ValidationError);
    await assert.rejects(listTextAnswers(owner, survey.id, "not-a-uuid"), NotFoundError);
    await assert.rejects(listTextAnswers(owner, survey.id, ids.comment, { cursor: "garbage" }), ValidationError);
  });
});

describe("individual responses", () => {
  test("newest first with keyset paging, each with its answers", async () => {
    const first = await listResponses(owner, survey.id, { limit: 4 });
    assert.equal(first.items.length, 4);
    assert.ok(first.nextCursor);
    const second = await listResponses(owner, survey.id, { limit: 4, cursor: first.nextCursor });
    assert.equal(second.items.length, 2);
    assert.equal(second.nextCursor, null);
    const all = [...first.items, ...second.items];
    assert.deepEqual(all.map((r) => r.id).sort(), [...responseIds].sort());
    const times = all.map((r) => Date.parse(r.submittedAt));
    assert.deepEqual(
      times,
      [...times].sort((x, y) => y - x),
    );
    const oldest = all.find((r) => r.id === responseIds[0]);
    assert.equal(oldest?.answers.length, 7);
    assert.equal(oldest?.respondent.kind, "anonymous");
    assert.deepEqual(oldest?.answers.find((x) => x.questionId === ids.toppings)?.value, [
      option("toppings", "Cheese"),
      option("toppings", "Ham"),
    ]);
    await assert.rejects(listResponses(owner, survey.id, { cursor: "bm9wZQ" }), ValidationError);
  });
});

describe("permissions and isolation", () => {
  test("tenant B cannot see tenant A's results, text answers or responses", async () => {
    await assert.rejects(getSurveyResults(adminB, survey.id), NotFoundError);
    await assert.rejects(listTextAnswers(adminB, survey.id, ids.comment), NotFoundError);
    await assert.rejects(listResponses(adminB, survey.id), NotFoundError);
    // Nor through a survey of its own: A's question id named under B's survey is missing too.
    const surveyB = await createPublished(adminB, { questions: [{ type: "SHORT_TEXT", text: "B's" }] });
    await assert.rejects(listTextAnswers(adminB, surveyB.id, ids.comment), NotFoundError);
    assert.equal((await getSurveyResults(adminB, surveyB.id)).totalResponses, 0);
    assert.equal(await db().response.count({ where: { tenantId: a.tenantId, surveyId: survey.id } }), 6);
  });

  test("owner, SurveyAdmin and contributors (of any tenant) read them; B's admin still cannot", async () => {
    const contributorB = await createUserActor(db(), b.tenantId, ["SurveyAdmin"]);
    await addContributor(db(), survey, contributorB);
    for (const actor of [owner, adminA, contributorB]) {
      assert.equal((await getSurveyResults(actor, survey.id)).totalResponses, 6);
      assert.equal((await listResponses(actor, survey.id)).items.length, 6);
      assert.equal((await listTextAnswers(actor, survey.id, ids.comment)).items.length, 5);
    }
    await assert.rejects(getSurveyResults(adminB, survey.id), NotFoundError);
    await db().contributor.deleteMany({ where: { tenantId: a.tenantId, surveyId: survey.id } });
    await assert.rejects(getSurveyResults(contributorB, survey.id), NotFoundError);
  });

  test("a reader of the tenant may open the survey but not its results", async () => {
    await assert.rejects(
      getSurveyResults(reader, survey.id),
      /Only the owner, a contributor or a survey admin can see the results/,
    );
    await assert.rejects(listResponses(reader, survey.id), ForbiddenError);
    await assert.rejects(listTextAnswers(reader, survey.id, ids.comment), ForbiddenError);
  });
});
