// Errors → problem responses. Expected errors (AppError) keep their message and status; their
// Bearer challenges ride along in WWW-Authenticate. Anything else is a 500 with a generic text,
// logged with the correlation id the caller also gets.
import "server-only";
import type { Logger } from "pino";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE, noteDatabaseError } from "@/lib/db-availability";
import { isAppError, RateLimitedError, UnavailableError, ValidationError } from "@/lib/errors";
import { ConsentRequiredError } from "@/lib/graph/errors";
import { PROBLEM_CONTENT_TYPE, problemOf } from "../problem";
import { AuthenticationError, InsufficientScopeError, MalformedRequestError } from "./errors";

export interface ProblemContext {
  instance: string;
  correlationId: string;
  headers: Headers;
  log: Logger;
}

function challengeOf(error: unknown): string | null {
  if (error instanceof AuthenticationError || error instanceof InsufficientScopeError) return error.wwwAuthenticate();
  if (error instanceof ConsentRequiredError) return error.wwwAuthenticate();
  // A domain 401 (a survey only signed-in people may answer): ask for credentials, no error code.
  if (isAppError(error) && error.status === 401) return 'Bearer realm="Survey API"';
  return null;
}

function reasonOf(error: unknown): string | undefined {
  if (error instanceof AuthenticationError || error instanceof InsufficientScopeError) return error.reason;
  if (error instanceof ConsentRequiredError) return error.reason;
  return undefined;
}

export function problemResponse(thrown: unknown, context: ProblemContext): Response {
  const { instance, correlationId, headers, log } = context;
  // A lost database is a dependency outage (503, retry), not a bug of ours (500).
  const error = noteDatabaseError(thrown) ? new UnavailableError(DATABASE_UNAVAILABLE) : thrown;
  let problem: ReturnType<typeof problemOf>;
  if (isAppError(error)) {
    const fields =
      error instanceof ValidationError || error instanceof MalformedRequestError ? error.fields : undefined;
    problem = problemOf({
      status: error.status,
      code: error.code,
      detail: error.message,
      instance,
      correlationId,
      ...(fields ? { errors: fields } : {}),
      ...(reasonOf(error) ? { reason: reasonOf(error) } : {}),
    });
    if (error.status >= 500) log.warn({ err: thrown }, "api call failed: a dependency is unavailable");
  } else {
    log.error({ err: error }, "api call failed unexpectedly");
    problem = problemOf({
      status: 500,
      code: "internal",
      detail: "Something went wrong on our side. Quote the correlation id if you contact support.",
      instance,
      correlationId,
    });
  }
  headers.set("content-type", PROBLEM_CONTENT_TYPE);
  const challenge = challengeOf(error);
  if (challenge) headers.set("www-authenticate", challenge);
  if (error instanceof RateLimitedError) headers.set("retry-after", String(error.retryAfterSeconds));
  if (error instanceof UnavailableError) headers.set("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}
