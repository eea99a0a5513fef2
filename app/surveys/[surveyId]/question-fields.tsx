"use client";

import { FieldMessage, fieldError, invalidProps } from "@/app/components/survey-field";
import { QUESTION_TYPE_LABELS } from "@/app/components/survey-labels";
import type { FieldErrors } from "@/lib/errors";
import { isChoiceType, LIMITS, QUESTION_TYPES, type QuestionType } from "@/lib/surveys/schemas";
import { OptionsEditor } from "./options-editor";
import { type QuestionDraft, withType } from "./question-draft";

/** Field keys these fields display (the rest goes to the form's sentence). */
export const isQuestionField = (key: string) => /^(text|type|description|options)(\.|$)/.test(key);

/** The fields of one question, controlled: the add form and every question card share them. */
export function QuestionFields({
  idPrefix,
  draft,
  onChange,
  fields,
}: {
  idPrefix: string;
  draft: QuestionDraft;
  onChange: (draft: QuestionDraft) => void;
  fields: FieldErrors | undefined;
}) {
  const textError = fieldError(fields, "text");
  const typeError = fieldError(fields, "type");
  const descriptionError = fieldError(fields, "description");
  const set = (patch: Partial<QuestionDraft>) => onChange({ ...draft, ...patch });
  return (
    <div className="question-fields">
      <div className="question-text">
        <label htmlFor={`${idPrefix}-text`}>Question</label>
        <input
          {...invalidProps(`${idPrefix}-text`, textError)}
          className="wide"
          maxLength={LIMITS.questionText}
          onChange={(event) => set({ text: event.target.value })}
          value={draft.text}
        />
        <FieldMessage id={`${idPrefix}-text`} message={textError} />
      </div>
      <div>
        <label htmlFor={`${idPrefix}-type`}>Type</label>
        <select
          {...invalidProps(`${idPrefix}-type`, typeError)}
          className="wide"
          onChange={(event) => onChange(withType(draft, event.target.value as QuestionType))}
          value={draft.type}
        >
          {QUESTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {QUESTION_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
        <FieldMessage id={`${idPrefix}-type`} message={typeError} />
      </div>
      <div className="question-description">
        <label htmlFor={`${idPrefix}-description`}>
          Help text <span className="muted">(optional)</span>
        </label>
        <input
          {...invalidProps(`${idPrefix}-description`, descriptionError)}
          className="wide"
          maxLength={LIMITS.questionDescription}
          onChange={(event) => set({ description: event.target.value })}
          value={draft.description}
        />
        <FieldMessage id={`${idPrefix}-description`} message={descriptionError} />
      </div>
      <label className="checkbox">
        <input checked={draft.required} onChange={(event) => set({ required: event.target.checked })} type="checkbox" />
        Required
      </label>
      {isChoiceType(draft.type) ? (
        <div className="question-options">
          <OptionsEditor
            fields={fields}
            idPrefix={idPrefix}
            onChange={(options) => set({ options })}
            options={draft.options}
          />
        </div>
      ) : null}
    </div>
  );
}
