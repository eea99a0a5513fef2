"use client";

import { useState } from "react";
import { updateSurveySettingsAction } from "@/app/actions/surveys";
import { FieldMessage, fieldError, formErrorOf, invalidProps } from "@/app/components/survey-field";
import { AUDIENCE_LABELS } from "@/app/components/survey-labels";
import { AUDIENCES, LIMITS, type SurveyDto } from "@/lib/surveys/schemas";
import { fromLocalInput, toLocalInput, useInBrowser } from "./local-date-time";
import { SubmitRow } from "./submit-row";
import { useServerAction } from "./use-server-action";

type Settings = SurveyDto["settings"];

const SHOWN = new Set(["settings.audience", "settings.closesAt", "settings.responseLimit"]);

/** Who may answer, until when, and how many times in all. */
export function SurveySettingsForm({ surveyId, settings }: { surveyId: string; settings: Settings }) {
  const [audience, setAudience] = useState(settings.audience);
  const [closesAt, setClosesAt] = useState(() => toLocalInput(settings.closesAt));
  const [responseLimit, setResponseLimit] = useState(settings.responseLimit?.toString() ?? "");
  const [saved, setSaved] = useState(false);
  const save = useServerAction(updateSurveySettingsAction);
  const inBrowser = useInBrowser();
  const fields = save.state.fields;
  const audienceError = fieldError(fields, "settings.audience");
  const closesAtError = fieldError(fields, "settings.closesAt");
  const limitError = fieldError(fields, "settings.responseLimit");
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setSaved(false);
    };

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const limit = responseLimit.trim();
    const result = await save.run(surveyId, {
      audience,
      closesAt: fromLocalInput(closesAt),
      // A value that is not a whole number still goes to the API, which says what is wrong with it.
      responseLimit: limit === "" ? null : Number(limit),
    });
    if (result.ok) setSaved(true);
  };

  return (
    <form aria-labelledby="settings-heading" className="stack panel" noValidate onSubmit={onSubmit}>
      <h2 id="settings-heading">Settings</h2>
      <fieldset aria-describedby={audienceError ? "audience-error" : undefined}>
        <legend>Who can answer</legend>
        {AUDIENCES.map((value) => (
          <label className="radio" key={value}>
            <input
              checked={audience === value}
              name="audience"
              onChange={() => edited(setAudience)(value)}
              type="radio"
              value={value}
            />
            {AUDIENCE_LABELS[value]}
          </label>
        ))}
        <FieldMessage id="audience" message={audienceError} />
      </fieldset>
      <div>
        <label htmlFor="closes-at">
          Closing date <span className="muted">(optional)</span>
        </label>
        <p className="hint muted small" id="closes-at-hint">
          In your time zone. After it, the survey takes no more responses. Leave empty to close it by hand.
        </p>
        <input
          {...invalidProps("closes-at", closesAtError, "closes-at-hint")}
          onChange={(event) => edited(setClosesAt)(event.target.value)}
          type="datetime-local"
          value={inBrowser ? closesAt : ""}
        />
        <FieldMessage id="closes-at" message={closesAtError} />
      </div>
      <div>
        <label htmlFor="response-limit">
          Response limit <span className="muted">(optional)</span>
        </label>
        <p className="hint muted small" id="response-limit-hint">
          The survey stops taking responses once it has this many. Leave empty for no limit.
        </p>
        <input
          {...invalidProps("response-limit", limitError, "response-limit-hint")}
          inputMode="numeric"
          max={LIMITS.responseLimit}
          min={1}
          onChange={(event) => edited(setResponseLimit)(event.target.value)}
          type="number"
          value={responseLimit}
        />
        <FieldMessage id="response-limit" message={limitError} />
      </div>
      <SubmitRow
        busy={save.pending}
        busyLabel="Saving…"
        error={formErrorOf(save.state, (key) => SHOWN.has(key))}
        label="Save settings"
        status={saved ? "Saved." : ""}
      />
    </form>
  );
}
