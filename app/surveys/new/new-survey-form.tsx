"use client";

import { useActionState } from "react";
import { type CreateSurveyState, createSurveyAction } from "@/app/actions/surveys";
import { FieldMessage, FormError, fieldError, formErrorOf, invalidProps } from "@/app/components/survey-field";
import { LIMITS } from "@/lib/surveys/schemas";

export function NewSurveyForm() {
  const [state, action, pending] = useActionState<CreateSurveyState, FormData>(createSurveyAction, {});
  const titleError = fieldError(state.fields, "title");
  const descriptionError = fieldError(state.fields, "description");
  // The form resets after each submission; defaultValue is what was typed, so nothing is lost.
  return (
    <form action={action} className="stack" noValidate>
      <div>
        <label htmlFor="title">Title</label>
        <input
          {...invalidProps("title", titleError)}
          aria-required="true"
          className="wide"
          defaultValue={state.values?.title}
          maxLength={LIMITS.title}
          name="title"
        />
        <FieldMessage id="title" message={titleError} />
      </div>
      <div>
        <label htmlFor="description">
          Description <span className="muted">(optional)</span>
        </label>
        <textarea
          {...invalidProps("description", descriptionError)}
          className="wide"
          defaultValue={state.values?.description}
          maxLength={LIMITS.surveyDescription}
          name="description"
          rows={3}
        />
        <FieldMessage id="description" message={descriptionError} />
      </div>
      <FormError message={formErrorOf(state, (key) => key === "title" || key === "description")} />
      <p>
        <button className="button" disabled={pending} type="submit">
          {pending ? "Creating…" : "Create survey"}
        </button>
      </p>
    </form>
  );
}
