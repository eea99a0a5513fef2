// A survey mutation from a server action: the API call (apiAction: sign-in and consent
// redirects, expected errors as form state), then, when it worked, a refresh of the page the
// person is on, so its server components read the new state through lib/surveys.
import "server-only";
import { refresh } from "next/cache";
import type { SurveyApi } from "@/lib/api-client";
import type { AppSession } from "@/lib/auth/session";
import { type ActionState, apiAction } from "@/lib/web/api-action";

export async function mutate<T>(
  work: (api: SurveyApi, session: AppSession) => Promise<T>,
): Promise<ActionState<Awaited<T>>> {
  const state = await apiAction(work);
  if (state.ok) refresh();
  return state;
}

/** A text field of a submitted form ("" when absent), for forms posted as FormData. */
export function textOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
