// Survey fixtures built through the domain functions themselves, so tests start from states the
// product can reach. Only what the product cannot do on its own (a contributor without the e-mail
// round trip, a clock that moved on) is written to the database directly.
import { randomUUID } from "node:crypto";
import type { Actor, UserActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db";
import { publishSurvey } from "@/lib/surveys/lifecycle";
import { createSurvey } from "@/lib/surveys/mutations";
import { type Respondent, type SurveyRef, submitResponse } from "@/lib/surveys/responses";
import type { AnswerValue, CreateSurveyInput, QuestionInput, SurveyDto } from "@/lib/surveys/schemas";

export const SAMPLE_QUESTIONS: QuestionInput[] = [
  { type: "SHORT_TEXT", text: "Your name?" },
  { type: "SINGLE_CHOICE", text: "Favourite colour?", options: [{ label: "Red" }, { label: "Blue" }] },
  { type: "RATING", text: "How was it?", required: true },
];

export const ANYONE = { settings: { audience: "ANYONE_WITH_LINK" } } as const satisfies Partial<CreateSurveyInput>;

export const anonymous: Respondent = { kind: "anonymous", clientKey: "browser-1" };

export function createDraft(owner: Actor, input: Partial<CreateSurveyInput> = {}): Promise<SurveyDto> {
  return createSurvey(owner, { title: `Survey ${randomUUID().slice(0, 8)}`, questions: SAMPLE_QUESTIONS, ...input });
}

export async function createPublished(owner: Actor, input: Partial<CreateSurveyInput> = {}): Promise<SurveyDto> {
  const draft = await createDraft(owner, input);
  return publishSurvey(owner, draft.id);
}

export const newSubmissionKey = () => randomUUID();

export const refOf = (survey: { tenantId: string; id: string }): SurveyRef => ({
  tenantId: survey.tenantId,
  surveyId: survey.id,
});

/** A valid answer set for SAMPLE_QUESTIONS (only the rating is required). */
export const sampleAnswers = (survey: SurveyDto, rating = 4): Record<string, AnswerValue> => ({
  [survey.questions[2]?.id ?? ""]: rating,
});

/** Submits SAMPLE_QUESTIONS answers: a fresh submission key unless one is given. */
export function submitSample(
  survey: SurveyDto,
  respondent: Respondent = anonymous,
  submissionKey = newSubmissionKey(),
  rating = 4,
) {
  return submitResponse(refOf(survey), respondent, { submissionKey, answers: sampleAnswers(survey, rating) });
}

/** Makes `who` a contributor as accepting an invitation would (see sharing.int.test.ts for that flow). */
export async function addContributor(database: Db, survey: { tenantId: string; id: string }, who: UserActor) {
  await database.contributor.create({
    data: { tenantId: survey.tenantId, surveyId: survey.id, userTenantId: who.tenantId, userId: who.userId },
  });
}

/** Offboards a tenant as lib/tenants does (only the status matters to the survey domain). */
export async function setTenantStatus(database: Db, tenantId: string, status: "ACTIVE" | "OFFBOARDED") {
  await database.tenant.update({ where: { id: tenantId }, data: { status } });
}

/** The answered survey's comments, oldest first (the sixth response left it empty). */
export const COMMENTS = ["Great pizza", '100% good, really "good"', "too SALTY", "salty_ish", "=cmd|' /C calc'!A0"];

/** When its six responses arrived (UTC): two on 1 March (one a millisecond before midnight), one on the 2nd, three on the 4th. */
export const SUBMITTED = [
  "2026-03-01T09:00:00.000Z",
  "2026-03-01T23:59:59.999Z",
  "2026-03-02T00:00:00.000Z",
  "2026-03-04T08:00:00.000Z",
  "2026-03-04T12:30:00.000Z",
  "2026-03-04T18:45:00.000Z",
];

export type AnsweredQuestion = "colour" | "toppings" | "again" | "rate" | "nps" | "date" | "comment";

export interface AnsweredSurvey {
  survey: SurveyDto;
  /** Question ids by name. */
  ids: Record<AnsweredQuestion, string>;
  /** An option's id by its question's name and its label. */
  option: (question: AnsweredQuestion, label: string) => string;
  /** Oldest first. */
  responseIds: string[];
}

/**
 * A published link survey with one question of each type and six anonymous responses, small
 * enough to compute its results by hand (results.int.test.ts does). Each row below is a response.
 */
export async function createAnsweredSurvey(database: Db, owner: Actor): Promise<AnsweredSurvey> {
  const choices = (...labels: string[]) => labels.map((label) => ({ label }));
  const survey = await createPublished(owner, {
    ...ANYONE,
    questions: [
      { type: "SINGLE_CHOICE", text: "Colour", options: choices("Red", "Blue", "Green") },
      { type: "MULTIPLE_CHOICE", text: "Toppings", options: choices("Cheese", "Ham", "Olives") },
      { type: "YES_NO", text: "Again?" },
      { type: "RATING", text: "Rate it" },
      { type: "NPS", text: "Recommend?" },
      { type: "DATE", text: "Visit date" },
      { type: "SHORT_TEXT", text: "Comment, please" },
    ],
  });
  const [colour, toppings, again, rate, nps, date, comment] = survey.questions.map((q) => q.id) as string[];
  const ids = { colour, toppings, again, rate, nps, date, comment } as Record<AnsweredQuestion, string>;
  const option = (question: AnsweredQuestion, label: string) => {
    const q = survey.questions.find((x) => x.id === ids[question]);
    const found = q && "options" in q ? q.options.find((o) => o.label === label) : undefined;
    if (!found) throw new Error(`no option ${label} in ${question}`);
    return found.id;
  };
  const o = option;
  const rows: Partial<Record<AnsweredQuestion, AnswerValue>>[] = [
    {
      colour: o("colour", "Red"),
      toppings: [o("toppings", "Cheese"), o("toppings", "Ham")],
      again: true,
      rate: 5,
      nps: 10,
      date: "2026-01-15",
      comment: COMMENTS[0],
    },
    {
      colour: o("colour", "Red"),
      toppings: [o("toppings", "Cheese")],
      again: true,
      rate: 4,
      nps: 9,
      date: "2026-01-20",
      comment: COMMENTS[1],
    },
    {
      colour: o("colour", "Blue"),
      toppings: [o("toppings", "Olives")],
      again: false,
      rate: 3,
      nps: 7,
      date: "2026-02-03",
      comment: COMMENTS[2],
    },
    { colour: o("colour", "Blue"), toppings: [], rate: 5, nps: 6, comment: COMMENTS[3] },
    {
      colour: o("colour", "Red"),
      toppings: [o("toppings", "Olives"), o("toppings", "Ham"), o("toppings", "Cheese")],
      again: true,
      rate: 2,
      nps: 0,
      date: "2026-02-28",
      comment: COMMENTS[4],
    },
    { toppings: [o("toppings", "Ham")], again: false, nps: 10, date: "2025-12-31" },
  ];
  const responseIds: string[] = [];
  for (const [index, row] of rows.entries()) {
    const answers = Object.fromEntries(
      Object.entries(row).map(([key, value]) => [ids[key as AnsweredQuestion], value ?? null]),
    );
    const { responseId } = await submitResponse(refOf(survey), anonymous, {
      submissionKey: newSubmissionKey(),
      answers,
    });
    responseIds.push(responseId);
    // The test's clock, in submission order, so id order (UUIDv7) and time order agree.
    await database.response.updateMany({
      where: { tenantId: survey.tenantId, id: responseId },
      data: { submittedAt: new Date(SUBMITTED[index] ?? "") },
    });
  }
  return { survey, ids, option, responseIds };
}
