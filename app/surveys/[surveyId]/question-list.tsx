"use client";

import { useEffect, useState } from "react";
import { reorderQuestionsAction } from "@/app/actions/questions";
import type { QuestionDto } from "@/lib/surveys/schemas";
import { AddQuestionForm } from "./add-question-form";
import { QuestionCard, questionElementId } from "./question-card";

/** Where focus goes once the page shows the result of a move, copy or delete. */
interface FocusTarget {
  questionId: string;
  part: "heading" | "text" | "up" | "down";
  /** For a move: wait until the question stands here (the refreshed order has arrived). */
  index?: number;
}

/** The editable questions of a draft, in order, and the form that appends one. */
export function QuestionList({ surveyId, questions }: { surveyId: string; questions: QuestionDto[] }) {
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);

  useEffect(() => {
    if (!focusTarget) return;
    const at = questions.findIndex((q) => q.id === focusTarget.questionId);
    if (at === -1 || (focusTarget.index !== undefined && at !== focusTarget.index)) return;
    const wanted = document.getElementById(questionElementId(focusTarget.questionId, focusTarget.part));
    // A moved question's button is disabled at either end of the list: its other move button then.
    const other = focusTarget.part === "up" ? "down" : focusTarget.part === "down" ? "up" : null;
    const element =
      wanted instanceof HTMLButtonElement && wanted.disabled && other
        ? document.getElementById(questionElementId(focusTarget.questionId, other))
        : wanted;
    element?.focus();
    setFocusTarget(null);
  }, [focusTarget, questions]);

  const move = async (index: number, delta: -1 | 1) => {
    const order = questions.map((q) => q.id);
    const [moved] = order.splice(index, 1);
    if (!moved) return {};
    order.splice(index + delta, 0, moved);
    const result = await reorderQuestionsAction(surveyId, order);
    if (result.ok) setFocusTarget({ questionId: moved, part: delta < 0 ? "up" : "down", index: index + delta });
    return result;
  };

  return (
    <>
      {questions.length === 0 ? (
        <p className="muted">No questions yet. Add the first one below.</p>
      ) : (
        <ol aria-label="Questions" className="question-list">
          {questions.map((question, index) => (
            <li key={question.id}>
              <QuestionCard
                count={questions.length}
                index={index}
                onDeleted={() => {
                  const neighbour = questions[index + 1] ?? questions[index - 1];
                  if (neighbour) setFocusTarget({ questionId: neighbour.id, part: "heading" });
                  else document.getElementById("add-question-heading")?.focus();
                }}
                onDuplicated={(copy) => setFocusTarget({ questionId: copy.id, part: "text" })}
                onMove={(delta) => move(index, delta)}
                question={question}
                surveyId={surveyId}
              />
            </li>
          ))}
        </ol>
      )}
      <AddQuestionForm surveyId={surveyId} />
    </>
  );
}
