// A respondent's answers in progress, kept in this browser's localStorage (per survey) so a reload
// or a lost connection loses nothing, together with the draft's submission key: one key per
// filled-in form, reused by every retry, so the API stores the response once (it is idempotent
// per key). Cleared once the response is stored.
import type { PublicQuestionDto } from "@/lib/surveys/schemas";

/** Text, an option id, option ids, a number (rating, NPS) or yes/no. */
export type DraftValue = string | string[] | number | boolean;
export type DraftAnswers = Record<string, DraftValue>;

export interface Draft {
  submissionKey: string;
  answers: DraftAnswers;
}

/** 22 random base64url characters (128 bits); crypto.getRandomValues works on plain http too. */
export function newSubmissionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

const KEY = /^[A-Za-z0-9_-]{8,128}$/;

function fits(question: PublicQuestionDto, value: unknown): value is DraftValue {
  switch (question.type) {
    case "MULTIPLE_CHOICE":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "RATING":
    case "NPS":
      return typeof value === "number";
    case "YES_NO":
      return typeof value === "boolean";
    default:
      return typeof value === "string";
  }
}

/** The saved draft, keeping only answers that still fit the survey's questions; else a fresh one. */
export function readDraft(storageKey: string, questions: readonly PublicQuestionDto[]): Draft {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) ?? "null") as Partial<Draft> | null;
    if (saved && typeof saved.submissionKey === "string" && KEY.test(saved.submissionKey)) {
      const stored = saved.answers ?? {};
      const answers: DraftAnswers = {};
      for (const question of questions) {
        const value: unknown = stored[question.id];
        if (fits(question, value)) answers[question.id] = value;
      }
      return { submissionKey: saved.submissionKey, answers };
    }
  } catch {
    // Unreadable (storage disabled, or edited by hand): start afresh.
  }
  return { submissionKey: newSubmissionKey(), answers: {} };
}

export function writeDraft(storageKey: string, draft: Draft): void {
  try {
    if (Object.keys(draft.answers).length === 0) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: answering still works, only the reload safety net is gone.
  }
}

export function forgetDraft(storageKey: string): void {
  try {
    localStorage.removeItem(storageKey);
  } catch {
    // Nothing was stored.
  }
}

/** Whether a value counts as answered (what validateAnswers treats as empty does not). */
export function isAnswered(value: DraftValue | undefined): value is DraftValue {
  if (value === undefined) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
