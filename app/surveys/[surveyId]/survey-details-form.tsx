"use client";

import { useState } from "react";
import { updateSurveyDetailsAction } from "@/app/actions/surveys";
import { FieldMessage, fieldError, formErrorOf, invalidProps } from "@/app/components/survey-field";
import { LIMITS } from "@/lib/surveys/schemas";
import { SubmitRow } from "./submit-row";
import { useServerAction } from "./use-server-action";

export function SurveyDetailsForm({
  surveyId,
  title: savedTitle,
  description: savedDescription,
}: {
  surveyId: string;
  title: string;
  description: string;
}) {
  const [title, setTitle] = useState(savedTitle);
  const [description, setDescription] = useState(savedDescription);
  const [saved, setSaved] = useState(false);
  const save = useServerAction(updateSurveyDetailsAction);
  const titleError = fieldError(save.state.fields, "title");
  const descriptionError = fieldError(save.state.fields, "description");

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = await save.run(surveyId, { title, description });
    if (result.ok && result.data) {
      setTitle(result.data.title);
      setDescription(result.data.description);
      setSaved(true);
    }
  };

  return (
    <form aria-labelledby="details-heading" className="stack panel" noValidate onSubmit={onSubmit}>
      <h2 id="details-heading">Title and description</h2>
      <div>
        <label htmlFor="survey-title">Title</label>
        <input
          {...invalidProps("survey-title", titleError)}
          aria-required="true"
          className="wide"
          maxLength={LIMITS.title}
          onChange={(event) => {
            setTitle(event.target.value);
            setSaved(false);
          }}
          value={title}
        />
        <FieldMessage id="survey-title" message={titleError} />
      </div>
      <div>
        <label htmlFor="survey-description">
          Description <span className="muted">(optional)</span>
        </label>
        <textarea
          {...invalidProps("survey-description", descriptionError)}
          className="wide"
          maxLength={LIMITS.surveyDescription}
          onChange={(event) => {
            setDescription(event.target.value);
            setSaved(false);
          }}
          rows={3}
          value={description}
        />
        <FieldMessage id="survey-description" message={descriptionError} />
      </div>
      <SubmitRow
        busy={save.pending}
        busyLabel="Saving…"
        error={formErrorOf(save.state, (key) => key === "title" || key === "description")}
        label="Save title and description"
        status={saved ? "Saved." : ""}
      />
    </form>
  );
}
