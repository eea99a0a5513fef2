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

const APP_ERROR = Symbol.for("surveys.AppError");

/**
 * Next.js bundles lib/ once per server layer (route handlers, pages, server actions), while the
 * process-wide services (tokens, Graph, database) are created once and kept on globalThis. So an
 * error can be thrown by one bundle's copy of its class and tested against another copy's:
 * `instanceof` compares a brand and the stable `errorName` (minifying renames classes), not the
 * class object.
 */
export abstract class AppError extends Error {
  static readonly errorName: string = "AppError";
  abstract readonly code: ErrorCode;
  abstract readonly status: number;

  constructor(message?: string) {
    super(message);
    this.name = (new.target as typeof AppError).errorName;
    Object.defineProperty(this, APP_ERROR, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== "object" || value === null || !(APP_ERROR in value)) return false;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof (a subclass).
    return this.errorName === AppError.errorName || (value as { name?: unknown }).name === this.errorName;
  }
}

export class NotFoundError extends AppError {
  static override readonly errorName = "NotFoundError";
  readonly code = "not_found";
  readonly status = 404;
  constructor(what = "resource") {
    super(`The ${what} was not found.`);
  }
}

export class ForbiddenError extends AppError {
  static override readonly errorName = "ForbiddenError";
  readonly code = "forbidden";
  readonly status = 403;
  constructor(message = "You are not allowed to do that.") {
    super(message);
  }
}

export class UnauthorizedError extends AppError {
  static override readonly errorName = "UnauthorizedError";
  readonly code = "unauthorized";
  readonly status = 401;
  constructor(message = "Sign in to continue.") {
    super(message);
  }
}

export type FieldErrors = Record<string, string[]>;

export class ValidationError extends AppError {
  static override readonly errorName = "ValidationError";
  readonly code = "validation_failed";
  readonly status = 422;
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
}

export class ConflictError extends AppError {
  static override readonly errorName = "ConflictError";
  readonly code = "conflict";
  readonly status = 409;
  constructor(message: string) {
    super(message);
  }
}

export class RateLimitedError extends AppError {
  static override readonly errorName = "RateLimitedError";
  readonly code = "too_many_requests";
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`);
  }
}

export class UnavailableError extends AppError {
  static override readonly errorName = "UnavailableError";
  readonly code = "unavailable";
  readonly status = 503;
  constructor(message: string) {
    super(message);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
