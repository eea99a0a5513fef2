import "./survey-list.css";
import type { SurveySummaryDto } from "@/lib/surveys/schemas";
import { editorPath } from "./survey-labels";
import { SurveyStatusBadge } from "./survey-status-badge";

const updated = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** A list of surveys linking to their editors; `note` adds a word per survey (e.g. "yours"). */
export function SurveyList({
  surveys,
  empty,
  label,
  note,
}: {
  surveys: readonly SurveySummaryDto[];
  empty: string;
  label: string;
  note?: (survey: SurveySummaryDto) => string | null;
}) {
  if (surveys.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul aria-label={label} className="survey-list">
      {surveys.map((survey) => {
        const extra = note?.(survey);
        return (
          <li key={`${survey.tenantId}/${survey.id}`}>
            <a className="survey-list-title" href={editorPath(survey.id)}>
              {survey.title}
            </a>
            <SurveyStatusBadge status={survey.status} />
            <span className="muted small">
              Updated <time dateTime={survey.updatedAt}>{updated.format(new Date(survey.updatedAt))}</time>
              {extra ? ` · ${extra}` : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
