// RFC 9457 problem details, both ways: the API renders expected errors as problems, and the
// client turns problems back into the same AppError classes, so a server action catches a
// ValidationError with its field errors whether the domain ran in-process or behind the API.
// Pure: used by the route handlers and by lib/api-client.
import {
  type AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UnavailableError,
  ValidationError,
} from "@/lib/errors";
import { type ConsentFailure, ConsentRequiredError } from "@/lib/graph/errors";
import type { Problem } from "./contract/schemas";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

export function problemType(code: string): string {
  return `urn:surveys:problem:${code}`;
}

export function problemOf(input: {
  status: number;
  code: string;
  detail: string;
  instance: string;
  correlationId: string;
  errors?: Record<string, string[]>;
  reason?: string;
}): Problem {
  const { status, code, detail, instance, correlationId, errors, reason } = input;
  return {
    type: problemType(code),
    title: TITLES[status] ?? "Error",
    status,
    detail,
    instance,
    code,
    correlationId,
    ...(errors ? { errors } : {}),
    ...(reason ? { reason } : {}),
  };
}

/** The auth-params of a `Bearer …` challenge (RFC 6750 §3): `error="x", scope="a b"` → a map. */
export function parseBearerChallenge(header: string | null): Map<string, string> | null {
  if (!header || !/^Bearer(\s|$)/i.test(header)) return null;
  const params = new Map<string, string>();
  for (const match of header.slice(6).matchAll(/([\w-]+)="((?:[^"\\]|\\.)*)"/g)) {
    params.set((match[1] ?? "").toLowerCase(), (match[2] ?? "").replace(/\\(.)/g, "$1"));
  }
  return params;
}

const CONSENT_FAILURES: readonly ConsentFailure[] = ["consent_required", "claims_challenge", "insufficient_privileges"];

/** A 403 challenge (insufficient_scope / insufficient_claims) as the ConsentRequiredError it was raised as. */
function consentErrorOf(challenge: Map<string, string>): ConsentRequiredError | null {
  const error = challenge.get("error");
  if (error !== "insufficient_scope" && error !== "insufficient_claims") return null;
  const scopes = (challenge.get("scope") ?? "").split(" ").filter(Boolean);
  const description = challenge.get("error_description") as ConsentFailure | undefined;
  const reason = description && CONSENT_FAILURES.includes(description) ? description : "consent_required";
  const encoded = challenge.get("claims");
  const claims = encoded ? Buffer.from(encoded, "base64").toString("utf8") : undefined;
  return new ConsentRequiredError(scopes, claims ? "claims_challenge" : reason, claims ? { claims } : {});
}

function withMessage<E extends AppError>(error: E, message: string): E {
  error.message = message;
  return error;
}

/** An API answer that is not an expected error: a bug or an outage on the API's side. */
export class ApiResponseError extends Error {
  constructor(
    readonly status: number,
    readonly correlationId: string | undefined,
    detail: string,
  ) {
    super(`Survey API answered ${status}: ${detail}`);
    this.name = "ApiResponseError";
  }
}

/** The AppError a problem response stands for; unexpected statuses become ApiResponseError. */
export function errorFromProblem(
  status: number,
  problem: Partial<Problem> | null,
  wwwAuthenticate: string | null,
  retryAfter: string | null = null,
): AppError | ApiResponseError {
  const detail = problem?.detail ?? `HTTP ${status}`;
  if (status === 403) {
    const challenge = parseBearerChallenge(wwwAuthenticate);
    const consent = challenge && consentErrorOf(challenge);
    if (consent) return consent;
    return new ForbiddenError(detail);
  }
  switch (status) {
    case 400:
    case 422:
      return new ValidationError(detail, problem?.errors ?? {});
    case 401:
      return new UnauthorizedError(detail);
    case 404:
      return withMessage(new NotFoundError(), detail);
    case 409:
      return new ConflictError(detail);
    case 429:
      return new RateLimitedError(Math.max(1, Number.parseInt(retryAfter ?? "", 10) || 60));
    case 503:
      return new UnavailableError(detail);
    default:
      return new ApiResponseError(status, problem?.correlationId, detail);
  }
}
