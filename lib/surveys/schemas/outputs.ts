// What the survey domain returns: public shapes (DTOs). Database rows are parsed into these
// before they leave lib/surveys, so a new column never leaks by accident and dates are ISO strings.
import { z } from "@/lib/zod";
import { PERMISSIONS, RELATIONSHIPS } from "../permissions";
import {
  AudienceSchema,
  CHOICE_QUESTION_TYPES,
  OptionIdSchema,
  PLAIN_QUESTION_TYPES,
  QuestionTypeSchema,
} from "./inputs";

const isoDateTime = z.iso.datetime();
const uuid = z.uuid();

export const SurveyStatusSchema = z.enum(["DRAFT", "PUBLISHED", "CLOSED"]).meta({
  id: "SurveyStatus",
  description: "DRAFT (editable) → PUBLISHED (answerable) → CLOSED.",
});

export const SurveySettingsSchema = z
  .object({
    audience: AudienceSchema,
    opensAt: isoDateTime.nullable(),
    closesAt: isoDateTime.nullable(),
    responseLimit: z.int().nullable(),
  })
  .meta({ id: "SurveySettings" });

export const SurveySummarySchema = z
  .object({
    id: uuid,
    tenantId: uuid,
    ownerId: uuid,
    title: z.string(),
    description: z.string(),
    status: SurveyStatusSchema,
    settings: SurveySettingsSchema,
    publishedAt: isoDateTime.nullable(),
    closedAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: "SurveySummary" });
export type SurveySummaryDto = z.infer<typeof SurveySummarySchema>;

export const OptionSchema = z.object({ id: OptionIdSchema, label: z.string() }).meta({ id: "Option" });
export type OptionDto = z.infer<typeof OptionSchema>;

/** What respondents see of a question; the editor view adds where it stands. */
const publicQuestionBase = {
  id: uuid,
  text: z.string(),
  description: z.string(),
  required: z.boolean(),
};

/** A question as its type shapes it: choice questions carry their options, the others none. */
function byQuestionType<const Base extends z.ZodRawShape>(base: Base) {
  return z.discriminatedUnion("type", [
    z.object({ ...base, type: z.enum(CHOICE_QUESTION_TYPES), options: z.array(OptionSchema) }),
    z.object({ ...base, type: z.enum(PLAIN_QUESTION_TYPES) }),
  ]);
}

export const QuestionSchema = byQuestionType({
  ...publicQuestionBase,
  surveyId: uuid,
  position: z.int().min(0),
}).meta({ id: "Question" });
export type QuestionDto = z.infer<typeof QuestionSchema>;

export const SurveyAccessSchema = z
  .object({
    relationship: z.enum(RELATIONSHIPS),
    permissions: z.array(z.enum(PERMISSIONS)),
  })
  .meta({
    id: "SurveyAccess",
    description: "What the caller may do with this survey (for showing the right actions).",
  });
export type SurveyAccessDto = z.infer<typeof SurveyAccessSchema>;

export const SurveySchema = SurveySummarySchema.extend({
  questions: z.array(QuestionSchema),
  access: SurveyAccessSchema,
}).meta({ id: "Survey", description: "The editor view of a survey: questions in order." });
export type SurveyDto = z.infer<typeof SurveySchema>;

export const ContributorSchema = z
  .object({
    /** The contributor's own tenant; may differ from the survey's. */
    userTenantId: uuid,
    userId: uuid,
    name: z.string(),
    email: z.string().nullable(),
    addedAt: isoDateTime,
  })
  .meta({ id: "Contributor" });
export type ContributorDto = z.infer<typeof ContributorSchema>;

export const InvitationSchema = z
  .object({
    id: uuid,
    tenantId: uuid,
    surveyId: uuid,
    email: z.string(),
    status: z.enum(["pending", "accepted", "revoked", "expired"]),
    invitedBy: z.object({ userId: uuid, name: z.string() }),
    expiresAt: isoDateTime,
    createdAt: isoDateTime,
  })
  .meta({ id: "Invitation" });
export type InvitationDto = z.infer<typeof InvitationSchema>;

export const CreatedInvitationSchema = z
  .object({
    invitation: InvitationSchema,
    /** The secret for the link; returned only here, only its SHA-256 is stored. */
    token: z.string(),
  })
  .meta({ id: "CreatedInvitation", description: "The link carries `invitation.tenantId` and `token`." });
export type CreatedInvitationDto = z.infer<typeof CreatedInvitationSchema>;

export const AcceptedInvitationSchema = z
  .object({ tenantId: uuid, surveyId: uuid })
  .meta({ id: "AcceptedInvitation", description: "The survey the caller now contributes to." });
export type AcceptedInvitationDto = z.infer<typeof AcceptedInvitationSchema>;

export const PublicQuestionSchema = byQuestionType(publicQuestionBase).meta({ id: "PublicQuestion" });
export type PublicQuestionDto = z.infer<typeof PublicQuestionSchema>;

export const PublicSurveySchema = z
  .object({
    id: uuid,
    tenantId: uuid,
    title: z.string(),
    description: z.string(),
    questions: z.array(PublicQuestionSchema),
  })
  .meta({ id: "PublicSurvey", description: "What a respondent sees: no owner, settings or results." });
export type PublicSurveyDto = z.infer<typeof PublicSurveySchema>;

export const UNAVAILABLE_REASONS = [
  "not_found",
  "not_published",
  "closed",
  "not_open_yet",
  "full",
  "sign_in_required",
  "wrong_organization",
  "already_answered",
] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

export const RespondentSurveySchema = z
  .discriminatedUnion("available", [
    z.object({ available: z.literal(true), survey: PublicSurveySchema }),
    z.object({ available: z.literal(false), reason: z.enum(UNAVAILABLE_REASONS), message: z.string() }),
  ])
  .meta({ id: "RespondentSurvey" });
export type RespondentSurveyDto = z.infer<typeof RespondentSurveySchema>;

export const SubmittedResponseSchema = z
  .object({
    responseId: uuid,
    submittedAt: isoDateTime,
    /** false when this submission key had already been stored (a retry or a double click). */
    created: z.boolean(),
  })
  .meta({ id: "SubmittedResponse" });
export type SubmittedResponseDto = z.infer<typeof SubmittedResponseSchema>;

export const StoredAnswerSchema = z
  .object({ questionId: uuid, value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]) })
  .meta({ id: "StoredAnswer", description: "As submitted, normalized (e.g. trimmed text)." });
export type StoredAnswerDto = z.infer<typeof StoredAnswerSchema>;

export const RespondentSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("anonymous") }),
    z.object({
      kind: z.literal("user"),
      tenantId: uuid,
      oid: uuid,
      name: z.string().nullable(),
      email: z.string().nullable(),
    }),
  ])
  .meta({ id: "Respondent" });
export type RespondentDto = z.infer<typeof RespondentSchema>;

export const ResponseSchema = z
  .object({
    id: uuid,
    submittedAt: isoDateTime,
    respondent: RespondentSchema,
    answers: z.array(StoredAnswerSchema),
  })
  .meta({ id: "Response" });
export type ResponseDto = z.infer<typeof ResponseSchema>;

export const ResponsesPageSchema = z
  .object({ items: z.array(ResponseSchema), nextCursor: z.string().nullable() })
  .meta({ id: "ResponsesPage", description: "Newest first." });
export type ResponsesPageDto = z.infer<typeof ResponsesPageSchema>;

export { QuestionTypeSchema };
