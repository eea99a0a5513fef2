// Answers: validated against their questions (pure, unit-tested), then turned into rows. This is
// the only code that builds answer rows, so `value` and its typed copies (numberValue, textValue,
// dateValue, answer_choices) are always written together and agree.
import type { FieldErrors } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { LIMITS, type OptionDto, type QuestionType, storableText } from "./schemas";

export interface AnswerableQuestion {
  id: string;
  type: QuestionType;
  required: boolean;
  /** Choice questions only; ignored otherwise. */
  options?: readonly OptionDto[];
}

export type StoredValue = string | number | boolean | string[];

export interface NormalizedAnswer {
  questionId: string;
  value: StoredValue;
  numberValue: number | null;
  textValue: string | null;
  /** yyyy-mm-dd, for the DATE column. */
  dateValue: string | null;
  /** Option ids; "yes"/"no" for YES_NO. */
  choiceIds: string[];
}

export type AnswersResult = { ok: true; answers: NormalizedAnswer[] } | { ok: false; fields: FieldErrors };

/** What the respondent reads beside a question that needs fixing. */
export const ANSWER_MESSAGES = {
  required: "This question needs an answer.",
  text: "Enter text.",
  tooLong: (max: number) => `Use at most ${max.toLocaleString("en")} characters.`,
  single: "Choose one option.",
  multiple: "Choose at least one option.",
  notAnOption: "Choose only options from the list.",
  duplicateOption: "Choose each option only once.",
  rating: "Enter a number from 1 to 5.",
  nps: "Choose a score from 0 to 10.",
  yesNo: "Answer yes or no.",
  date: "Enter a date as yyyy-mm-dd.",
  unknownQuestion: "This question is not part of the survey.",
} as const;

type Check = { value: Omit<NormalizedAnswer, "questionId"> } | { error: string };

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === "string" && value.trim() === "") ||
  (Array.isArray(value) && value.length === 0);

const whatIsMissing: Record<QuestionType, string> = {
  SHORT_TEXT: ANSWER_MESSAGES.required,
  LONG_TEXT: ANSWER_MESSAGES.required,
  SINGLE_CHOICE: ANSWER_MESSAGES.single,
  MULTIPLE_CHOICE: ANSWER_MESSAGES.multiple,
  RATING: ANSWER_MESSAGES.rating,
  NPS: ANSWER_MESSAGES.nps,
  YES_NO: ANSWER_MESSAGES.yesNo,
  DATE: ANSWER_MESSAGES.date,
};

const none = { numberValue: null, textValue: null, dateValue: null, choiceIds: [] as string[] };

function checkText(value: unknown, max: number): Check {
  if (typeof value !== "string") return { error: ANSWER_MESSAGES.text };
  // PostgreSQL text cannot hold NUL nor JSON a lone surrogate; neither carries meaning in an answer.
  const text = storableText(value).trim();
  if (text.length > max) return { error: ANSWER_MESSAGES.tooLong(max) };
  return { value: { ...none, value: text, textValue: text } };
}

function checkInteger(value: unknown, min: number, max: number, message: string): Check {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) return { error: message };
  return { value: { ...none, value, numberValue: value } };
}

/** A real calendar day: 2026-02-30 is refused, not rolled over. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function checkOne(question: AnswerableQuestion, value: unknown): Check {
  const optionIds = new Set((question.options ?? []).map((o) => o.id));
  switch (question.type) {
    case "SHORT_TEXT":
      return checkText(value, LIMITS.shortText);
    case "LONG_TEXT":
      return checkText(value, LIMITS.longText);
    case "SINGLE_CHOICE":
      if (typeof value !== "string" || !optionIds.has(value)) return { error: ANSWER_MESSAGES.single };
      return { value: { ...none, value, choiceIds: [value] } };
    case "MULTIPLE_CHOICE": {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
        return { error: ANSWER_MESSAGES.multiple };
      }
      if (!value.every((id) => optionIds.has(id))) return { error: ANSWER_MESSAGES.notAnOption };
      if (new Set(value).size !== value.length) return { error: ANSWER_MESSAGES.duplicateOption };
      // Stored in the question's option order, so the same choices always look the same.
      const chosen = (question.options ?? []).map((o) => o.id).filter((id) => value.includes(id));
      return { value: { ...none, value: chosen, choiceIds: chosen } };
    }
    case "RATING":
      return checkInteger(value, 1, 5, ANSWER_MESSAGES.rating);
    case "NPS":
      return checkInteger(value, 0, 10, ANSWER_MESSAGES.nps);
    case "YES_NO":
      if (typeof value !== "boolean") return { error: ANSWER_MESSAGES.yesNo };
      return { value: { ...none, value, choiceIds: [value ? "yes" : "no"] } };
    case "DATE":
      if (typeof value !== "string" || !isCalendarDate(value)) return { error: ANSWER_MESSAGES.date };
      return { value: { ...none, value, dateValue: value } };
  }
}

/**
 * Checks every answer against its question: required ones present, values of the right type,
 * range and length, options that exist, nothing for questions the survey does not have. Field
 * errors are keyed by question id. Unanswered optional questions produce no answer.
 */
export function validateAnswers(
  questions: readonly AnswerableQuestion[],
  answers: Readonly<Record<string, unknown>>,
): AnswersResult {
  const fields: FieldErrors = {};
  const known = new Set(questions.map((q) => q.id));
  for (const questionId of Object.keys(answers)) {
    if (!known.has(questionId)) fields[questionId] = [ANSWER_MESSAGES.unknownQuestion];
  }
  const normalized: NormalizedAnswer[] = [];
  for (const question of questions) {
    const value = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    if (isEmpty(value)) {
      if (question.required) fields[question.id] = [whatIsMissing[question.type]];
      continue;
    }
    const check = checkOne(question, value);
    if ("error" in check) fields[question.id] = [check.error];
    else normalized.push({ questionId: question.id, ...check.value });
  }
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, answers: normalized };
}

export interface AnswerRows {
  answers: Prisma.AnswerCreateManyInput[];
  choices: Prisma.AnswerChoiceCreateManyInput[];
}

/** The rows of one response's answers; the response and its answers share the survey's tenant. */
export function answerRows(tenantId: string, responseId: string, answers: readonly NormalizedAnswer[]): AnswerRows {
  return {
    answers: answers.map((a) => ({
      tenantId,
      responseId,
      questionId: a.questionId,
      value: a.value,
      numberValue: a.numberValue,
      textValue: a.textValue,
      dateValue: a.dateValue === null ? null : new Date(`${a.dateValue}T00:00:00Z`),
    })),
    choices: answers.flatMap((a) =>
      a.choiceIds.map((optionId) => ({ tenantId, responseId, questionId: a.questionId, optionId })),
    ),
  };
}
