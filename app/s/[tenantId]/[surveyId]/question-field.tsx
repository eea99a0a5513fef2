"use client";
import type { DraftValue } from "@/app/s/draft";
// One question with the control its type needs. Text questions are a labelled input or textarea;
// every other type is a native radio or checkbox group in a fieldset whose legend is the
// question, so arrow keys, Space and screen readers behave as people expect. Ratings and NPS are
// radio groups with their numbers as visible labels. The error (if any) sits right under the
// question and is tied to its controls with aria-describedby.
import { LIMITS, type PublicQuestionDto } from "@/lib/surveys/schemas";

export interface QuestionFieldProps {
  question: PublicQuestionDto;
  number: number;
  value: DraftValue | undefined;
  error: string | undefined;
  onChange: (value: DraftValue | undefined) => void;
}

const SCALES = {
  RATING: { values: [1, 2, 3, 4, 5], hint: "1 is the lowest, 5 the highest." },
  NPS: {
    values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    hint: "0 means not at all likely, 10 extremely likely.",
  },
} as const;

function QuestionTitle({ question, number }: { question: PublicQuestionDto; number: number }) {
  return (
    <>
      <span className="question-number">{number}.</span> {question.text}{" "}
      <span className={question.required ? "question-required" : "question-optional"}>
        {question.required ? "(required)" : "(optional)"}
      </span>
    </>
  );
}

interface Choice {
  id: string;
  label: string;
  value: string | number | boolean;
}

function choicesOf(question: PublicQuestionDto): Choice[] {
  switch (question.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE":
      return question.options.map((o) => ({ id: o.id, label: o.label, value: o.id }));
    case "YES_NO":
      return [
        { id: "yes", label: "Yes", value: true },
        { id: "no", label: "No", value: false },
      ];
    case "RATING":
    case "NPS":
      return SCALES[question.type].values.map((v) => ({ id: String(v), label: String(v), value: v }));
    default:
      return [];
  }
}

export function QuestionField({ question, number, value, error, onChange }: QuestionFieldProps) {
  const base = `q-${question.id}`;
  const descriptionId = question.description ? `${base}-description` : undefined;
  const hintId = question.type === "RATING" || question.type === "NPS" ? `${base}-hint` : undefined;
  const errorId = error ? `${base}-error` : undefined;
  const describedBy = [descriptionId, hintId, errorId].filter(Boolean).join(" ") || undefined;
  const invalid = error ? true : undefined;

  const description = question.description ? (
    <p className="question-description" id={descriptionId}>
      {question.description}
    </p>
  ) : null;
  const message = error ? (
    <p className="field-error" id={errorId}>
      {error}
    </p>
  ) : null;

  if (question.type === "SHORT_TEXT" || question.type === "LONG_TEXT") {
    const common = {
      id: base,
      value: typeof value === "string" ? value : "",
      onChange: (event: { target: { value: string } }) => onChange(event.target.value),
      "aria-describedby": describedBy,
      "aria-invalid": invalid,
      // Native `required` tells assistive technology; the form is noValidate, so we do the checking.
      required: question.required,
    };
    return (
      <div className="question" data-question={question.id}>
        <label className="question-title" htmlFor={base}>
          <QuestionTitle number={number} question={question} />
        </label>
        {description}
        {question.type === "SHORT_TEXT" ? (
          <input {...common} autoComplete="off" maxLength={LIMITS.shortText} type="text" />
        ) : (
          <textarea {...common} maxLength={LIMITS.longText} rows={5} />
        )}
        {message}
      </div>
    );
  }

  if (question.type === "DATE") {
    return (
      <div className="question" data-question={question.id}>
        <label className="question-title" htmlFor={base}>
          <QuestionTitle number={number} question={question} />
        </label>
        {description}
        <input
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className="date-input"
          id={base}
          onChange={(event) => onChange(event.target.value)}
          required={question.required}
          type="date"
          value={typeof value === "string" ? value : ""}
        />
        {message}
      </div>
    );
  }

  const multiple = question.type === "MULTIPLE_CHOICE";
  const scale = question.type === "RATING" || question.type === "NPS";
  const chosen = (choice: Choice) =>
    multiple ? Array.isArray(value) && value.includes(choice.id) : value === choice.value;
  const toggle = (choice: Choice, on: boolean) => {
    if (!multiple) return onChange(choice.value);
    const ids = Array.isArray(value) ? value : [];
    const next = on ? [...ids, choice.id] : ids.filter((id) => id !== choice.id);
    onChange(next.length > 0 ? next : undefined);
  };
  return (
    // A radio group is a radiogroup, so it may carry aria-invalid itself; checkboxes carry their own.
    <fieldset
      aria-describedby={describedBy}
      aria-invalid={multiple ? undefined : invalid}
      className="question"
      data-question={question.id}
      role={multiple ? undefined : "radiogroup"}
    >
      <legend className="question-title">
        <QuestionTitle number={number} question={question} />
      </legend>
      {description}
      {hintId ? (
        <p className="question-hint" id={hintId}>
          {SCALES[question.type as "RATING" | "NPS"].hint}
        </p>
      ) : null}
      <div className={scale ? "scale" : "choices"}>
        {choicesOf(question).map((choice) => {
          const id = `${base}-${choice.id}`;
          return (
            <label className={scale ? "scale-option" : "choice"} htmlFor={id} key={choice.id}>
              <input
                aria-invalid={multiple ? invalid : undefined}
                checked={chosen(choice)}
                id={id}
                name={base}
                onChange={(event) => toggle(choice, event.target.checked)}
                required={!multiple && question.required}
                type={multiple ? "checkbox" : "radio"}
                value={String(choice.value)}
              />
              <span>{choice.label}</span>
            </label>
          );
        })}
      </div>
      {!multiple && !question.required && value !== undefined ? (
        <button
          aria-label={`Clear answer to question ${number}`}
          className="link-button"
          onClick={() => onChange(undefined)}
          type="button"
        >
          Clear answer
        </button>
      ) : null}
      {message}
    </fieldset>
  );
}
