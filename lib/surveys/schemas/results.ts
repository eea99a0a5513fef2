// The results of a survey, aggregated in SQL (lib/surveys/results.ts). Percentages are of the
// people who answered that question (0–100, one decimal), so multiple-choice ones may add up to
// more than 100.
import { z } from "@/lib/zod";
import { OptionIdSchema } from "./inputs";

const uuid = z.uuid();
const count = z.int().min(0);
const percent = z.number().min(0).max(100);

const questionResultBase = {
  questionId: uuid,
  text: z.string(),
  /** Responses that answered this question. */
  answered: count,
};

export const ChoiceResultSchema = z
  .object({
    ...questionResultBase,
    type: z.enum(["SINGLE_CHOICE", "MULTIPLE_CHOICE", "YES_NO"]),
    options: z.array(z.object({ id: OptionIdSchema, label: z.string(), count, percent })),
  })
  .meta({ id: "ChoiceResult", description: "YES_NO has the options `yes` and `no`." });

const distribution = z.array(z.object({ value: z.int(), count, percent }));

export const RatingResultSchema = z
  .object({
    ...questionResultBase,
    type: z.literal("RATING"),
    /** Two decimals; null when nobody answered. */
    average: z.number().nullable(),
    distribution,
  })
  .meta({ id: "RatingResult", description: "distribution lists every value from 1 to 5." });

export const NpsResultSchema = z
  .object({
    ...questionResultBase,
    type: z.literal("NPS"),
    /** % promoters (9–10) minus % detractors (0–6), rounded; −100…100, null when nobody answered. */
    score: z.int().min(-100).max(100).nullable(),
    promoters: count,
    passives: count,
    detractors: count,
    distribution,
  })
  .meta({ id: "NpsResult", description: "distribution lists every value from 0 to 10." });

export const DateResultSchema = z
  .object({
    ...questionResultBase,
    type: z.literal("DATE"),
    earliest: z.iso.date().nullable(),
    latest: z.iso.date().nullable(),
    perMonth: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), count })),
  })
  .meta({ id: "DateResult" });

export const TextResultSchema = z
  .object({ ...questionResultBase, type: z.enum(["SHORT_TEXT", "LONG_TEXT"]) })
  .meta({ id: "TextResult", description: "The answers themselves are paged by the text answers operation." });

export const QuestionResultSchema = z
  .discriminatedUnion("type", [
    ChoiceResultSchema,
    RatingResultSchema,
    NpsResultSchema,
    DateResultSchema,
    TextResultSchema,
  ])
  .meta({ id: "QuestionResult" });
export type QuestionResultDto = z.infer<typeof QuestionResultSchema>;

export const SurveyResultsSchema = z
  .object({
    surveyId: uuid,
    totalResponses: count,
    /** Per UTC day, oldest first; days without responses are left out. */
    responsesPerDay: z.array(z.object({ date: z.iso.date(), count })),
    questions: z.array(QuestionResultSchema),
  })
  .meta({ id: "SurveyResults" });
export type SurveyResultsDto = z.infer<typeof SurveyResultsSchema>;

export const TextAnswersPageSchema = z
  .object({
    items: z.array(z.object({ responseId: uuid, submittedAt: z.iso.datetime(), text: z.string() })),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: "TextAnswersPage", description: "Newest first." });
export type TextAnswersPageDto = z.infer<typeof TextAnswersPageSchema>;
