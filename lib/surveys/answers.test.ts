import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type AnswerableQuestion, answerRows, isCalendarDate, validateAnswers } from "./answers";

const q = (id: string, type: AnswerableQuestion["type"], required = false, options?: string[]): AnswerableQuestion => ({
  id,
  type,
  required,
  options: options?.map((o) => ({ id: o, label: o.toUpperCase() })),
});

const survey = [
  q("short", "SHORT_TEXT"),
  q("long", "LONG_TEXT"),
  q("single", "SINGLE_CHOICE", false, ["a", "b"]),
  q("multi", "MULTIPLE_CHOICE", false, ["a", "b", "c"]),
  q("rating", "RATING"),
  q("nps", "NPS"),
  q("yesno", "YES_NO"),
  q("date", "DATE"),
];

function errorsOf(answers: Record<string, unknown>, questions = survey) {
  const result = validateAnswers(questions, answers);
  return result.ok ? {} : result.fields;
}

describe("answer validation", () => {
  test("valid answers of every type are normalized with their typed copies", () => {
    const result = validateAnswers(survey, {
      short: "  hi  ",
      long: "x".repeat(5000),
      single: "b",
      multi: ["c", "a"],
      rating: 5,
      nps: 0,
      yesno: false,
      date: "2024-02-29",
    });
    assert.ok(result.ok);
    const by = new Map(result.answers.map((a) => [a.questionId, a]));
    assert.equal(by.get("short")?.value, "hi");
    assert.equal(by.get("short")?.textValue, "hi");
    assert.deepEqual(by.get("single")?.choiceIds, ["b"]);
    assert.deepEqual(by.get("multi")?.value, ["a", "c"], "stored in option order");
    assert.equal(by.get("rating")?.numberValue, 5);
    assert.equal(by.get("nps")?.numberValue, 0);
    assert.deepEqual(by.get("yesno")?.choiceIds, ["no"]);
    assert.equal(by.get("date")?.dateValue, "2024-02-29");
  });

  test("unanswered optional questions store nothing; empty values count as unanswered", () => {
    const result = validateAnswers(survey, { short: "   ", multi: [], single: null });
    assert.deepEqual(result, { ok: true, answers: [] });
  });

  test("required questions say what is missing, in words per type", () => {
    const required = survey.map((x) => ({ ...x, required: true }));
    const fields = errorsOf({}, required);
    assert.deepEqual(fields.short, ["This question needs an answer."]);
    assert.deepEqual(fields.single, ["Choose one option."]);
    assert.deepEqual(fields.multi, ["Choose at least one option."]);
    assert.deepEqual(fields.rating, ["Enter a number from 1 to 5."]);
    assert.deepEqual(fields.nps, ["Choose a score from 0 to 10."]);
    assert.deepEqual(fields.yesno, ["Answer yes or no."]);
    assert.deepEqual(fields.date, ["Enter a date as yyyy-mm-dd."]);
  });

  test("out of range, wrong type, unknown options and bad dates are refused", () => {
    const fields = errorsOf({
      short: "x".repeat(501),
      long: 42,
      single: "zzz",
      multi: ["a", "nope"],
      rating: 6,
      nps: 3.5,
      yesno: "yes",
      date: "2023-02-29",
    });
    assert.deepEqual(fields.short, ["Use at most 500 characters."]);
    assert.deepEqual(fields.long, ["Enter text."]);
    assert.deepEqual(fields.single, ["Choose one option."]);
    assert.deepEqual(fields.multi, ["Choose only options from the list."]);
    assert.deepEqual(fields.rating, ["Enter a number from 1 to 5."]);
    assert.deepEqual(fields.nps, ["Choose a score from 0 to 10."]);
    assert.deepEqual(fields.yesno, ["Answer yes or no."]);
    assert.deepEqual(fields.date, ["Enter a date as yyyy-mm-dd."]);
  });

  test("ratings and scores at their bounds pass, just outside fail", () => {
    assert.deepEqual(errorsOf({ rating: 1, nps: 10 }), {});
    assert.ok(errorsOf({ rating: 0 }).rating);
    assert.ok(errorsOf({ nps: -1 }).nps);
    assert.ok(errorsOf({ nps: 11 }).nps);
  });

  test("choosing one option twice is refused", () => {
    assert.deepEqual(errorsOf({ multi: ["a", "a"] }).multi, ["Choose each option only once."]);
  });

  test("answers to questions the survey does not have are refused", () => {
    assert.deepEqual(errorsOf({ elsewhere: "x" }).elsewhere, ["This question is not part of the survey."]);
  });

  test("NUL characters are removed from text (PostgreSQL text cannot hold them)", () => {
    const result = validateAnswers([q("short", "SHORT_TEXT")], { short: "a\u0000b" });
    assert.ok(result.ok);
    assert.equal(result.answers[0]?.value, "ab");
  });
});

describe("calendar dates", () => {
  test("real days only", () => {
    assert.ok(isCalendarDate("2026-12-31"));
    assert.ok(isCalendarDate("2024-02-29"));
    for (const bad of ["2026-13-01", "2026-04-31", "2026-1-1", "26-01-01", "2026-01-01T00:00:00Z", "0000-01-01"]) {
      assert.equal(isCalendarDate(bad), false, bad);
    }
  });
});

describe("answer rows", () => {
  test("carry the response's tenant, typed copies and one choice row per chosen option", () => {
    const result = validateAnswers(survey, { multi: ["a", "b"], yesno: true, date: "2026-01-02", rating: 3 });
    assert.ok(result.ok);
    const rows = answerRows("t", "r", result.answers);
    assert.equal(rows.answers.length, 4);
    assert.ok(rows.answers.every((a) => a.tenantId === "t" && a.responseId === "r"));
    assert.deepEqual(
      rows.choices.map((c) => `${c.questionId}:${c.optionId}`),
      ["multi:a", "multi:b", "yesno:yes"],
    );
    const date = rows.answers.find((a) => a.questionId === "date")?.dateValue;
    assert.equal(date instanceof Date ? date.toISOString() : date, "2026-01-02T00:00:00.000Z");
  });
});
