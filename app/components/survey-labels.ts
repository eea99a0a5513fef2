// The words people read for the survey domain's codes, one home for every page that shows them.
import type { QuestionType, SurveyDto } from "@/lib/surveys/schemas";

export const STATUS_LABELS: Record<SurveyDto["status"], string> = {
  DRAFT: "Draft",
  PUBLISHED: "Published",
  CLOSED: "Closed",
};

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  SHORT_TEXT: "Short text",
  LONG_TEXT: "Long text",
  SINGLE_CHOICE: "Single choice",
  MULTIPLE_CHOICE: "Multiple choice",
  RATING: "Rating 1–5",
  NPS: "NPS 0–10",
  YES_NO: "Yes / no",
  DATE: "Date",
};

export const AUDIENCE_LABELS: Record<SurveyDto["settings"]["audience"], string> = {
  ANYONE_WITH_LINK: "Anyone with the link",
  TENANT_USERS: "Signed-in people of this organization",
  REGISTERED_TENANT_USERS: "Signed-in people of any registered organization",
};

/** Editor and respondent addresses; the respondent one names the tenant so its lookup stays tenant-keyed. */
export const editorPath = (surveyId: string) => `/surveys/${surveyId}`;
export const respondentPath = (tenantId: string, surveyId: string) => `/s/${tenantId}/${surveyId}`;
