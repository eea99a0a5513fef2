// One question's results, in the form that suits its type: bars for choices, the average and the
// spread of a rating, the Net Promoter Score with its three groups, the range of dates, and the
// newest text answers with a search box. All numbers come aggregated from the domain (SQL).
import { BarChart } from "@/app/components/charts/bar-chart";
import { formatCount, formatPercent } from "@/app/components/charts/chart-figure";
import { ColumnChart } from "@/app/components/charts/column-chart";
import { percentOf } from "@/lib/surveys/results-math";
import type { QuestionResultDto, TextAnswersPageDto } from "@/lib/surveys/schemas";
import { answersPath, TextAnswerList, TextAnswerSearch } from "./text-answers";

type Of<T extends QuestionResultDto["type"]> = Extract<QuestionResultDto, { type: T }>;

const TYPE_NAMES: Record<QuestionResultDto["type"], string> = {
  SHORT_TEXT: "Short text",
  LONG_TEXT: "Long text",
  SINGLE_CHOICE: "Single choice",
  MULTIPLE_CHOICE: "Multiple choice",
  RATING: "Rating 1–5",
  NPS: "Net Promoter Score 0–10",
  YES_NO: "Yes / no",
  DATE: "Date",
};

const share = (count: number, total: number) => `${formatCount(count)} (${formatPercent(percentOf(count, total))})`;

function ChoiceSummary({ result }: { result: Of<"SINGLE_CHOICE" | "MULTIPLE_CHOICE" | "YES_NO"> }) {
  return (
    <>
      {result.type === "MULTIPLE_CHOICE" ? (
        <p className="muted small">People could choose several options, so the percentages may add up to more.</p>
      ) : null}
      <BarChart
        rows={result.options.map((o) => ({ label: o.label, count: o.count, percent: o.percent }))}
        title={`Answers to “${result.text}”`}
      />
    </>
  );
}

function RatingSummary({ result }: { result: Of<"RATING"> }) {
  return (
    <>
      <p className="headline-number">
        {result.average === null ? "No ratings yet" : `Average ${result.average.toFixed(2)} out of 5`}
      </p>
      <ColumnChart
        labelHeader="Rating"
        rows={result.distribution.map((d) => ({ label: String(d.value), count: d.count, percent: d.percent }))}
        title={`Ratings of “${result.text}”`}
      />
    </>
  );
}

function NpsSummary({ result }: { result: Of<"NPS"> }) {
  const groups = [
    { name: "Promoters (9–10)", count: result.promoters },
    { name: "Passives (7–8)", count: result.passives },
    { name: "Detractors (0–6)", count: result.detractors },
  ];
  return (
    <>
      <p className="headline-number">
        {result.score === null ? "No scores yet" : `NPS ${result.score > 0 ? "+" : ""}${result.score}`}
      </p>
      <dl className="nps-groups">
        {groups.map((group) => (
          <div key={group.name}>
            <dt>{group.name}</dt>
            <dd>{share(group.count, result.answered)}</dd>
          </div>
        ))}
      </dl>
      <ColumnChart
        labelHeader="Score"
        rows={result.distribution.map((d) => ({ label: String(d.value), count: d.count, percent: d.percent }))}
        title={`Scores for “${result.text}”`}
      />
    </>
  );
}

function DateSummary({ result }: { result: Of<"DATE"> }) {
  return (
    <>
      <p>
        {result.earliest && result.latest ? (
          <>
            From <time dateTime={result.earliest}>{result.earliest}</time> to{" "}
            <time dateTime={result.latest}>{result.latest}</time>
          </>
        ) : (
          "No dates yet"
        )}
      </p>
      {result.perMonth.length > 0 ? (
        <ColumnChart
          labelHeader="Month"
          rows={result.perMonth.map((m) => ({ label: m.month, count: m.count }))}
          title={`Dates given for “${result.text}”, per month`}
        />
      ) : null}
    </>
  );
}

function TextSummary({
  surveyId,
  result,
  newest,
}: {
  surveyId: string;
  result: Of<"SHORT_TEXT" | "LONG_TEXT">;
  newest: TextAnswersPageDto;
}) {
  return (
    <>
      <TextAnswerSearch questionId={result.questionId} questionText={result.text} surveyId={surveyId} />
      {newest.items.length > 0 ? (
        <>
          <h4 className="small muted">Newest answers</h4>
          <TextAnswerList items={newest.items} />
        </>
      ) : null}
      {result.answered > newest.items.length ? (
        <p>
          <a href={answersPath(surveyId, result.questionId)}>
            All {formatCount(result.answered)} answers <span className="visually-hidden">to “{result.text}”</span>
          </a>
        </p>
      ) : null}
    </>
  );
}

export function QuestionSummary({
  surveyId,
  number,
  result,
  newestText,
}: {
  surveyId: string;
  number: number;
  result: QuestionResultDto;
  /** The newest answers of a text question (the results hold only their count). */
  newestText?: TextAnswersPageDto;
}) {
  const headingId = `question-${result.questionId}`;
  return (
    <section aria-labelledby={headingId} className="question-result">
      <h3 id={headingId}>
        <span className="muted">{number}.</span> {result.text}
      </h3>
      <p className="muted small">
        {TYPE_NAMES[result.type]} · {formatCount(result.answered)} answered
      </p>
      {(() => {
        switch (result.type) {
          case "SINGLE_CHOICE":
          case "MULTIPLE_CHOICE":
          case "YES_NO":
            return <ChoiceSummary result={result} />;
          case "RATING":
            return <RatingSummary result={result} />;
          case "NPS":
            return <NpsSummary result={result} />;
          case "DATE":
            return <DateSummary result={result} />;
          case "SHORT_TEXT":
          case "LONG_TEXT":
            return (
              <TextSummary newest={newestText ?? { items: [], nextCursor: null }} result={result} surveyId={surveyId} />
            );
        }
      })()}
    </section>
  );
}
