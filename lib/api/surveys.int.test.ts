// Every survey endpoint through its real route handler, with emulator tokens and the real
// database: a survey's whole life (create, edit, questions, publish, answer, results, export,
// close, delete), validation errors as problem details that change nothing, and another
// organization's admin getting 404 for everything of it.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { db, disconnectDb } from "@/lib/db";
import type { QuestionDto, SurveyDto } from "@/lib/surveys/schemas";
import { registerSeededTenant } from "@/test/support/emulator-hooks";
import { SEEDED } from "@/test/support/entra";
import type { OperationId } from "./contract/endpoints";
import { apiTokenFor, appTokenFor, callRoute, jsonOf, type RouteCall } from "./testing/harness";

const PREFIX = `api-test-${randomUUID().slice(0, 8)}`;
let undo: Array<() => Promise<void>> = [];
const tokens = { adele: "", alex: "", diego: "", app: "" };

before(async () => {
  undo = [
    await registerSeededTenant(db(), SEEDED.contoso, "Contoso"),
    await registerSeededTenant(db(), SEEDED.fabrikam, "Fabrikam"),
  ];
  tokens.adele = await apiTokenFor("adele@contoso.com");
  tokens.alex = await apiTokenFor("alex@contoso.com");
  tokens.diego = await apiTokenFor("diego@fabrikam.com", SEEDED.fabrikam);
  tokens.app = await appTokenFor(SEEDED.contoso);
});

after(async () => {
  await db().survey.deleteMany({ where: { title: { startsWith: PREFIX } } });
  for (const step of undo.reverse()) await step();
  await disconnectDb();
});

type Who = keyof typeof tokens;
const as = (who: Who, operationId: OperationId, call: RouteCall = {}) =>
  callRoute(operationId, { token: tokens[who], ...call });

async function problemOf(response: Response, status: number): Promise<Record<string, unknown>> {
  assert.equal(response.headers.get("content-type"), "application/problem+json");
  return jsonOf(response, status);
}

const surveyCount = () => db().survey.count({ where: { title: { startsWith: PREFIX } } });

describe("a survey's life through the API", () => {
  let survey: SurveyDto;
  let added: QuestionDto;
  let copy: QuestionDto;
  const submissionKey = randomUUID();

  test("create (201), with settings and questions", async () => {
    survey = await jsonOf<SurveyDto>(
      await as("adele", "createSurvey", {
        body: {
          title: `${PREFIX} Lunch`,
          description: "Where shall we eat?",
          settings: { audience: "ANYONE_WITH_LINK" },
          questions: [
            { type: "SHORT_TEXT", text: "Your name?" },
            { type: "SINGLE_CHOICE", text: "Cuisine?", options: [{ label: "Thai" }, { label: "Pizza" }] },
            { type: "RATING", text: "Last lunch?", required: true },
          ],
        },
      }),
      201,
    );
    assert.equal(survey.status, "DRAFT");
    assert.equal(survey.settings.audience, "ANYONE_WITH_LINK");
    assert.deepEqual(
      survey.questions.map((q) => q.type),
      ["SHORT_TEXT", "SINGLE_CHOICE", "RATING"],
    );
    assert.equal(survey.access.relationship, "owner");
  });

  test("list: mine, the tenant's, contributing", async () => {
    const ids = async (who: Who, scope?: string) =>
      (await jsonOf<{ items: { id: string }[] }>(await as(who, "listSurveys", { query: { scope } }), 200)).items.map(
        (s) => s.id,
      );
    assert.ok((await ids("adele")).includes(survey.id));
    assert.ok(!(await ids("alex")).includes(survey.id), "alex owns none");
    assert.ok((await ids("alex", "tenant")).includes(survey.id));
    assert.ok((await ids("app", "tenant")).includes(survey.id), "an application sees its tenant's surveys");
    assert.deepEqual(await ids("adele", "contributing"), []);
    const bad = await problemOf(await as("adele", "listSurveys", { query: { scope: "everything" } }), 400);
    assert.ok((bad.errors as Record<string, string[]>).scope);
  });

  test("get, and update title and settings", async () => {
    const got = await jsonOf<SurveyDto>(await as("alex", "getSurvey", { params: { surveyId: survey.id } }), 200);
    assert.equal(got.access.relationship, "member");
    const updated = await jsonOf<SurveyDto>(
      await as("adele", "updateSurvey", {
        params: { surveyId: survey.id },
        body: { title: `${PREFIX} Team lunch`, settings: { responseLimit: 50 } },
      }),
      200,
    );
    assert.equal(updated.title, `${PREFIX} Team lunch`);
    assert.equal(updated.settings.responseLimit, 50);
    assert.equal(updated.settings.audience, "ANYONE_WITH_LINK", "omitted settings stay");
  });

  test("update cannot publish (Tailspin's bug): 422 naming the field, nothing changed", async () => {
    const problem = await problemOf(
      await as("adele", "updateSurvey", { params: { surveyId: survey.id }, body: { status: "PUBLISHED" } }),
      422,
    );
    assert.equal(problem.code, "validation_failed");
    assert.deepEqual(problem.errors, { status: ["This field cannot be set here."] });
    const row = await db().survey.findFirstOrThrow({ where: { id: survey.id } });
    assert.equal(row.status, "DRAFT");
  });

  test("a reader of the tenant may open but not edit (403 from the domain)", async () => {
    const problem = await problemOf(
      await as("alex", "updateSurvey", { params: { surveyId: survey.id }, body: { title: "Mine now" } }),
      403,
    );
    assert.equal(problem.code, "forbidden");
  });

  test("questions: add, update, duplicate, reorder, delete", async () => {
    const surveyId = survey.id;
    added = await jsonOf<QuestionDto>(
      await as("adele", "addQuestion", { params: { surveyId }, body: { type: "YES_NO", text: "Vegetarian?" } }),
      201,
    );
    assert.equal(added.position, 3);
    const changed = await jsonOf<QuestionDto>(
      await as("adele", "updateQuestion", {
        params: { surveyId, questionId: added.id },
        body: { text: "Vegetarian options?", required: true },
      }),
      200,
    );
    assert.equal(changed.text, "Vegetarian options?");
    copy = await jsonOf<QuestionDto>(
      await as("adele", "duplicateQuestion", { params: { surveyId, questionId: added.id } }),
      201,
    );
    assert.equal(copy.position, 4);
    const current = await jsonOf<SurveyDto>(await as("adele", "getSurvey", { params: { surveyId } }), 200);
    const reversed = current.questions.map((q) => q.id).reverse();
    const reordered = await jsonOf<{ items: QuestionDto[] }>(
      await as("adele", "reorderQuestions", { params: { surveyId }, body: { questionIds: reversed } }),
      200,
    );
    assert.deepEqual(
      reordered.items.map((q) => q.id),
      reversed,
    );
    const deleted = await as("adele", "deleteQuestion", { params: { surveyId, questionId: copy.id } });
    assert.equal(deleted.status, 204);
    assert.equal(await deleted.text(), "");
    await problemOf(await as("adele", "deleteQuestion", { params: { surveyId, questionId: copy.id } }), 404);
    await problemOf(await as("adele", "updateQuestion", { params: { surveyId, questionId: "nope" }, body: {} }), 404);
  });

  test("an invalid question is refused with field errors and stores nothing", async () => {
    const before = await db().question.count({ where: { surveyId: survey.id } });
    const problem = await problemOf(
      await as("adele", "addQuestion", {
        params: { surveyId: survey.id },
        body: { type: "SINGLE_CHOICE", text: "", options: [{ label: "Only one" }] },
      }),
      422,
    );
    const errors = problem.errors as Record<string, string[]>;
    assert.deepEqual(errors.text, ["Enter the question."]);
    assert.deepEqual(errors.options, ["Give at least 2 options."]);
    assert.equal(await db().question.count({ where: { surveyId: survey.id } }), before);
  });

  test("publish; publishing twice is a 409", async () => {
    const published = await jsonOf<SurveyDto>(
      await as("adele", "publishSurvey", { params: { surveyId: survey.id } }),
      200,
    );
    assert.equal(published.status, "PUBLISHED");
    const again = await problemOf(await as("adele", "publishSurvey", { params: { surveyId: survey.id } }), 409);
    assert.equal(again.detail, "The survey is already published.");
  });

  test("an anonymous respondent sees the form and submits once per submission key", async () => {
    const params = { tenantId: SEEDED.contoso, surveyId: survey.id };
    const form = await jsonOf<{ available: true; survey: { questions: QuestionDto[] } }>(
      await callRoute("getForm", { params }),
      200,
    );
    assert.equal(form.available, true);
    const byType = Object.fromEntries(form.survey.questions.map((q) => [q.type, q]));
    const choice = byType.SINGLE_CHOICE;
    assert.ok(choice && "options" in choice);
    const answers = {
      [byType.SHORT_TEXT?.id ?? ""]: "Ada",
      [choice.id]: choice.options[1]?.id ?? "",
      [byType.RATING?.id ?? ""]: 4,
      [byType.YES_NO?.id ?? ""]: true,
    };
    const first = await jsonOf<{ responseId: string; created: boolean }>(
      await callRoute("submitResponse", { params, body: { submissionKey, answers } }),
      201,
    );
    assert.equal(first.created, true);
    const retry = await jsonOf<{ responseId: string; created: boolean }>(
      await callRoute("submitResponse", { params, body: { submissionKey, answers } }),
      201,
    );
    assert.deepEqual(retry, { ...first, created: false }, "idempotent: the same response");
  });

  test("invalid answers: 422 keyed by question id, nothing stored", async () => {
    const params = { tenantId: SEEDED.contoso, surveyId: survey.id };
    const rating = survey.questions.find((q) => q.type === "RATING");
    assert.ok(rating);
    const problem = await problemOf(
      await callRoute("submitResponse", {
        params,
        body: { submissionKey: randomUUID(), answers: { [rating.id]: 9 } },
      }),
      422,
    );
    assert.ok((problem.errors as Record<string, string[]>)[rating.id]);
    assert.equal(await db().response.count({ where: { surveyId: survey.id } }), 1);
    const malformed = await problemOf(
      await callRoute("submitResponse", {
        params,
        rawBody: "{not json",
        headers: { "content-type": "application/json" },
      }),
      400,
    );
    assert.equal(malformed.detail, "The request body is not valid JSON.");
    await problemOf(
      await callRoute("submitResponse", { params, rawBody: "a=b", headers: { "content-type": "text/plain" } }),
      415,
    );
  });

  test("responses (paged), results, text answers, CSV export", async () => {
    const surveyId = survey.id;
    const page = await jsonOf<{ items: { id: string }[]; nextCursor: string | null }>(
      await as("adele", "listResponses", { params: { surveyId }, query: { limit: 1 } }),
      200,
    );
    assert.equal(page.items.length, 1);
    assert.equal(page.nextCursor, null);
    const bad = await problemOf(
      await as("adele", "listResponses", { params: { surveyId }, query: { limit: "lots" } }),
      400,
    );
    assert.ok((bad.errors as Record<string, string[]>).limit);

    const results = await jsonOf<{ totalResponses: number }>(
      await as("adele", "getResults", { params: { surveyId } }),
      200,
    );
    assert.equal(results.totalResponses, 1);

    const text = survey.questions.find((q) => q.type === "SHORT_TEXT");
    assert.ok(text);
    const answers = await jsonOf<{ items: { text: string }[] }>(
      await as("adele", "listTextAnswers", { params: { surveyId, questionId: text.id }, query: { search: "ad" } }),
      200,
    );
    assert.deepEqual(
      answers.items.map((a) => a.text),
      ["Ada"],
    );

    const csv = await as("adele", "exportResponses", { params: { surveyId } });
    assert.equal(csv.status, 200);
    assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.equal(csv.headers.get("content-disposition"), `attachment; filename="survey-${surveyId}-responses.csv"`);
    const bytes = Buffer.from(await csv.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "a UTF-8 BOM, for spreadsheets");
    const body = bytes.subarray(3).toString("utf8");
    assert.ok(body.startsWith("Response ID,Submitted at,Respondent,"), body.slice(0, 60));
    assert.equal(body.trim().split("\r\n").length, 2, "header and one response");

    await problemOf(await as("alex", "getResults", { params: { surveyId } }), 403);
  });

  test("unpublish is refused once answered; close and reopen", async () => {
    const params = { surveyId: survey.id };
    await problemOf(await as("adele", "unpublishSurvey", { params }), 409);
    assert.equal((await jsonOf<SurveyDto>(await as("adele", "closeSurvey", { params }), 200)).status, "CLOSED");
    assert.equal((await jsonOf<SurveyDto>(await as("adele", "reopenSurvey", { params }), 200)).status, "PUBLISHED");
  });

  test("contributors and invitations start empty; unknown ones are 404", async () => {
    const params = { surveyId: survey.id };
    assert.deepEqual(await jsonOf(await as("adele", "listContributors", { params }), 200), { items: [] });
    assert.deepEqual(await jsonOf(await as("adele", "listInvitations", { params }), 200), { items: [] });
    await problemOf(
      await as("adele", "removeContributor", {
        params: { ...params, userTenantId: SEEDED.fabrikam, userId: randomUUID() },
      }),
      404,
    );
    await problemOf(
      await as("adele", "removeContributor", { params: { ...params, userTenantId: "x", userId: "y" } }),
      404,
    );
    await problemOf(await as("adele", "revokeInvitation", { params: { ...params, invitationId: randomUUID() } }), 404);
  });

  test("delete (204); afterwards the survey is gone", async () => {
    const response = await as("adele", "deleteSurvey", { params: { surveyId: survey.id } });
    assert.equal(response.status, 204);
    await problemOf(await as("adele", "getSurvey", { params: { surveyId: survey.id } }), 404);
  });
});

describe("validation", () => {
  test("an invalid survey: 422 problem with every field's error, nothing created", async () => {
    const before = await surveyCount();
    const problem = await problemOf(
      await as("adele", "createSurvey", {
        body: {
          title: "  ",
          settings: { opensAt: "2030-01-02T00:00:00Z", closesAt: "2030-01-01T00:00:00Z" },
          questions: [{ type: "MULTIPLE_CHOICE", text: "Pick", options: [{ label: "A" }, { label: "a" }] }],
        },
      }),
      422,
    );
    assert.equal(problem.type, "urn:surveys:problem:validation_failed");
    assert.deepEqual(problem.errors, {
      title: ["Enter a title."],
      "settings.closesAt": ["The closing time must be after the opening time."],
      "questions.0.options.1.label": ['"a" is listed twice.'],
    });
    assert.equal(await surveyCount(), before);
  });

  test("no body at all, and a body that is not JSON", async () => {
    const empty = await problemOf(await callRoute("createSurvey", { token: tokens.adele }), 422);
    assert.ok((empty.errors as Record<string, string[]>)._);
    await problemOf(
      await as("adele", "createSurvey", { rawBody: "[", headers: { "content-type": "application/json" } }),
      400,
    );
    assert.equal(await surveyCount(), 0);
  });
});

describe("another organization's survey looks missing (404) for everything", () => {
  let survey: SurveyDto;
  let questionId: string;

  before(async () => {
    survey = await jsonOf<SurveyDto>(
      await as("adele", "createSurvey", {
        body: { title: `${PREFIX} Contoso only`, questions: [{ type: "SHORT_TEXT", text: "Secret?" }] },
      }),
      201,
    );
    questionId = survey.questions[0]?.id ?? "";
  });

  test("Fabrikam's survey admin gets 404 from every survey-scoped endpoint, and nothing changes", async () => {
    const surveyId = survey.id;
    const calls: [OperationId, RouteCall][] = [
      ["getSurvey", {}],
      ["updateSurvey", { body: { title: "Pwned" } }],
      ["deleteSurvey", {}],
      ["publishSurvey", {}],
      ["unpublishSurvey", {}],
      ["closeSurvey", {}],
      ["reopenSurvey", {}],
      ["addQuestion", { body: { type: "SHORT_TEXT", text: "Injected?" } }],
      ["reorderQuestions", { body: { questionIds: [questionId] } }],
      ["updateQuestion", { params: { surveyId, questionId }, body: { text: "Changed" } }],
      ["deleteQuestion", { params: { surveyId, questionId } }],
      ["duplicateQuestion", { params: { surveyId, questionId } }],
      ["listContributors", {}],
      ["removeContributor", { params: { surveyId, userTenantId: SEEDED.fabrikam, userId: randomUUID() } }],
      ["listInvitations", {}],
      ["createInvitation", { body: { email: "diego@fabrikam.com" } }],
      ["revokeInvitation", { params: { surveyId, invitationId: randomUUID() } }],
      ["listResponses", {}],
      ["exportResponses", {}],
      ["getResults", {}],
      ["listTextAnswers", { params: { surveyId, questionId } }],
    ];
    for (const [operationId, call] of calls) {
      const response = await as("diego", operationId, { params: { surveyId }, ...call });
      const problem = await problemOf(response, 404);
      assert.equal(problem.code, "not_found", operationId);
    }
    const tenantList = await jsonOf<{ items: { id: string }[] }>(
      await as("diego", "listSurveys", { query: { scope: "tenant" } }),
      200,
    );
    assert.ok(!tenantList.items.some((s) => s.id === surveyId));
    const after = await jsonOf<SurveyDto>(await as("adele", "getSurvey", { params: { surveyId } }), 200);
    assert.deepEqual(after, survey, "unchanged: title, status, questions");
  });

  test("Contoso's application may manage it, Fabrikam's people still may not", async () => {
    const asApp = await jsonOf<SurveyDto>(await as("app", "getSurvey", { params: { surveyId: survey.id } }), 200);
    assert.equal(asApp.access.relationship, "member");
    await problemOf(await as("diego", "getSurvey", { params: { surveyId: survey.id } }), 404);
  });
});
