// The heading and the navigation shared by a survey's summary, its individual responses and a
// text question's answers.
import type { SurveyDto } from "@/lib/surveys/schemas";
// charts.css carries .visually-hidden, which every results view uses.
import "@/app/components/charts/charts.css";
import "./results.css";

export type ResultsView = "summary" | "responses" | "answers";

const STATUS: Record<SurveyDto["status"], string> = { DRAFT: "Draft", PUBLISHED: "Published", CLOSED: "Closed" };

export const resultsPath = (surveyId: string) => `/surveys/${surveyId}/results`;

export function ResultsHeader({
  survey,
  view,
  heading,
}: {
  survey: Pick<SurveyDto, "id" | "title" | "status">;
  view: ResultsView;
  heading: string;
}) {
  const base = resultsPath(survey.id);
  const current = (mine: ResultsView) => (mine === view ? ("page" as const) : undefined);
  return (
    <header className="results-header">
      <p className="muted small">
        <a href={`/surveys/${survey.id}`}>{survey.title}</a> · {STATUS[survey.status]}
      </p>
      <h1>{heading}</h1>
      <nav aria-label="Results" className="results-nav">
        <a aria-current={current("summary")} href={base}>
          Summary
        </a>
        <a aria-current={current("responses")} href={`${base}/responses`}>
          Individual responses
        </a>
        <a className="button secondary" download href={`${base}/export.csv`}>
          Download CSV
        </a>
      </nav>
    </header>
  );
}

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Server-rendered, so in UTC and saying so (the viewer's zone is not known here). */
export function DateTime({ iso }: { iso: string }) {
  return <time dateTime={iso}>{dateTime.format(new Date(iso))} UTC</time>;
}
