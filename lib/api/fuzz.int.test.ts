// Property-based fuzzing of every Survey API endpoint through its real route handler, with
// emulator tokens and the real database. Requests are generated from each endpoint's own zod
// schemas (rendered as JSON Schema, as in the OpenAPI document), not written per endpoint: values
// that fit them, so handlers run deep (surveys, questions, submissions, invitations…); values that
// break them (wrong types, missing and extra keys, __proto__, huge, NUL and lone-surrogate strings,
// deep nesting, odd numbers); malformed raw bodies; path ids of real objects (harvested from
// earlier answers), random ones and garbage; callers signed in to Contoso or Fabrikam, anonymous,
// or with a garbage token. Per call it proves: no 5xx; the body is valid UTF-8 and JSON (empty for
// 204, CSV for exports); errors are problem documents whose status is the HTTP status; successes
// have the declared status and parse with the declared response schema. Afterwards, everything
// stored for the two tenants, read back through the API, parses with the output schemas and is
// exactly what the 2xx answers acknowledged: surveys, questions, responses (replays counted once,
// answers still valid for their questions), invitations, contributors.
// FUZZ_SEED=<n> reproduces a run (fast-check prints the seed of a failure); FUZZ_RUNS=<n> sets the
// cases per endpoint. The parts live in lib/api/testing/fuzz/.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { DEFAULT_RUNS, RUNS, SEED } from "@/test/support/fuzz-knobs";
import { API, type OperationId } from "./contract/endpoints";
import type { Case } from "./testing/fuzz/case";
import { readBack } from "./testing/fuzz/read-back";
import { regressions } from "./testing/fuzz/regressions";
import { caseArb } from "./testing/fuzz/requests";
import { answers, send } from "./testing/fuzz/send";
import { type Fixtures, setUp, tearDown } from "./testing/fuzz/setup";

// The endpoints in the order they are fuzzed: creating before editing, answering after publishing,
// deleting last, so each one finds real objects in every state to work on. Every endpoint is
// listed once (the first test checks), so a new endpoint cannot go unfuzzed.
const ORDER: OperationId[] = [
  "getOpenApiDocument",
  "searchPeople",
  "createSurvey",
  "listSurveys",
  "getSurvey",
  "updateSurvey",
  "reorderQuestions",
  "addQuestion",
  "updateQuestion",
  "duplicateQuestion",
  "createInvitation",
  "listInvitations",
  "acceptInvitation",
  "listContributors",
  "publishSurvey",
  "getForm",
  "submitResponse",
  "listResponses",
  "listTextAnswers",
  "getResults",
  "exportResponses",
  "removeContributor",
  "revokeInvitation",
  "closeSurvey",
  "reopenSurvey",
  "unpublishSurvey",
  "deleteQuestion",
  "deleteSurvey",
];

let fixtures: Fixtures | undefined;
let fuzzed = 0;

before(async () => {
  fixtures = await setUp();
});

after(tearDown);

describe(`every Survey API endpoint, fuzzed (FUZZ_SEED=${SEED}, ${RUNS} cases each)`, () => {
  test("the fuzzing order names every endpoint once", () => {
    assert.deepEqual([...ORDER].sort(), Object.keys(API).sort());
  });

  for (const operationId of ORDER) {
    test(operationId, async () => {
      const property = fc.asyncProperty(caseArb(operationId), async (c) => {
        fuzzed += 1;
        await send(operationId, c);
      });
      await fc.assert(property, {
        seed: SEED,
        numRuns: RUNS,
        examples: fixtures ? (regressions(fixtures.open)[operationId] ?? []).map((c): [Case] => [c]) : [],
        includeErrorInReport: true,
      });
    });
  }

  test("everything stored is well-formed and exactly what the 2xx answers acknowledged", async () => {
    console.log(`fuzzed ${fuzzed} cases (FUZZ_SEED=${SEED}); answers by endpoint, setup included:`);
    for (const [operationId, byStatus] of answers()) {
      console.log(`  ${operationId}: ${[...byStatus].map(([status, n]) => `${status}×${n}`).join(" ")}`);
    }
    assert.ok(fuzzed >= 1_000 || RUNS !== DEFAULT_RUNS, `only ${fuzzed} cases`);
    await readBack(fixtures?.preexisting ?? []);
  });
});
