// All answers to one text question, newest first, with a search (case-insensitive, in SQL via
// the domain) and keyset paging that keeps the search.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { ValidationError } from "@/lib/errors";
import { listTextAnswers } from "@/lib/surveys/answer-lists";
import { getSurvey } from "@/lib/surveys/queries";
import type { TextAnswersPageDto } from "@/lib/surveys/schemas";
import { firstOf, Pager, withQuery } from "../../pager";
import { orNotFound } from "../../results-access";
import { ResultsHeader } from "../../results-header";
import { answersPath, TextAnswerList, TextAnswerSearch } from "../../text-answers";

export const metadata: Metadata = { title: "Text answers" };

const PAGE_SIZE = 25;

export default async function TextAnswersPage({
  params,
  searchParams,
}: {
  params: Promise<{ surveyId: string; questionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ surveyId, questionId }, query] = await Promise.all([params, searchParams]);
  const search = firstOf(query.search)?.trim() || undefined;
  const cursor = firstOf(query.cursor);
  const { actor } = await requireSession();
  const survey = await orNotFound(getSurvey(actor, surveyId));
  const question = survey.questions.find((q) => q.id === questionId);
  if (!question || (question.type !== "SHORT_TEXT" && question.type !== "LONG_TEXT")) notFound();
  const base = answersPath(survey.id, question.id);

  let page: TextAnswersPageDto | null = null;
  let problem: string | null = null;
  try {
    page = await orNotFound(listTextAnswers(actor, survey.id, question.id, { search, cursor, limit: PAGE_SIZE }));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problem = error.fields.search?.[0] ?? error.message;
  }
  return (
    <div className="results">
      <ResultsHeader heading={question.text} survey={survey} view="answers" />
      <TextAnswerSearch questionId={question.id} questionText={question.text} search={search} surveyId={survey.id} />
      {problem ? (
        <p className="notice-inline" role="alert">
          {problem} <a href={base}>Show the newest answers</a>.
        </p>
      ) : null}
      {page ? (
        <>
          <p aria-live="polite" className="muted small">
            {page.items.length === 0
              ? search
                ? `No answers contain “${search}”.`
                : "Nobody has answered this question yet."
              : search
                ? `Answers containing “${search}”, newest first.`
                : "Newest first."}
          </p>
          <TextAnswerList items={page.items} />
          <Pager
            firstHref={withQuery(base, { search })}
            label="Answer pages"
            nextHref={page.nextCursor ? withQuery(base, { search, cursor: page.nextCursor }) : null}
            onFirstPage={!cursor}
          />
        </>
      ) : null}
    </div>
  );
}
