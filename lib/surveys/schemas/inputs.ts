// What callers may send to the survey domain. The Survey API validates request bodies with these
// same schemas and renders them into its OpenAPI document (z.toJSONSchema), so they stay
// JSON-Schema-representable: trims (text made storable, see storableText) and checks, no
// transforms; cross-field rules are refinements, which JSON Schema simply leaves out (the domain
// enforces them all the same).

import type { QuestionType as DbQuestionType, SurveyAudience as DbSurveyAudience } from "@/lib/generated/prisma/enums";
import { z } from "@/lib/zod";

export const LIMITS = {
  title: 200,
  surveyDescription: 2000,
  questionText: 500,
  questionDescription: 1000,
  optionLabel: 200,
  minOptions: 2,
  maxOptions: 20,
  shortText: 500,
  longText: 5000,
  questionsPerSurvey: 100,
  responseLimit: 1_000_000,
  email: 254,
  search: 200,
  pageSize: 100,
} as const;

export const QUESTION_TYPES = [
  "SHORT_TEXT",
  "LONG_TEXT",
  "SINGLE_CHOICE",
  "MULTIPLE_CHOICE",
  "RATING",
  "NPS",
  "YES_NO",
  "DATE",
] as const satisfies readonly DbQuestionType[];
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const CHOICE_QUESTION_TYPES = ["SINGLE_CHOICE", "MULTIPLE_CHOICE"] as const satisfies readonly QuestionType[];
export const PLAIN_QUESTION_TYPES = [
  "SHORT_TEXT",
  "LONG_TEXT",
  "RATING",
  "NPS",
  "YES_NO",
  "DATE",
] as const satisfies readonly QuestionType[];

export function isChoiceType(type: QuestionType): type is (typeof CHOICE_QUESTION_TYPES)[number] {
  return type === "SINGLE_CHOICE" || type === "MULTIPLE_CHOICE";
}

export const AUDIENCES = [
  "ANYONE_WITH_LINK",
  "TENANT_USERS",
  "REGISTERED_TENANT_USERS",
] as const satisfies readonly DbSurveyAudience[];

export const QuestionTypeSchema = z.enum(QUESTION_TYPES).meta({ id: "QuestionType" });
export const AudienceSchema = z.enum(AUDIENCES).meta({
  id: "SurveyAudience",
  description:
    "Who may answer: anyone with the link, signed-in people of the survey's organization, or signed-in people of any registered organization.",
});

const between = (what: string, max: number) => `${what} must be at most ${max} characters.`;

/** A surrogate pair, or a surrogate on its own. */
const SURROGATES = /[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;

/**
 * Text as the database can store it, normalized like answers are (answers.ts): PostgreSQL text
 * cannot hold NUL, and JSON columns (a question's options) refuse lone surrogates (half an emoji,
 * as a cut-off string leaves it), so NULs are dropped and lone surrogates become U+FFFD.
 */
export function storableText(value: string): string {
  return value.replaceAll("\u0000", "").replace(SURROGATES, (found) => (found.length === 2 ? found : "\ufffd"));
}

const text = () => z.string().overwrite(storableText).trim();

export const OptionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "An option id is 1 to 64 letters, digits, - or _.")
  .meta({ id: "OptionId" });

export const OptionInputSchema = z
  .strictObject({
    /** Keep an option's id when editing so its answers stay attached; new options get one. */
    id: OptionIdSchema.optional(),
    label: text()
      .min(1, "Every option needs a label.")
      .max(LIMITS.optionLabel, between("An option label", LIMITS.optionLabel)),
  })
  .meta({ id: "OptionInput", description: "A choice option; omit `id` for a new option." });

const OptionListSchema = z
  .array(OptionInputSchema)
  .min(LIMITS.minOptions, `Give at least ${LIMITS.minOptions} options.`)
  .max(LIMITS.maxOptions, `Give at most ${LIMITS.maxOptions} options.`)
  .superRefine((options, ctx) => {
    const labels = new Set<string>();
    const ids = new Set<string>();
    options.forEach((option, index) => {
      const label = option.label.trim().toLocaleLowerCase();
      if (labels.has(label)) {
        ctx.addIssue({ code: "custom", path: [index, "label"], message: `"${option.label}" is listed twice.` });
      }
      labels.add(label);
      if (option.id !== undefined) {
        if (ids.has(option.id)) {
          ctx.addIssue({ code: "custom", path: [index, "id"], message: "Two options have the same id." });
        }
        ids.add(option.id);
      }
    });
  });

const questionText = text()
  .min(1, "Enter the question.")
  .max(LIMITS.questionText, between("A question", LIMITS.questionText));
const questionDescription = text().max(
  LIMITS.questionDescription,
  between("A question's description", LIMITS.questionDescription),
);

const ChoiceQuestionInputSchema = z.strictObject({
  type: z.enum(CHOICE_QUESTION_TYPES),
  text: questionText,
  description: questionDescription.optional(),
  required: z.boolean().optional(),
  options: OptionListSchema,
});

const PlainQuestionInputSchema = z.strictObject({
  type: z.enum(PLAIN_QUESTION_TYPES),
  text: questionText,
  description: questionDescription.optional(),
  required: z.boolean().optional(),
});

export const QuestionInputSchema = z
  .discriminatedUnion("type", [ChoiceQuestionInputSchema, PlainQuestionInputSchema])
  .meta({
    id: "QuestionInput",
    description:
      "A question. Choice questions carry 2–20 options; RATING is 1–5, NPS 0–10, DATE yyyy-mm-dd, YES_NO a boolean.",
  });
export type QuestionInput = z.input<typeof QuestionInputSchema>;

/** A partial change; merged with the stored question and then validated as a whole. */
export const QuestionPatchSchema = z
  .strictObject({
    type: QuestionTypeSchema.optional(),
    text: questionText.optional(),
    description: questionDescription.optional(),
    required: z.boolean().optional(),
    options: z.array(OptionInputSchema).optional(),
  })
  .meta({
    id: "QuestionPatch",
    description: "Fields to change. Changing the type to a non-choice type drops the options.",
  });
export type QuestionPatch = z.input<typeof QuestionPatchSchema>;

// Years 0000-9999 with any offset parse, but only years 1-9999 in UTC survive the database: year 0
// is refused by it, and year 10000 is stored but cannot be read back.
const EARLIEST = Date.parse("0001-01-01T00:00:00Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");
const dateTime = z.iso
  .datetime({ offset: true, error: "Use an ISO 8601 date and time, e.g. 2026-01-31T17:00:00Z." })
  .refine((value) => Date.parse(value) >= EARLIEST && Date.parse(value) <= LATEST, "Use a year from 1 to 9999.");

export const SurveySettingsInputSchema = z
  .strictObject({
    audience: AudienceSchema.optional(),
    opensAt: dateTime.nullable().optional(),
    closesAt: dateTime.nullable().optional(),
    responseLimit: z
      .int("The response limit is a whole number.")
      .min(1, "The response limit is at least 1.")
      .max(LIMITS.responseLimit, `The response limit is at most ${LIMITS.responseLimit.toLocaleString("en")}.`)
      .nullable()
      .optional(),
  })
  .refine((s) => !s.opensAt || !s.closesAt || Date.parse(s.opensAt) < Date.parse(s.closesAt), {
    path: ["closesAt"],
    message: "The closing time must be after the opening time.",
  })
  .meta({ id: "SurveySettingsInput", description: "Omitted fields stay as they are; null clears one." });
export type SurveySettingsInput = z.input<typeof SurveySettingsInputSchema>;

const surveyTitle = text().min(1, "Enter a title.").max(LIMITS.title, between("The title", LIMITS.title));
const surveyDescription = text().max(LIMITS.surveyDescription, between("The description", LIMITS.surveyDescription));

export const CreateSurveyInputSchema = z
  .strictObject({
    title: surveyTitle,
    description: surveyDescription.optional(),
    settings: SurveySettingsInputSchema.optional(),
    questions: z
      .array(QuestionInputSchema)
      .max(LIMITS.questionsPerSurvey, `A survey has at most ${LIMITS.questionsPerSurvey} questions.`)
      .optional(),
  })
  .meta({ id: "CreateSurveyInput" });
export type CreateSurveyInput = z.input<typeof CreateSurveyInputSchema>;

// Strict on purpose: `status` (Tailspin's PUT could publish) is an unknown key here, refused.
export const UpdateSurveyInputSchema = z
  .strictObject({
    title: surveyTitle.optional(),
    description: surveyDescription.optional(),
    settings: SurveySettingsInputSchema.optional(),
  })
  .meta({
    id: "UpdateSurveyInput",
    description: "Title, description and settings of a draft survey. Publishing has its own operation.",
  });
export type UpdateSurveyInput = z.input<typeof UpdateSurveyInputSchema>;

export const ReorderQuestionsInputSchema = z
  .strictObject({
    questionIds: z.array(z.uuid()).max(LIMITS.questionsPerSurvey),
  })
  .meta({ id: "ReorderQuestionsInput", description: "Every question id of the survey, in the new order." });
export type ReorderQuestionsInput = z.input<typeof ReorderQuestionsInputSchema>;

export const CreateInvitationInputSchema = z
  .strictObject({
    email: z.email("Enter an e-mail address.").max(LIMITS.email, between("The e-mail address", LIMITS.email)),
  })
  .meta({ id: "CreateInvitationInput" });
export type CreateInvitationInput = z.input<typeof CreateInvitationInputSchema>;

export const AcceptInvitationInputSchema = z
  .strictObject({
    /** The survey's tenant, carried by the invitation link so the lookup stays tenant-keyed. */
    tenantId: z.uuid(),
    token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is incomplete."),
  })
  .meta({ id: "AcceptInvitationInput" });
export type AcceptInvitationInput = z.input<typeof AcceptInvitationInputSchema>;

export const RemoveContributorInputSchema = z
  .strictObject({ userTenantId: z.uuid(), userId: z.uuid() })
  .meta({ id: "RemoveContributorInput" });
export type RemoveContributorInput = z.input<typeof RemoveContributorInputSchema>;

/** One answer as sent; what is valid depends on the question's type (see answers.ts). */
export const AnswerValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]).meta({
  id: "AnswerValue",
  description:
    "Text for SHORT_TEXT/LONG_TEXT, an option id for SINGLE_CHOICE, option ids for MULTIPLE_CHOICE, an integer for RATING (1–5) and NPS (0–10), a boolean for YES_NO, yyyy-mm-dd for DATE; null or absent for no answer.",
});
export type AnswerValue = z.infer<typeof AnswerValueSchema>;

export const SubmitResponseInputSchema = z
  .strictObject({
    /** Client-generated once per filled-in form; a retry with the same key returns the same response. */
    submissionKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,128}$/, "The submission key is 8 to 128 letters, digits, - or _."),
    answers: z.record(z.string(), AnswerValueSchema),
  })
  .meta({ id: "SubmitResponseInput", description: "Answers keyed by question id." });
export type SubmitResponseInput = z.input<typeof SubmitResponseInputSchema>;

export const PageQuerySchema = z
  .strictObject({
    cursor: z.string().max(200).optional(),
    limit: z.int().min(1).max(LIMITS.pageSize).optional(),
  })
  .meta({ id: "PageQuery" });
export type PageQuery = z.input<typeof PageQuerySchema>;

export const TextAnswersQuerySchema = z
  .strictObject({
    cursor: z.string().max(200).optional(),
    limit: z.int().min(1).max(LIMITS.pageSize).optional(),
    search: text().max(LIMITS.search).optional(),
  })
  .meta({ id: "TextAnswersQuery", description: "Case-insensitive substring search; newest answers first." });
export type TextAnswersQuery = z.input<typeof TextAnswersQuerySchema>;
