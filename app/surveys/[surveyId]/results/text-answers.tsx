// A text question's answers as a list, and the search box that finds more of them. The search is
// a plain GET form: the server searches (in SQL, via the domain), the URL can be shared, and it
// works without JavaScript.
import type { TextAnswersPageDto } from "@/lib/surveys/schemas";
import { DateTime, resultsPath } from "./results-header";

export const answersPath = (surveyId: string, questionId: string) => `${resultsPath(surveyId)}/questions/${questionId}`;

export function TextAnswerList({ items }: { items: TextAnswersPageDto["items"] }) {
  return (
    <ul className="text-answers">
      {items.map((item) => (
        <li key={item.responseId}>
          <p>{item.text}</p>
          <p className="muted small">
            <DateTime iso={item.submittedAt} />
          </p>
        </li>
      ))}
    </ul>
  );
}

export function TextAnswerSearch({
  surveyId,
  questionId,
  questionText,
  search = "",
}: {
  surveyId: string;
  questionId: string;
  questionText: string;
  search?: string;
}) {
  const inputId = `search-${questionId}`;
  return (
    <search className="answer-search">
      <form action={answersPath(surveyId, questionId)} method="get">
        <label htmlFor={inputId}>
          Search answers <span className="visually-hidden">to “{questionText}”</span>
        </label>
        <div className="answer-search-row">
          <input defaultValue={search} id={inputId} maxLength={200} name="search" type="search" />
          <button className="button secondary" type="submit">
            Search
          </button>
        </div>
      </form>
    </search>
  );
}
