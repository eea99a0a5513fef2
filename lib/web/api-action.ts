// Server actions call the Survey API through here (ARCHITECTURE 2): the signed-in person's API
// client, and the answers to the two failures that are not errors of the action itself. No
// usable token → sign in again and come back to this page; a Graph consent or claims challenge
// from the API → the consent (or step-up) sign-in, then back here to try again.
import "server-only";
import { redirect } from "next/navigation";
import { createApiClient, type SurveyApi } from "@/lib/api-client";
import { type AppSession, currentPath, requireSession } from "@/lib/auth/session";
import { type FieldErrors, isAppError, ValidationError } from "@/lib/errors";
import { ConsentRequiredError } from "@/lib/graph";
import { ReauthenticationRequiredError } from "@/lib/tokens";
import { reauthenticationPath } from "./reauthentication";

/** What a form's server action hands back to useActionState: nothing lost, every reason said. */
export interface ActionState<T = undefined> {
  ok?: boolean;
  /** A sentence for the whole form (role="alert"). */
  error?: string;
  /** Field name → what is wrong with it, for aria-invalid and the message under the field. */
  fields?: FieldErrors;
  data?: T;
}

/** Runs API calls for the signed-in person; redirects (never returns) when they must sign in or consent. */
export async function withApi<T>(work: (api: SurveyApi, session: AppSession) => Promise<T>): Promise<T> {
  const session = await requireSession();
  try {
    return await work(createApiClient(session), session);
  } catch (error) {
    if (error instanceof ReauthenticationRequiredError) {
      redirect(reauthenticationPath(await currentPath(), { reason: "expired", claims: error.details.claims }));
    }
    if (error instanceof ConsentRequiredError) {
      redirect(
        reauthenticationPath(await currentPath(), {
          reason: error.reason === "claims_challenge" ? "step_up" : "consent",
          claims: error.details.claims,
        }),
      );
    }
    throw error;
  }
}

/**
 * withApi for a form: expected failures (validation, not found, conflict, unavailable…) become
 * the form's state with the API's own message; anything unexpected still reaches the error page.
 */
export async function apiAction<T>(
  work: (api: SurveyApi, session: AppSession) => Promise<T>,
): Promise<ActionState<Awaited<T>>> {
  try {
    return { ok: true, data: await withApi(work) };
  } catch (error) {
    if (error instanceof ValidationError) return { error: error.message, fields: error.fields };
    if (isAppError(error)) return { error: error.message };
    throw error;
  }
}
