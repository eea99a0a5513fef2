"use client";
// The whole survey on one page (it reads the same on a phone and a desktop; questions stack),
// with a progress line that stays in view. Answers are checked here with the domain's own rules
// (validateAnswers, the function the API applies) so mistakes are named next to their question
// before anything is sent, and focus goes to the first one. The draft lives in localStorage
// until the response is stored; its submission key makes every retry the same submission.
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState, useTransition } from "react";
import { submitAnswersAction } from "@/app/actions/responses";
import {
  type DraftAnswers,
  type DraftValue,
  forgetDraft,
  isAnswered,
  newSubmissionKey,
  readDraft,
  writeDraft,
} from "@/app/s/draft";
import { draftStorageKey } from "@/app/s/paths";
import type { FieldErrors } from "@/lib/errors";
import { validateAnswers } from "@/lib/surveys/answers";
import type { PublicSurveyDto } from "@/lib/surveys/schemas";
import { QuestionField } from "./question-field";

const UNREACHABLE =
  "Your answers could not be sent. Check your connection and submit again — they are kept on this device, and sending them twice still records them once.";

type Errors = Record<string, string>;

function firstMessages(fields: FieldErrors | undefined): Errors {
  const errors: Errors = {};
  for (const [questionId, messages] of Object.entries(fields ?? {})) {
    if (messages[0]) errors[questionId] = messages[0];
  }
  return errors;
}

/** Only real answers travel: an emptied text box or an unticked group is "no answer". */
function answersToSend(answers: DraftAnswers): DraftAnswers {
  return Object.fromEntries(Object.entries(answers).filter(([, value]) => isAnswered(value)));
}

export function AnswerForm({ survey, thanksHref }: { survey: PublicSurveyDto; thanksHref: string }) {
  const { questions } = survey;
  const storageKey = draftStorageKey(survey.tenantId, survey.id);
  const router = useRouter();
  const [answers, setAnswers] = useState<DraftAnswers>({});
  const [submissionKey, setSubmissionKey] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [focusFirstError, setFocusFirstError] = useState(false);
  const [pending, startTransition] = useTransition();
  // A second click can arrive before React re-renders the disabled button.
  const inFlight = useRef(false);

  // The draft is read after hydration (the server has no localStorage).
  useEffect(() => {
    const draft = readDraft(storageKey, questions);
    setAnswers(draft.answers);
    setSubmissionKey(draft.submissionKey);
  }, [storageKey, questions]);

  useEffect(() => {
    if (submissionKey) writeDraft(storageKey, { submissionKey, answers });
  }, [storageKey, submissionKey, answers]);

  // After a first attempt, messages follow the answers as they are fixed.
  useEffect(() => {
    if (!attempted) return;
    const result = validateAnswers(questions, answersToSend(answers));
    setErrors(result.ok ? {} : firstMessages(result.fields));
  }, [attempted, questions, answers]);

  // Once per failed submit (not on every later change of the messages): to the first error.
  useEffect(() => {
    if (!focusFirstError) return;
    setFocusFirstError(false);
    const first = questions.find((q) => errors[q.id]);
    if (!first) return;
    document.querySelector<HTMLElement>(`[data-question="${first.id}"] :is(input, textarea)`)?.focus();
  }, [focusFirstError, errors, questions]);

  const answered = questions.filter((q) => isAnswered(answers[q.id])).length;

  function update(questionId: string, value: DraftValue | undefined) {
    setAnswers((previous) => {
      const next = { ...previous };
      if (value === undefined) delete next[questionId];
      else next[questionId] = value;
      return next;
    });
  }

  function showErrors(fields: Errors, summary: string) {
    setErrors(fields);
    setFormError(summary);
    setFocusFirstError(true);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return;
    setAttempted(true);
    const payload = answersToSend(answers);
    const checked = validateAnswers(questions, payload);
    if (!checked.ok) {
      const fields = firstMessages(checked.fields);
      const count = Object.keys(fields).length;
      showErrors(fields, `${count} ${count === 1 ? "question needs" : "questions need"} your attention.`);
      return;
    }
    setFormError(null);
    const key = submissionKey ?? newSubmissionKey();
    if (!submissionKey) setSubmissionKey(key);
    inFlight.current = true;
    startTransition(async () => {
      try {
        const outcome = await submitAnswersAction({
          tenantId: survey.tenantId,
          surveyId: survey.id,
          submissionKey: key,
          answers: payload,
        });
        // No outcome: the action is sending the browser elsewhere (sign in again, then back).
        if (!outcome) return;
        if (outcome.ok) {
          forgetDraft(storageKey);
          router.replace(thanksHref);
          return;
        }
        inFlight.current = false;
        const fields = firstMessages(outcome.fields);
        if (Object.keys(fields).length > 0) showErrors(fields, outcome.error ?? "Some answers need attention.");
        else setFormError(outcome.error ?? UNREACHABLE);
      } catch {
        inFlight.current = false;
        setFormError(UNREACHABLE);
      }
    });
  }

  return (
    <form className="answer-form" noValidate onSubmit={submit}>
      <div className="answer-progress">
        <p id="answer-progress-label">
          Answered {answered} of {questions.length} {questions.length === 1 ? "question" : "questions"}
        </p>
        <progress aria-labelledby="answer-progress-label" max={questions.length} value={answered} />
      </div>
      {formError ? (
        <div className="form-error" role="alert">
          {formError}
        </div>
      ) : null}
      {questions.map((question, index) => (
        <QuestionField
          error={errors[question.id]}
          key={question.id}
          number={index + 1}
          onChange={(value) => update(question.id, value)}
          question={question}
          value={answers[question.id]}
        />
      ))}
      <div className="actions">
        <button className="button" disabled={pending} type="submit">
          {pending ? "Sending…" : "Submit answers"}
        </button>
        <span className="muted small">Your answers are saved on this device until you submit them.</span>
      </div>
    </form>
  );
}
