import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import {
  CreateSurveyInputSchema,
  QuestionInputSchema,
  SubmitResponseInputSchema,
  SurveyResultsSchema,
  SurveySchema,
  SurveySettingsInputSchema,
  UpdateSurveyInputSchema,
} from "./schemas";

const options = (...labels: string[]) => labels.map((label) => ({ label }));

describe("input schemas", () => {
  test("choice questions need 2 to 20 trimmed, distinct, non-empty labels", () => {
    assert.ok(QuestionInputSchema.safeParse({ type: "SINGLE_CHOICE", text: "Q", options: options("a", "b") }).success);
    assert.equal(
      QuestionInputSchema.safeParse({ type: "SINGLE_CHOICE", text: "Q", options: options("a") }).success,
      false,
    );
    const many = Array.from({ length: 21 }, (_, i) => `o${i}`);
    assert.equal(
      QuestionInputSchema.safeParse({ type: "MULTIPLE_CHOICE", text: "Q", options: options(...many) }).success,
      false,
    );
    assert.equal(
      QuestionInputSchema.safeParse({ type: "SINGLE_CHOICE", text: "Q", options: options("a", " A ") }).success,
      false,
    );
    assert.equal(
      QuestionInputSchema.safeParse({ type: "SINGLE_CHOICE", text: "Q", options: options("a", "  ") }).success,
      false,
    );
    const parsed = QuestionInputSchema.parse({ type: "SINGLE_CHOICE", text: " Q ", options: options(" a ", "b") });
    assert.equal(parsed.text, "Q");
    assert.equal(parsed.type === "SINGLE_CHOICE" && parsed.options[0]?.label, "a");
  });

  test("non-choice questions cannot carry options", () => {
    assert.equal(
      QuestionInputSchema.safeParse({ type: "RATING", text: "Q", options: options("a", "b") }).success,
      false,
    );
  });

  test("lengths are bounded", () => {
    assert.equal(CreateSurveyInputSchema.safeParse({ title: "x".repeat(201) }).success, false);
    assert.equal(CreateSurveyInputSchema.safeParse({ title: "   " }).success, false);
    assert.equal(CreateSurveyInputSchema.safeParse({ title: "t", description: "x".repeat(2001) }).success, false);
    assert.equal(QuestionInputSchema.safeParse({ type: "DATE", text: "x".repeat(501) }).success, false);
  });

  test("settings: response limit 1..1,000,000 and closing after opening", () => {
    assert.ok(SurveySettingsInputSchema.safeParse({ responseLimit: 1_000_000 }).success);
    assert.equal(SurveySettingsInputSchema.safeParse({ responseLimit: 0 }).success, false);
    assert.equal(SurveySettingsInputSchema.safeParse({ responseLimit: 1_000_001 }).success, false);
    assert.equal(
      SurveySettingsInputSchema.safeParse({ opensAt: "2026-02-01T00:00:00Z", closesAt: "2026-01-01T00:00:00Z" })
        .success,
      false,
    );
  });

  test("an update cannot publish: status is not a field of it", () => {
    const result = UpdateSurveyInputSchema.safeParse({ title: "t", status: "PUBLISHED" });
    assert.equal(result.success, false);
  });

  test("submission keys are bounded tokens", () => {
    assert.equal(SubmitResponseInputSchema.safeParse({ submissionKey: "short", answers: {} }).success, false);
    assert.ok(SubmitResponseInputSchema.safeParse({ submissionKey: "abcdefgh-123", answers: {} }).success);
  });
});

describe("JSON Schema (for the OpenAPI document)", () => {
  test("every public schema renders, with named components", () => {
    for (const schema of [CreateSurveyInputSchema, UpdateSurveyInputSchema, SubmitResponseInputSchema]) {
      assert.doesNotThrow(() => z.toJSONSchema(schema, { io: "input", target: "openapi-3.0" }));
    }
    for (const schema of [SurveySchema, SurveyResultsSchema]) {
      const json = JSON.stringify(z.toJSONSchema(schema, { target: "openapi-3.0" }));
      assert.match(json, /"Question"|"QuestionResult"/);
    }
  });
});
