"use client";

import { useRef, useState } from "react";
import { addQuestionAction } from "@/app/actions/questions";
import { formErrorOf } from "@/app/components/survey-field";
import { emptyDraft, inputOf, type QuestionDraft } from "./question-draft";
import { isQuestionField, QuestionFields } from "./question-fields";
import { SubmitRow } from "./submit-row";
import { useServerAction } from "./use-server-action";

/** Appends a question; after it was added the form is empty again (same type), ready for the next. */
export function AddQuestionForm({ surveyId }: { surveyId: string }) {
  const [draft, setDraft] = useState<QuestionDraft>(() => emptyDraft());
  const [added, setAdded] = useState("");
  const add = useServerAction(addQuestionAction);
  const form = useRef<HTMLFormElement>(null);

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    setAdded("");
    const result = await add.run(surveyId, inputOf(draft));
    if (result.ok) {
      setAdded(`Added question “${result.data?.text ?? ""}”.`);
      setDraft(emptyDraft(draft.type));
      form.current?.querySelector<HTMLInputElement>("input")?.focus();
    }
  };

  return (
    <section aria-labelledby="add-question-heading" className="panel add-question">
      <h3 id="add-question-heading" tabIndex={-1}>
        Add a question
      </h3>
      <form className="stack" noValidate onSubmit={onSubmit} ref={form}>
        <QuestionFields draft={draft} fields={add.state.fields} idPrefix="new-question" onChange={setDraft} />
        <SubmitRow
          busy={add.pending}
          busyLabel="Adding…"
          error={formErrorOf(add.state, isQuestionField)}
          label="Add question"
          status={added}
        />
      </form>
    </section>
  );
}
