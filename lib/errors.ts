// Expected errors carry a stable code and a message a user may read; anything else is
// unexpected: logged with its correlation id and shown generically.

export type ErrorCode =
  | "not_found"
  | "forbidden"
  | "unauthorized"
  | "validation_failed"
  | "conflict"
  | "too_many_requests"
  | "unavailable";

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly status: number;
}

export class NotFoundError extends AppError {
  readonly code = "not_found";
  readonly status = 404;
  constructor(what = "resource") {
    super(`The ${what} was not found.`);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends AppError {
  readonly code = "forbidden";
  readonly status = 403;
  constructor(message = "You are not allowed to do that.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

export class UnauthorizedError extends AppError {
  readonly code = "unauthorized";
  readonly status = 401;
  constructor(message = "Sign in to continue.") {
    super(message);
    this.name = "UnauthorizedError";
  }
}

export type FieldErrors = Record<string, string[]>;

export class ValidationError extends AppError {
  readonly code = "validation_failed";
  readonly status = 422;
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

export class ConflictError extends AppError {
  readonly code = "conflict";
  readonly status = 409;
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

export class RateLimitedError extends AppError {
  readonly code = "too_many_requests";
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`);
    this.name = "RateLimitedError";
  }
}

export class UnavailableError extends AppError {
  readonly code = "unavailable";
  readonly status = 503;
  constructor(message: string) {
    super(message);
    this.name = "UnavailableError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
