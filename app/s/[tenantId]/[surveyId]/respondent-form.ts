// The survey as this visitor may answer it, read once per request (the page and its metadata
// both ask). Pages read through the domain directly; only the submission goes through the API.
import "server-only";
import { cache } from "react";
import { getSession } from "@/lib/auth/session";
import { getSurveyForRespondent, type Respondent } from "@/lib/surveys/responses";

export const loadRespondentForm = cache(async (tenantId: string, surveyId: string) => {
  const session = await getSession();
  const respondent: Respondent = session
    ? { kind: "user", tenantId: session.actor.tenantId, oid: session.actor.oid, userId: session.actor.userId }
    : // Reading a form is not rate limited; the browser's own key matters only when submitting.
      { kind: "anonymous", clientKey: "page-view" };
  return { session, form: await getSurveyForRespondent({ tenantId, surveyId }, respondent) };
});
