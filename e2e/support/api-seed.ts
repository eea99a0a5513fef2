// Test data through the Survey API, from the Playwright process: the people of the emulator get
// API tokens with the resource-owner password grant (test automation only, as in real tenants),
// then create, publish and answer surveys over HTTP exactly as any API client would. Nothing here
// touches the database, so what the browser then shows is what the product stored.
import { randomBytes } from "node:crypto";
import { type APIRequestContext, expect } from "@playwright/test";
import type {
  AnswerValue,
  CreateSurveyInput,
  QuestionInput,
  ResponsesPageDto,
  SubmittedResponseDto,
  SurveyDto,
} from "@/lib/surveys/schemas";
import { crowdAddress } from "@/test/support/crowd";
import type { Person } from "./identity";
import { servers } from "./servers";

// The Surveys web app registration and the API scope of the emulator's seeded directory
// (emulator/directory.seed.json); Contoso and Fabrikam have consented to both.
const WEB_APP = { clientId: "71667709-0c1a-4f10-84be-a41684aee19f", clientSecret: "surveys-web-local-secret" };
const API_SCOPE = "api://surveys-api/Surveys.ReadWrite";
const PASSWORD = "Passw0rd!";

const tokens = new Map<string, { token: string; expiresAt: number }>();

/** A delegated Survey API token for the person (cached until a minute before it expires). */
export async function apiToken(request: APIRequestContext, person: Person): Promise<string> {
  const cached = tokens.get(person.login);
  if (cached && cached.expiresAt > Date.now() + 60_000) return cached.token;
  const response = await request.post(`${servers.emulator.url}/organizations/oauth2/v2.0/token`, {
    form: {
      grant_type: "password",
      client_id: WEB_APP.clientId,
      client_secret: WEB_APP.clientSecret,
      username: person.login,
      password: PASSWORD,
      scope: API_SCOPE,
    },
  });
  const body = (await response.json()) as { access_token?: string; expires_in?: number; error_description?: string };
  expect(response.ok(), `password grant for ${person.login}: ${body.error_description}`).toBe(true);
  const token = String(body.access_token);
  tokens.set(person.login, { token, expiresAt: Date.now() + Number(body.expires_in ?? 0) * 1000 });
  return token;
}

export interface ApiCall {
  /** Who calls; nobody for an anonymous respondent. */
  as: Person | null;
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: `/${string}`;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One call of /api/v1; anything but a 2xx fails the test with the problem the API returned. */
export async function callApi<T>(request: APIRequestContext, call: ApiCall): Promise<T> {
  const headers: Record<string, string> = { ...call.headers };
  if (call.as) headers.authorization = `Bearer ${await apiToken(request, call.as)}`;
  const response = await request.fetch(`${servers.app.url}/api/v1${call.path}`, {
    method: call.method,
    headers,
    data: call.body,
  });
  if (!response.ok()) throw new Error(`${call.method} ${call.path}: ${response.status()} ${await response.text()}`);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

/** Unique per run and per call, so specs never see each other's surveys. */
export function uniqueTitle(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
}

const options = (...labels: string[]) => labels.map((label) => ({ label }));

/** One question of every type, the required ones mixed with optional ones. */
export const EVERY_QUESTION_TYPE: QuestionInput[] = [
  { type: "SHORT_TEXT", text: "What is your job title?", required: true },
  { type: "LONG_TEXT", text: "What should we improve?", description: "A sentence or two is plenty." },
  { type: "SINGLE_CHOICE", text: "Favourite colour", required: true, options: options("Red", "Green", "Blue") },
  { type: "MULTIPLE_CHOICE", text: "Which features do you use?", options: options("Forms", "Reports", "Export") },
  { type: "RATING", text: "How satisfied are you?", required: true },
  { type: "NPS", text: "How likely are you to recommend us?" },
  { type: "YES_NO", text: "Would you renew?", required: true },
  { type: "DATE", text: "When did you start?" },
];

export async function createSurvey(request: APIRequestContext, owner: Person, input: CreateSurveyInput) {
  return callApi<SurveyDto>(request, { as: owner, method: "POST", path: "/surveys", body: input });
}

export async function changeStatus(
  request: APIRequestContext,
  owner: Person,
  surveyId: string,
  verb: "publish" | "unpublish" | "close" | "reopen",
) {
  return callApi<SurveyDto>(request, { as: owner, method: "POST", path: `/surveys/${surveyId}/${verb}` });
}

/** A published survey with the given questions (default: every type) and settings. */
export async function createPublishedSurvey(
  request: APIRequestContext,
  owner: Person,
  input: Partial<CreateSurveyInput> & { title: string },
): Promise<SurveyDto> {
  const draft = await createSurvey(request, owner, { questions: EVERY_QUESTION_TYPE, ...input });
  return changeStatus(request, owner, draft.id, "publish");
}

/** The respondents' address of a survey (what the share link points at). */
export const answerUrl = (survey: Pick<SurveyDto, "tenantId" | "id">) => `/s/${survey.tenantId}/${survey.id}`;

export const newSubmissionKey = () => randomBytes(16).toString("base64url");

export { crowdAddress } from "@/test/support/crowd";

export async function submitAnswers(
  request: APIRequestContext,
  survey: Pick<SurveyDto, "tenantId" | "id">,
  answers: Record<string, AnswerValue>,
  options: { as?: Person; clientAddress?: string; submissionKey?: string } = {},
): Promise<SubmittedResponseDto> {
  return callApi<SubmittedResponseDto>(request, {
    as: options.as ?? null,
    method: "POST",
    path: `/forms/${survey.tenantId}/${survey.id}/responses`,
    headers: options.clientAddress ? { "x-forwarded-for": options.clientAddress } : undefined,
    body: { submissionKey: options.submissionKey ?? newSubmissionKey(), answers },
  });
}

export async function listResponses(request: APIRequestContext, owner: Person, surveyId: string, limit = 100) {
  return callApi<ResponsesPageDto>(request, {
    as: owner,
    method: "GET",
    path: `/surveys/${surveyId}/responses?limit=${limit}`,
  });
}

/**
 * Answers for response number `i`, varied deterministically over every question type so the
 * results have something to count: texts, options in turn, ratings 1–5, scores 0–10, dates.
 */
export function sampleAnswers(survey: Pick<SurveyDto, "questions">, i: number): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const question of survey.questions) {
    const ids = "options" in question ? question.options.map((o) => o.id) : [];
    switch (question.type) {
      case "SHORT_TEXT":
        answers[question.id] = `Role ${i % 7}`;
        break;
      case "LONG_TEXT":
        if (i % 3 === 0) answers[question.id] = `Comment number ${i}`;
        break;
      case "SINGLE_CHOICE":
        answers[question.id] = ids[i % ids.length] ?? "";
        break;
      case "MULTIPLE_CHOICE":
        answers[question.id] = [...new Set([ids[i % ids.length] ?? "", ids[(i + 1) % ids.length] ?? ""])];
        break;
      case "RATING":
        answers[question.id] = 1 + (i % 5);
        break;
      case "NPS":
        answers[question.id] = i % 11;
        break;
      case "YES_NO":
        answers[question.id] = i % 2 === 0;
        break;
      case "DATE":
        answers[question.id] = `2026-0${1 + (i % 9)}-1${i % 10}`;
        break;
    }
  }
  return answers;
}

/**
 * `count` anonymous responses through the API, `concurrency` at a time, each from its own address
 * as a crowd of respondents would send them. Returns the milliseconds taken.
 */
export async function seedResponses(
  request: APIRequestContext,
  survey: Pick<SurveyDto, "tenantId" | "id" | "questions">,
  count: number,
  options: { concurrency?: number; answers?: (i: number) => Record<string, AnswerValue> } = {},
): Promise<number> {
  const answersFor = options.answers ?? ((i: number) => sampleAnswers(survey, i));
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      await submitAnswers(request, survey, answersFor(i), { clientAddress: crowdAddress(i) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, count) }, worker));
  return performance.now() - started;
}
