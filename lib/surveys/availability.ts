// Whether a respondent may answer a survey right now, and in what words to say no. Pure: the
// checks that need the database (already answered, full) take their facts as arguments.

import { type AppError, ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/errors";
import type { SurveyAudience, SurveyStatus } from "@/lib/generated/prisma/enums";
import type { UnavailableReason } from "./schemas";

/**
 * Who is answering: anyone with the link (the client key is the browser's own id, for the API's
 * rate limiting; it is not stored), or a signed-in person of a registered tenant.
 */
export type Respondent =
  | { kind: "anonymous"; clientKey: string }
  | { kind: "user"; tenantId: string; oid: string; userId?: string };

export interface SurveyGateFacts {
  tenantId: string;
  status: SurveyStatus;
  audience: SurveyAudience;
  opensAt: Date | null;
  closesAt: Date | null;
}

export const UNAVAILABLE_MESSAGES: Readonly<Record<UnavailableReason, string>> = {
  not_found: "This survey does not exist or is no longer available.",
  not_published: "This survey is not open for answers yet.",
  closed: "This survey is closed and no longer takes answers.",
  not_open_yet: "This survey is not open yet; come back when it opens.",
  full: "This survey has received all the responses it takes.",
  sign_in_required: "Sign in with your work account to answer this survey.",
  wrong_organization: "This survey is not open to people of your organization.",
  already_answered: "You have already answered this survey.",
};

/**
 * One response per person, only where people are signed in: "oid.tid". A survey open to anyone
 * with the link records no identity, even of a signed-in respondent.
 */
export function respondentKeyFor(audience: SurveyAudience, respondent: Respondent): string | null {
  if (audience === "ANYONE_WITH_LINK" || respondent.kind !== "user") return null;
  return `${respondent.oid}.${respondent.tenantId}`;
}

/** The reasons that follow from the survey and the respondent alone, in the order people care. */
export function gateReason(survey: SurveyGateFacts, respondent: Respondent, now: Date): UnavailableReason | null {
  if (survey.status === "DRAFT") return "not_published";
  if (survey.status === "CLOSED" || (survey.closesAt !== null && survey.closesAt <= now)) return "closed";
  if (survey.opensAt !== null && survey.opensAt > now) return "not_open_yet";
  if (survey.audience !== "ANYONE_WITH_LINK" && respondent.kind !== "user") return "sign_in_required";
  if (survey.audience === "TENANT_USERS" && respondent.kind === "user" && respondent.tenantId !== survey.tenantId) {
    return "wrong_organization";
  }
  return null;
}

/** The error a submission gets for a reason (the API maps it to its status code). */
export function unavailableError(reason: UnavailableReason): AppError {
  const message = UNAVAILABLE_MESSAGES[reason];
  switch (reason) {
    case "not_found":
      return new NotFoundError("survey");
    case "sign_in_required":
      return new UnauthorizedError(message);
    case "wrong_organization":
      return new ForbiddenError(message);
    default:
      return new ConflictError(message);
  }
}
