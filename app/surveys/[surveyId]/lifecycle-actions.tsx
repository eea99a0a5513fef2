"use client";

import { changeSurveyStatusAction, deleteSurveyAction, type LifecycleStep } from "@/app/actions/surveys";
import { FormError } from "@/app/components/survey-field";
import type { SurveyDto } from "@/lib/surveys/schemas";
import type { ActionState } from "@/lib/web/api-action";
import { ConfirmButton } from "./confirm-button";
import { useServerAction } from "./use-server-action";

const STEPS_BY_STATUS: Record<SurveyDto["status"], { step: LifecycleStep; label: string }[]> = {
  DRAFT: [{ step: "publish", label: "Publish" }],
  PUBLISHED: [
    { step: "close", label: "Close" },
    { step: "unpublish", label: "Unpublish" },
  ],
  CLOSED: [
    { step: "reopen", label: "Reopen" },
    { step: "unpublish", label: "Unpublish" },
  ],
};

/** Publish, unpublish, close, reopen and delete, as far as the person may; the API's reason when refused. */
export function LifecycleActions({
  surveyId,
  title,
  status,
  canPublish,
  canDelete,
  deleteReturnsTo,
}: {
  surveyId: string;
  title: string;
  status: SurveyDto["status"];
  canPublish: boolean;
  canDelete: boolean;
  deleteReturnsTo: "mine" | "tenant";
}) {
  const action = useServerAction(async (operation: () => Promise<ActionState<unknown>>) => operation());
  return (
    <div className="stack">
      <div className="actions">
        {canPublish
          ? STEPS_BY_STATUS[status].map(({ step, label }) => (
              <button
                className={step === "publish" ? "button" : "button secondary"}
                disabled={action.pending}
                key={step}
                onClick={() => action.run(() => changeSurveyStatusAction(surveyId, step))}
                type="button"
              >
                {label}
              </button>
            ))
          : null}
        {canDelete ? (
          <ConfirmButton
            confirmLabel="Delete survey"
            detail="Its questions, contributors, invitations and every response are deleted too. This cannot be undone."
            disabled={action.pending}
            label="Delete survey"
            onConfirm={() => action.run(() => deleteSurveyAction(surveyId, deleteReturnsTo))}
            question={`Delete “${title}”?`}
          />
        ) : null}
      </div>
      <FormError message={action.state.error} />
    </div>
  );
}
