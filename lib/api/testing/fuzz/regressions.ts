// Cases the fuzzer once found failing, run first on every run (fast-check `examples`), each with
// the bug it found. Some need the setup's open survey, so they are built when used.
import type { SurveyDto } from "@/lib/surveys/schemas";
import type { OperationId } from "../../contract/endpoints";
import type { Who } from "./callers";
import { type Case, json, plain } from "./case";

/** By endpoint, around the setup's open survey (anyone with the link may answer it). */
export function regressions(open: SurveyDto): Partial<Record<OperationId, Case[]>> {
  const as = (who: Who | "anonymous", extra: Partial<Case>): Case => ({
    ...plain("contoso", {}, extra),
    caller: { who },
  });
  const survey = (value: unknown) => as("contoso", json(value));
  const text = open.questions.find((q) => q.type === "SHORT_TEXT");
  return {
    // Query keys named like Object.prototype's members were looked up there (TypeError, 500).
    listSurveys: [
      as("contoso", {
        query: Object.fromEntries([
          ["toString", "x"],
          ["__proto__", "y"],
        ]),
      }),
    ],
    createSurvey: [
      // Field errors were collected in a plain object: a `constructor` key broke it (500).
      survey(JSON.parse('{"title":"x","constructor":1,"__proto__":{"polluted":true}}')),
      // NUL cannot be stored in PostgreSQL text; lone surrogates not in its JSON (options).
      survey({ title: "a\u0000b", description: "\u0000" }),
      survey({
        title: "x",
        questions: [{ type: "SINGLE_CHOICE", text: "q\u0000", options: [{ label: "\udbff" }, { label: "b" }] }],
      }),
      // Years beyond 9999 (UTC) were stored but could not be read back; year 0 was not stored.
      survey({ title: "x", settings: { opensAt: "9999-12-31T23:59:59-23:59" } }),
      survey({ title: "x", settings: { closesAt: "0000-01-01T00:00:00+01:00" } }),
    ],
    // `#`, `&` and `%` went into Graph's URL unencoded (a 400 from Graph, our 500).
    searchPeople: ["a#b", "x&$top=999", "100%"].map((q) => as("contoso", { query: { q } })),
    submitResponse: [
      as("anonymous", {
        params: { tenantId: open.tenantId, surveyId: open.id },
        ...json({ submissionKey: "fuzz-regression-surrogate", answers: { [text?.id ?? ""]: "half \ud83d an emoji" } }),
      }),
    ],
    listTextAnswers: [
      as("contoso", { params: { surveyId: open.id, questionId: text?.id ?? "" }, query: { search: "a\u0000" } }),
    ],
    // A hand-made cursor of year 0 or -100000 reached the database's comparison (500).
    listResponses: ["0000-01-01T00:00:00.000Z", "-100000-01-01T00:00:00.000Z"].map((at) =>
      as("contoso", {
        params: { surveyId: open.id },
        query: { cursor: Buffer.from(`${at}|${open.id}`).toString("base64url") },
      }),
    ),
  };
}
