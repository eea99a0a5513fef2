// A survey's results: how many answered and when, then every question summarized. Everything is
// aggregated by the domain in SQL (getSurveyResults); the page never loads the responses. Text
// questions add their five newest answers (one keyset query each).
import type { Metadata } from "next";
import { formatCount } from "@/app/components/charts/chart-figure";
import { ColumnChart } from "@/app/components/charts/column-chart";
import { requireSession } from "@/lib/auth/session";
import { listTextAnswers } from "@/lib/surveys/answer-lists";
import { getSurvey } from "@/lib/surveys/queries";
import { getSurveyResults } from "@/lib/surveys/results";
import type { SurveyResultsDto } from "@/lib/surveys/schemas";
import { QuestionSummary } from "./question-summary";
import { orNotFound } from "./results-access";
import { ResultsHeader } from "./results-header";

export const metadata: Metadata = { title: "Results" };

const NEWEST_TEXT_ANSWERS = 5;

function ResponsesOverTime({ days }: { days: SurveyResultsDto["responsesPerDay"] }) {
  if (days.length === 0) return null;
  const busiest = days.reduce((best, day) => (day.count > best.count ? day : best));
  const first = days[0]?.date;
  const last = days.at(-1)?.date;
  const range = first === last ? `on ${first}` : `from ${first} to ${last}`;
  return (
    <section aria-labelledby="over-time" className="question-result">
      <h2 id="over-time">Responses over time</h2>
      <ColumnChart
        labelHeader="Day (UTC)"
        rows={days.map((d) => ({ label: d.date, count: d.count }))}
        summary={`Responses per day ${range}, on ${days.length} ${days.length === 1 ? "day" : "days"}; the most, ${formatCount(busiest.count)}, on ${busiest.date}.`}
        title="Responses per day"
      />
    </section>
  );
}

export default async function ResultsPage({ params }: { params: Promise<{ surveyId: string }> }) {
  const { surveyId } = await params;
  const { actor } = await requireSession();
  const [survey, results] = await orNotFound(
    Promise.all([getSurvey(actor, surveyId), getSurveyResults(actor, surveyId)]),
  );
  const textQuestions = results.questions.filter((q) => q.type === "SHORT_TEXT" || q.type === "LONG_TEXT");
  const newest = new Map(
    await Promise.all(
      textQuestions.map(
        async (q) =>
          [
            q.questionId,
            await listTextAnswers(actor, survey.id, q.questionId, { limit: NEWEST_TEXT_ANSWERS }),
          ] as const,
      ),
    ),
  );
  const total = results.totalResponses;
  return (
    <div className="results">
      <ResultsHeader heading={`Results: ${survey.title}`} survey={survey} view="summary" />
      <p className="results-total">
        <strong>{formatCount(total)}</strong> {total === 1 ? "response" : "responses"}
      </p>
      {total === 0 ? (
        <p className="notice-inline">
          Nobody has answered yet. Share the survey's link; answers appear here as they arrive.
        </p>
      ) : null}
      <ResponsesOverTime days={results.responsesPerDay} />
      <h2>Questions</h2>
      {results.questions.length === 0 ? <p className="muted">This survey has no questions.</p> : null}
      {results.questions.map((result, index) => (
        <QuestionSummary
          key={result.questionId}
          newestText={newest.get(result.questionId)}
          number={index + 1}
          result={result}
          surveyId={survey.id}
        />
      ))}
    </div>
  );
}
