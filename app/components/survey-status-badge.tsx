import "./survey-list.css";
import type { SurveyDto } from "@/lib/surveys/schemas";
import { STATUS_LABELS } from "./survey-labels";

/** The survey's status as a badge; the word itself carries the meaning, the colour only repeats it. */
export function SurveyStatusBadge({ status }: { status: SurveyDto["status"] }) {
  return <span className={`survey-badge survey-badge-${status.toLowerCase()}`}>{STATUS_LABELS[status]}</span>;
}
