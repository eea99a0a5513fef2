// Individual responses, newest first, twenty a page (keyset paging by the domain): who answered
// (or "Anonymous"), when, and every answer with option labels rather than ids.
import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";
import { ValidationError } from "@/lib/errors";
import { listResponses } from "@/lib/surveys/answer-lists";
import { answerCell } from "@/lib/surveys/csv";
import { getSurvey } from "@/lib/surveys/queries";
import type { ResponseDto, SurveyDto } from "@/lib/surveys/schemas";
import { firstOf, Pager, withQuery } from "../pager";
import { orNotFound } from "../results-access";
import { DateTime, ResultsHeader, resultsPath } from "../results-header";

export const metadata: Metadata = { title: "Individual responses" };

const PAGE_SIZE = 20;

function respondentName(respondent: ResponseDto["respondent"]): string {
  if (respondent.kind === "anonymous") return "Anonymous";
  return respondent.name ?? respondent.email ?? "A signed-in person";
}

function ResponseCard({ response, survey, number }: { response: ResponseDto; survey: SurveyDto; number: number }) {
  const answers = new Map(response.answers.map((a) => [a.questionId, a.value]));
  const headingId = `response-${response.id}`;
  return (
    <article aria-labelledby={headingId} className="response-card">
      <h2 id={headingId}>
        <span className="visually-hidden">Response {number}: </span>
        {respondentName(response.respondent)}
      </h2>
      <p className="muted small">
        {response.respondent.kind === "user" && response.respondent.email ? `${response.respondent.email} · ` : null}
        <DateTime iso={response.submittedAt} />
      </p>
      <dl className="response-answers">
        {survey.questions.map((question) => {
          const value = answers.get(question.id);
          const text = answerCell(
            { type: question.type, options: "options" in question ? question.options : [] },
            value,
          );
          return (
            <div key={question.id}>
              <dt>{question.text}</dt>
              <dd>{text === "" ? <span className="muted">No answer</span> : text}</dd>
            </div>
          );
        })}
      </dl>
    </article>
  );
}

export default async function ResponsesPage({
  params,
  searchParams,
}: {
  params: Promise<{ surveyId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ surveyId }, query] = await Promise.all([params, searchParams]);
  const cursor = firstOf(query.cursor);
  const { actor } = await requireSession();
  const survey = await orNotFound(getSurvey(actor, surveyId));
  const base = `${resultsPath(survey.id)}/responses`;
  let page: Awaited<ReturnType<typeof listResponses>> | null = null;
  try {
    page = await orNotFound(listResponses(actor, survey.id, { cursor, limit: PAGE_SIZE }));
  } catch (error) {
    // A cursor someone edited or that outlived a change: say so and offer the first page.
    if (!(error instanceof ValidationError)) throw error;
  }
  return (
    <div className="results">
      <ResultsHeader heading="Individual responses" survey={survey} view="responses" />
      {page === null ? (
        <p className="notice-inline" role="alert">
          This page link is not valid any more. <a href={base}>Start from the newest responses</a>.
        </p>
      ) : page.items.length === 0 ? (
        <p className="muted">{cursor ? "There are no more responses." : "Nobody has answered yet."}</p>
      ) : (
        <>
          <p className="muted small">Newest first.</p>
          {page.items.map((response, index) => (
            <ResponseCard key={response.id} number={index + 1} response={response} survey={survey} />
          ))}
          <Pager
            firstHref={base}
            label="Responses pages"
            nextHref={page.nextCursor ? withQuery(base, { cursor: page.nextCursor }) : null}
            onFirstPage={!cursor}
          />
        </>
      )}
    </div>
  );
}
