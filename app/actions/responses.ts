"use server";
// Submitting a response: through the Survey API like every mutation (ARCHITECTURE 2), with the
// respondent's own token when they are signed in and none when they are not. Anonymous answers
// are rate limited by the API per survey and client address; the API client passes the
// browser's address on (X-Forwarded-For of this request), so the limit counts the respondent,
// not this server.
import { redirect } from "next/navigation";
import { answerPath } from "@/app/s/paths";
import { createApiClient } from "@/lib/api-client";
import { getSession, signInPath } from "@/lib/auth/session";
import { isAppError, UnauthorizedError, ValidationError } from "@/lib/errors";
import type { SubmitResponseInput, SubmittedResponseDto } from "@/lib/surveys/schemas";
import { type ActionState, apiAction } from "@/lib/web/api-action";

export interface SubmitAnswersInput extends SubmitResponseInput {
  tenantId: string;
  surveyId: string;
}

async function submitAnonymously(
  ref: { tenantId: string; surveyId: string },
  body: SubmitResponseInput,
): Promise<ActionState<SubmittedResponseDto>> {
  try {
    return { ok: true, data: await createApiClient(null).submitResponse({ params: ref, body }) };
  } catch (error) {
    // The survey is for signed-in people (its audience changed while this page was open): sign
    // in and come back; the answers wait in the browser.
    if (error instanceof UnauthorizedError) redirect(signInPath(answerPath(ref.tenantId, ref.surveyId)));
    if (error instanceof ValidationError) return { error: error.message, fields: error.fields };
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
}

/**
 * Idempotent per submissionKey: the browser sends the same key for every retry of one filled-in
 * form, so a double click or a retry after a lost answer stores one response. Field errors come
 * back keyed by question id.
 */
export async function submitAnswersAction(input: SubmitAnswersInput): Promise<ActionState<SubmittedResponseDto>> {
  const ref = { tenantId: String(input?.tenantId ?? ""), surveyId: String(input?.surveyId ?? "") };
  const body = { submissionKey: input?.submissionKey, answers: input?.answers };
  if (await getSession()) return apiAction((api) => api.submitResponse({ params: ref, body }));
  return submitAnonymously(ref, body);
}
