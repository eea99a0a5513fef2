// The fuzzing's setup and teardown: Contoso and Fabrikam registered, both callers signed in, and
// real objects in each state for the fuzzer to find (draft, open and members-only surveys with
// every question type, invitations accepted and pending, a contributor, a response), made and
// harvested through the API like any other answer. Teardown removes every survey the run made.
import { db, disconnectDb } from "@/lib/db";
import { isChoiceType, QUESTION_TYPES, type QuestionDto, type SurveyDto, SurveySchema } from "@/lib/surveys/schemas";
import { registerSeededTenant } from "@/test/support/emulator-hooks";
import { SEEDED } from "@/test/support/entra";
import { API } from "../../contract/endpoints";
import { identityOf, setUserId, signInCallers, TENANTS, type Who } from "./callers";
import { json, plain } from "./case";
import { ok } from "./send";

export interface Fixtures {
  /** Published, open to anyone with the link, with every question type and one response. */
  open: SurveyDto;
  /** The two tenants' surveys from before the run, which are not the fuzzing's. */
  preexisting: string[];
}

let undo: Array<() => Promise<void>> = [];
let preexisting: string[] = [];

const optionIds = (q: QuestionDto) => ("options" in q ? q.options.map((o) => o.id) : []);
const VALID_ANSWERS: Record<QuestionDto["type"], (q: QuestionDto) => unknown> = {
  SHORT_TEXT: () => "  Ada\u0000 ",
  LONG_TEXT: () => "Thai, then pizza.",
  SINGLE_CHOICE: (q) => optionIds(q)[0],
  MULTIPLE_CHOICE: (q) => optionIds(q).reverse(),
  RATING: () => 4,
  NPS: () => 9,
  YES_NO: () => true,
  DATE: () => "2026-02-28",
};

/** Every question type, none required: an empty submission is a valid one. */
const ALL_TYPES = QUESTION_TYPES.map((type) => ({
  type,
  text: `${type} question`,
  ...(isChoiceType(type) ? { options: [{ label: "Red" }, { label: "Green" }, { label: "Blue" }] } : {}),
}));

export async function setUp(): Promise<Fixtures> {
  undo = [
    await registerSeededTenant(db(), SEEDED.contoso, "Contoso"),
    await registerSeededTenant(db(), SEEDED.fabrikam, "Fabrikam"),
  ];
  await signInCallers();
  preexisting = (await db().survey.findMany({ where: { tenantId: { in: TENANTS } }, select: { id: true } })).map(
    (s) => s.id,
  );

  const survey = (who: Who, body: unknown) =>
    ok("createSurvey", plain(who, {}, { body: { kind: "json", value: body } }), SurveySchema);
  const draft = await survey("contoso", { title: "Fuzz draft", questions: ALL_TYPES });
  const open = await survey("contoso", {
    title: "Fuzz open",
    settings: { audience: "ANYONE_WITH_LINK" },
    questions: ALL_TYPES,
  });
  const members = await survey("contoso", { title: "Fuzz members", questions: ALL_TYPES.slice(0, 3) });
  const fabrikam = await survey("fabrikam", { title: "Fuzz Fabrikam", questions: ALL_TYPES.slice(2, 5) });
  setUserId("contoso", draft.ownerId);
  setUserId("fabrikam", fabrikam.ownerId);
  for (const published of [open, members]) {
    await ok("publishSurvey", plain("contoso", { surveyId: published.id }), SurveySchema);
  }
  const people = API.searchPeople.response.schema;
  await ok("searchPeople", plain("contoso", {}, { query: { q: "a" } }), people);
  await ok("searchPeople", plain("fabrikam", {}, { query: { q: "d" } }), people);

  // Invitations accepted and pending, a contributor, and a response, so those can be found too.
  const invite = (surveyId: string, email: string) =>
    ok("createInvitation", plain("contoso", { surveyId }, json({ email })), API.createInvitation.response.schema);
  const sent = await invite(draft.id, identityOf("fabrikam").email);
  const accept = json({ tenantId: sent.invitation.tenantId, token: sent.token });
  await ok("acceptInvitation", plain("fabrikam", {}, accept), API.acceptInvitation.response.schema);
  await invite(members.id, identityOf("fabrikam").email);
  await invite(draft.id, "lee@fabrikam.com");
  const answers = Object.fromEntries(open.questions.map((q) => [q.id, VALID_ANSWERS[q.type](q)]));
  const submission = json({ submissionKey: "fuzz-setup-response", answers });
  await ok(
    "submitResponse",
    { ...plain("contoso", { tenantId: open.tenantId, surveyId: open.id }, submission), caller: { who: "anonymous" } },
    API.submitResponse.response.schema,
  );
  return { open, preexisting };
}

export async function tearDown(): Promise<void> {
  await db().survey.deleteMany({ where: { tenantId: { in: TENANTS }, id: { notIn: preexisting } } });
  for (const step of undo.reverse()) await step();
  await disconnectDb();
}
