// /s/{tenantId}/{surveyId}: a survey as its respondents answer it. No role needed; who may answer
// is the survey's audience, decided by the domain. People who must sign in are sent through
// sign-in and back here; every other "not now" is a page that says why.
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { answerPath, thanksPath } from "@/app/s/paths";
import { signInPath } from "@/lib/auth/session";
import { AnswerForm } from "./answer-form";
import { loadRespondentForm } from "./respondent-form";
import { Unavailable } from "./unavailable";
import "../../answer.css";

type Params = Promise<{ tenantId: string; surveyId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { tenantId, surveyId } = await params;
  const { form } = await loadRespondentForm(tenantId, surveyId);
  return { title: form.available ? form.survey.title : "Survey" };
}

export default async function AnswerPage({ params }: { params: Params }) {
  const { tenantId, surveyId } = await params;
  const { form, session } = await loadRespondentForm(tenantId, surveyId);
  if (!form.available) {
    if (form.reason === "not_found") notFound();
    if (form.reason === "sign_in_required") redirect(signInPath(answerPath(tenantId, surveyId)));
    return <Unavailable message={form.message} reason={form.reason} session={session} />;
  }
  const { survey } = form;
  return (
    <article aria-labelledby="survey-title" className="answer-page">
      <header className="answer-header">
        <h1 id="survey-title">{survey.title}</h1>
        {survey.description ? <p className="answer-description">{survey.description}</p> : null}
      </header>
      {survey.questions.length === 0 ? (
        <p className="muted">This survey has no questions yet.</p>
      ) : (
        <AnswerForm survey={survey} thanksHref={thanksPath(survey.tenantId, survey.id)} />
      )}
    </article>
  );
}
