"use client";

import { useRef } from "react";
import { FieldMessage, fieldError, invalidProps } from "@/app/components/survey-field";
import type { FieldErrors } from "@/lib/errors";
import { LIMITS } from "@/lib/surveys/schemas";
import { newOption, type OptionDraft } from "./question-draft";

/** The options of a choice question: rename in place, add at the end, remove any. */
export function OptionsEditor({
  idPrefix,
  options,
  onChange,
  fields,
}: {
  idPrefix: string;
  options: OptionDraft[];
  onChange: (options: OptionDraft[]) => void;
  fields: FieldErrors | undefined;
}) {
  const list = useRef<HTMLOListElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const listError = fieldError(fields, "options");
  const focusOption = (index: number) =>
    requestAnimationFrame(() => {
      const inputs = list.current?.querySelectorAll<HTMLInputElement>("input");
      const input = inputs?.[Math.min(index, (inputs?.length ?? 1) - 1)];
      (input ?? addButton.current)?.focus();
    });

  const rename = (index: number, label: string) =>
    onChange(options.map((option, i) => (i === index ? { ...option, label } : option)));
  const remove = (index: number) => {
    onChange(options.filter((_, i) => i !== index));
    focusOption(Math.max(0, index - 1));
  };
  const add = () => {
    onChange([...options, newOption()]);
    focusOption(options.length);
  };

  return (
    <fieldset aria-describedby={listError ? `${idPrefix}-options-error` : undefined}>
      <legend>Options</legend>
      <ol className="option-list" ref={list}>
        {options.map((option, index) => {
          const id = `${idPrefix}-option-${index}`;
          const error = fieldError(fields, `options.${index}.label`, `options.${index}.id`);
          return (
            <li key={option.key}>
              <label className="visually-hidden" htmlFor={id}>
                Option {index + 1}
              </label>
              <input
                {...invalidProps(id, error)}
                maxLength={LIMITS.optionLabel}
                onChange={(event) => rename(index, event.target.value)}
                placeholder={`Option ${index + 1}`}
                value={option.label}
              />
              <button
                aria-label={`Remove option ${index + 1}`}
                className="button secondary small"
                onClick={() => remove(index)}
                type="button"
              >
                Remove
              </button>
              <FieldMessage id={id} message={error} />
            </li>
          );
        })}
      </ol>
      <FieldMessage id={`${idPrefix}-options`} message={listError} />
      {options.length < LIMITS.maxOptions ? (
        <button className="button secondary small" onClick={add} ref={addButton} type="button">
          Add option
        </button>
      ) : (
        <p className="muted small">A question has at most {LIMITS.maxOptions} options.</p>
      )}
    </fieldset>
  );
}
