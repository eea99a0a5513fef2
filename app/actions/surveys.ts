"use server";
// Surveys: create, edit title/description/settings, lifecycle steps, delete. Every one calls the
// Survey API with the signed-in person's token; the API and lib/surveys decide who may do what.
import { redirect } from "next/navigation";
import { editorPath } from "@/app/components/survey-labels";
import type { SurveyDto, SurveySettingsInput } from "@/lib/surveys/schemas";
import { type ActionState, apiAction } from "@/lib/web/api-action";
import { mutate, textOf } from "./api-mutation";

export interface CreateSurveyState extends ActionState<SurveyDto> {
  /** What was typed, so a refused form shows it again. */
  values?: { title: string; description: string };
}

export async function createSurveyAction(_previous: CreateSurveyState, form: FormData): Promise<CreateSurveyState> {
  const values = { title: textOf(form, "title"), description: textOf(form, "description") };
  const state = await apiAction((api) => api.createSurvey({ body: values }));
  if (state.ok && state.data) redirect(editorPath(state.data.id));
  return { ...state, values };
}

export async function updateSurveyDetailsAction(
  surveyId: string,
  details: { title: string; description: string },
): Promise<ActionState<SurveyDto>> {
  return mutate((api) => api.updateSurvey({ params: { surveyId }, body: details }));
}

export async function updateSurveySettingsAction(
  surveyId: string,
  settings: SurveySettingsInput,
): Promise<ActionState<SurveyDto>> {
  return mutate((api) => api.updateSurvey({ params: { surveyId }, body: { settings } }));
}

const STEPS = {
  publish: "publishSurvey",
  unpublish: "unpublishSurvey",
  close: "closeSurvey",
  reopen: "reopenSurvey",
} as const;
export type LifecycleStep = keyof typeof STEPS;

export async function changeSurveyStatusAction(surveyId: string, step: LifecycleStep): Promise<ActionState<SurveyDto>> {
  // The step comes from the browser: only the four names, never an inherited property.
  if (!Object.hasOwn(STEPS, step)) return { error: "That is not something a survey can do." };
  return mutate((api) => api[STEPS[step]]({ params: { surveyId } }));
}

const AFTER_DELETE = { mine: "/surveys", tenant: "/surveys/tenant" } as const;

export async function deleteSurveyAction(
  surveyId: string,
  after: keyof typeof AFTER_DELETE,
): Promise<ActionState<undefined>> {
  const state = await apiAction((api) => api.deleteSurvey({ params: { surveyId } }));
  if (state.ok) redirect(Object.hasOwn(AFTER_DELETE, after) ? AFTER_DELETE[after] : "/surveys");
  return state;
}
