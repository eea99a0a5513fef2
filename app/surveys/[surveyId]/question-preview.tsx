import { QUESTION_TYPE_LABELS } from "@/app/components/survey-labels";
import type { QuestionDto } from "@/lib/surveys/schemas";

/** The questions as they stand, for a survey this person cannot (or cannot now) edit. */
export function QuestionPreview({ questions }: { questions: QuestionDto[] }) {
  if (questions.length === 0) return <p className="muted">This survey has no questions.</p>;
  return (
    <ol aria-label="Questions" className="question-list">
      {questions.map((question, index) => (
        <li key={question.id}>
          <section aria-labelledby={`preview-${question.id}`} className="question-card panel">
            <h3 id={`preview-${question.id}`}>
              Question {index + 1} <span className="muted small">· {QUESTION_TYPE_LABELS[question.type]}</span>
            </h3>
            <p className="question-preview-text">
              {question.text}
              {question.required ? <span className="muted small"> (required)</span> : null}
            </p>
            {question.description ? <p className="muted small">{question.description}</p> : null}
            {"options" in question ? (
              <ul className="small">
                {question.options.map((option) => (
                  <li key={option.id}>{option.label}</li>
                ))}
              </ul>
            ) : null}
          </section>
        </li>
      ))}
    </ol>
  );
}
