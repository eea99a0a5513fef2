// The web app's client of the Survey API (ARCHITECTURE 2: server actions never touch survey data
// directly; they call the API with the signed-in person's token, as Tailspin's web app did).
// One method per endpoint, typed from the same declarations and zod schemas that the API
// validates with and renders into its OpenAPI document, so the client cannot disagree with it.
//
//   "use server";
//   const session = await requireSession();
//   const api = createApiClient(session);
//   const survey = await api.createSurvey({ body: { title } });      // ValidationError has .fields
//   await api.addQuestion({ params: { surveyId: survey.id }, body: { type: "YES_NO", text } });
//
// Errors come back as the AppError the API raised (ValidationError, NotFoundError, …), a
// ConsentRequiredError for a Graph consent challenge, or ReauthenticationRequiredError when no
// token can be had for the person (send them through sign-in and back).
import "server-only";
import { headers as requestHeaders } from "next/headers";
import type { AppSession } from "@/lib/auth/session";
import { CORRELATION_HEADER, correlationIdFrom } from "@/lib/correlation";
import { requireIdentity } from "@/lib/env";
import { UnavailableError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { getAccessToken, ReauthenticationRequiredError, type TokenUser } from "@/lib/tokens";
import type { ClientArgs, ClientResult, CsvDownload, EndpointSpec } from "../api/contract/define";
import { pathFor } from "../api/contract/define";
import { API, type Api, type OperationId } from "../api/contract/endpoints";
import type { Problem } from "../api/contract/schemas";
import { ApiResponseError, errorFromProblem, parseBearerChallenge } from "../api/problem";

export { ApiResponseError } from "../api/problem";

/** The signed-in person: an AppSession, or its token-cache key as lib/tokens takes it. */
export type ApiUser = TokenUser | Pick<AppSession, "actor" | "homeAccountId">;

export interface ApiClientOptions {
  /** Carried to the API and its logs; default: the current request's (set by proxy.ts), else a new one. */
  correlationId?: string;
  /** Default: SURVEY_API_URL (the app's own origin unless the API runs elsewhere). */
  baseUrl?: string;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** An anonymous respondent's browser key (x-client-key), for the API's per-visitor limits. */
  clientKey?: string;
}

export type SurveyApi = {
  [K in OperationId]: (...args: ClientArgs<Api[K]>) => Promise<ClientResult<Api[K]>>;
};

interface RequestInput {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function tokenUserOf(user: ApiUser): TokenUser {
  return "actor" in user ? { tenantId: user.actor.tenantId, homeAccountId: user.homeAccountId } : user;
}

interface PageRequest {
  correlationId: string | null;
  /** The browser's address chain, so the API's per-client limits see the person, not us. */
  forwardedFor: string | null;
}

async function pageRequest(): Promise<PageRequest> {
  try {
    const incoming = await requestHeaders();
    return { correlationId: incoming.get(CORRELATION_HEADER), forwardedFor: incoming.get("x-forwarded-for") };
  } catch {
    // Not inside a Next.js request (a script, a test): a fresh id, no client to speak for.
    return { correlationId: null, forwardedFor: null };
  }
}

function queryString(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function problemOf(response: Response): Promise<Partial<Problem> | null> {
  try {
    return (await response.json()) as Partial<Problem>;
  } catch {
    return null;
  }
}

/** Refusals of the organization, not of the token: a fresh token would be refused the same way. */
const TENANT_REFUSALS = new Set(["personal_account", "unregistered_tenant", "offboarded_tenant"]);

function isRetryableTokenRefusal(response: Response): boolean {
  const challenge = parseBearerChallenge(response.headers.get("www-authenticate"));
  return challenge?.get("error") === "invalid_token" && !TENANT_REFUSALS.has(challenge.get("error_description") ?? "");
}

function filenameOf(response: Response): string {
  const disposition = response.headers.get("content-disposition") ?? "";
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? "export.csv";
}

export function createApiClient(user: ApiUser | null, options: ApiClientOptions = {}): SurveyApi {
  const identity = requireIdentity();
  const baseUrl = (options.baseUrl ?? identity.api.url).replace(/\/+$/, "");
  const tokenUser = user ? tokenUserOf(user) : null;
  const log = logger().child({ component: "api-client" });
  let correlationId: string | undefined = options.correlationId;
  let forwardedFor: string | null = null;

  async function tokenFor(spec: EndpointSpec, forceRefresh: boolean, id: string): Promise<string | null> {
    if (spec.auth === "none") return null;
    if (!tokenUser) {
      if (spec.auth === "required") throw new ReauthenticationRequiredError("no_cached_tokens");
      return null;
    }
    return getAccessToken(tokenUser, [identity.api.scope], { correlationId: id, forceRefresh });
  }

  async function send(spec: EndpointSpec, input: RequestInput, token: string | null, id: string): Promise<Response> {
    const headers = new Headers({
      accept: spec.response.kind === "csv" ? "text/csv" : "application/json",
      [CORRELATION_HEADER]: id,
    });
    if (token) headers.set("authorization", `Bearer ${token}`);
    if (options.clientKey && !token) headers.set("x-client-key", options.clientKey);
    if (forwardedFor) headers.set("x-forwarded-for", forwardedFor);
    if (spec.body) headers.set("content-type", "application/json");
    const url = `${baseUrl}${pathFor(spec, input.params)}${queryString(input.query)}`;
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method: spec.method,
        headers,
        body: spec.body ? JSON.stringify(input.body ?? {}) : undefined,
        cache: "no-store",
        redirect: "error",
        signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      const latencyMs = Math.round(performance.now() - started);
      log.debug({ correlationId: id, method: spec.method, path: spec.path, status: response.status, latencyMs }, "api");
      return response;
    } catch (error) {
      log.warn({ correlationId: id, method: spec.method, path: spec.path, err: error }, "survey api unreachable");
      throw new UnavailableError("The survey service is not reachable right now. Try again in a moment.");
    }
  }

  async function resultOf(spec: EndpointSpec, response: Response, id: string): Promise<unknown> {
    const kind = spec.response.kind;
    if (kind === "empty") return undefined;
    if (kind === "csv") {
      if (!response.body) throw new ApiResponseError(response.status, id, "the export has no body");
      return { filename: filenameOf(response), body: response.body } satisfies CsvDownload;
    }
    const parsed = spec.response.schema.safeParse(await response.json());
    if (!parsed.success) throw new ApiResponseError(response.status, id, "the answer does not match the API contract");
    return parsed.data;
  }

  async function call(spec: EndpointSpec, input: RequestInput): Promise<unknown> {
    const page = await pageRequest();
    correlationId ??= correlationIdFrom(page.correlationId);
    forwardedFor = page.forwardedFor;
    const id = correlationId;
    let token = await tokenFor(spec, false, id);
    let response = await send(spec, input, token, id);
    // A token the API no longer accepts although the cache still had it (revoked, keys rolled):
    // once more with a freshly redeemed one before giving up.
    if (response.status === 401 && token && isRetryableTokenRefusal(response)) {
      await response.body?.cancel();
      token = await tokenFor(spec, true, id);
      response = await send(spec, input, token, id);
    }
    if (!response.ok) {
      throw errorFromProblem(
        response.status,
        await problemOf(response),
        response.headers.get("www-authenticate"),
        response.headers.get("retry-after"),
      );
    }
    return resultOf(spec, response, id);
  }

  // The one unchecked step: each method's types come from its declaration (SurveyApi), its
  // behaviour from the same declaration at run time.
  const methods = Object.entries(API).map(([operationId, spec]) => [
    operationId,
    (input: RequestInput = {}) => call(spec as EndpointSpec, input),
  ]);
  return Object.fromEntries(methods) as unknown as SurveyApi;
}
