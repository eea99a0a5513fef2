"use client";

import { useState } from "react";
import { deleteQuestionAction, duplicateQuestionAction, updateQuestionAction } from "@/app/actions/questions";
import { FormError, formErrorOf } from "@/app/components/survey-field";
import { QUESTION_TYPE_LABELS } from "@/app/components/survey-labels";
import type { QuestionDto } from "@/lib/surveys/schemas";
import type { ActionState } from "@/lib/web/api-action";
import { ConfirmButton } from "./confirm-button";
import { draftOf, inputOf, type QuestionDraft } from "./question-draft";
import { isQuestionField, QuestionFields } from "./question-fields";
import { SubmitRow } from "./submit-row";
import { useServerAction } from "./use-server-action";

export const questionElementId = (questionId: string, part: "heading" | "text" | "up" | "down") =>
  `q-${questionId}-${part}`;

/** One question of a draft: its fields, Save, and the toolbar (move, duplicate, delete). */
export function QuestionCard({
  surveyId,
  question,
  index,
  count,
  onMove,
  onDuplicated,
  onDeleted,
}: {
  surveyId: string;
  question: QuestionDto;
  index: number;
  count: number;
  onMove: (delta: -1 | 1) => Promise<ActionState<unknown>>;
  onDuplicated: (copy: QuestionDto) => void;
  onDeleted: () => void;
}) {
  const [draft, setDraft] = useState<QuestionDraft>(() => draftOf(question));
  const [saved, setSaved] = useState(false);
  const save = useServerAction(updateQuestionAction);
  // Move, duplicate and delete share one status line: one of them runs at a time.
  const toolbar = useServerAction(async (operation: () => Promise<ActionState<unknown>>) => operation());
  const pending = save.pending || toolbar.pending;
  const headingId = questionElementId(question.id, "heading");

  const onSave = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(false);
    toolbar.reset();
    const result = await save.run(surveyId, question.id, inputOf(draft));
    if (result.ok && result.data) {
      // The stored question (trimmed, new options with their ids) becomes what is edited next.
      setDraft(draftOf(result.data));
      setSaved(true);
    }
  };
  const runToolbar = (operation: () => Promise<ActionState<unknown>>) => {
    setSaved(false);
    save.reset();
    return toolbar.run(operation);
  };

  return (
    <section aria-labelledby={headingId} className="question-card panel">
      <h3 id={headingId} tabIndex={-1}>
        Question {index + 1} <span className="muted small">· {QUESTION_TYPE_LABELS[question.type]}</span>
      </h3>
      <form className="stack" noValidate onSubmit={onSave}>
        <QuestionFields
          draft={draft}
          fields={save.state.fields}
          idPrefix={`q-${question.id}`}
          onChange={(next) => {
            setDraft(next);
            setSaved(false);
          }}
        />
        <SubmitRow
          busy={save.pending}
          busyLabel="Saving…"
          disabled={toolbar.pending}
          error={formErrorOf(save.state, isQuestionField)}
          label="Save question"
          status={saved ? "Saved." : ""}
        />
      </form>
      <div className="actions question-toolbar">
        <button
          className="button secondary"
          disabled={pending || index === 0}
          id={questionElementId(question.id, "up")}
          onClick={() => runToolbar(() => onMove(-1))}
          type="button"
        >
          Move up
        </button>
        <button
          className="button secondary"
          disabled={pending || index === count - 1}
          id={questionElementId(question.id, "down")}
          onClick={() => runToolbar(() => onMove(1))}
          type="button"
        >
          Move down
        </button>
        <button
          className="button secondary"
          disabled={pending}
          onClick={() =>
            runToolbar(async () => {
              const result = await duplicateQuestionAction(surveyId, question.id);
              if (result.ok && result.data) onDuplicated(result.data);
              return result;
            })
          }
          type="button"
        >
          Duplicate
        </button>
        <ConfirmButton
          accessibleLabel={`Delete question ${index + 1}`}
          confirmLabel="Delete question"
          detail={question.text ? `“${question.text}” will be removed from the survey.` : undefined}
          disabled={pending}
          label="Delete"
          onConfirm={() =>
            runToolbar(async () => {
              const result = await deleteQuestionAction(surveyId, question.id);
              if (result.ok) onDeleted();
              return result;
            })
          }
          question={`Delete question ${index + 1}?`}
        />
      </div>
      <FormError message={toolbar.state.error} />
    </section>
  );
}
