// Shapes only the API has: list envelopes, the people picker, inviting by person or address, and
// problem details. Everything about surveys themselves comes from lib/surveys/schemas.

import {
  ContributorSchema,
  CreatedInvitationSchema,
  InvitationSchema,
  LIMITS,
  QuestionSchema,
  SurveySummarySchema,
} from "@/lib/surveys/schemas";
import { z } from "@/lib/zod";

/** Lists come wrapped, so paging or counts can be added later without breaking callers. */
const listOf = <S extends z.ZodType>(item: S, id: string) => z.object({ items: z.array(item) }).meta({ id });

export const SURVEY_LIST_SCOPES = ["mine", "tenant", "contributing"] as const;

export const SurveyListQuerySchema = z
  .strictObject({
    scope: z.enum(SURVEY_LIST_SCOPES).optional().meta({
      description:
        "mine (default): surveys the caller owns · tenant: every survey of the caller's organization · contributing: surveys of any organization the caller was invited to edit.",
    }),
  })
  .meta({ id: "SurveyListQuery" });

export const SurveyListSchema = listOf(SurveySummarySchema, "SurveyList");
export const QuestionListSchema = listOf(QuestionSchema, "QuestionList");
export const ContributorListSchema = listOf(ContributorSchema, "ContributorList");
export const InvitationListSchema = listOf(InvitationSchema, "InvitationList");

export const DirectoryPersonSchema = z
  .object({
    /** The person's object id in the caller's directory. */
    id: z.string(),
    displayName: z.string().nullable(),
    mail: z.string().nullable(),
    userPrincipalName: z.string(),
  })
  .meta({ id: "DirectoryPerson" });
export type DirectoryPersonDto = z.infer<typeof DirectoryPersonSchema>;

export const PeopleListSchema = listOf(DirectoryPersonSchema, "PeopleList");

export const MAX_PEOPLE = 50;

export const PeopleQuerySchema = z
  .strictObject({
    q: z
      .string()
      .trim()
      .min(1, "Type the start of a name or e-mail address.")
      .max(LIMITS.search, `Search for at most ${LIMITS.search} characters.`),
    top: z.int().min(1).max(MAX_PEOPLE).optional(),
  })
  .meta({ id: "PeopleQuery", description: "Word prefixes of the display name, or the start of the e-mail address." });

export const InviteContributorInputSchema = z
  .strictObject({
    email: z
      .email("Enter an e-mail address.")
      .max(LIMITS.email, `The e-mail address must be at most ${LIMITS.email} characters.`)
      .optional(),
    /** A person picked from GET /people: their address is read from the directory, not trusted from the caller. */
    personId: z.uuid("Pick a person from the directory.").optional(),
  })
  .refine((input) => (input.email === undefined) !== (input.personId === undefined), {
    path: ["email"],
    message: "Give an e-mail address or pick a person from the directory (one of the two).",
  })
  .meta({ id: "InviteContributorInput", description: "By e-mail address, or by a person picked from the directory." });
export type InviteContributorInput = z.input<typeof InviteContributorInputSchema>;

export const SentInvitationSchema = CreatedInvitationSchema.extend({
  /** The link in the mail; opened by the invitee (signed in with the invited address) it makes them a contributor. */
  acceptUrl: z.url(),
}).meta({ id: "SentInvitation", description: "The invitation, mailed from the inviter's mailbox." });

export const OpenApiDocumentSchema = z
  .record(z.string(), z.unknown())
  .meta({ id: "OpenApiDocument", description: "This document." });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string(),
    /** Stable: not_found, forbidden, unauthorized, validation_failed, conflict, unavailable, internal. */
    code: z.string(),
    correlationId: z.string(),
    /** Field errors of validation_failed, keyed by dotted path (`questions.0.text`); `_` for the whole input. */
    errors: z.record(z.string(), z.array(z.string())).optional(),
    /** Why a token or call was refused (e.g. expired, unregistered_tenant, missing_scope, consent_required). */
    reason: z.string().optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details (application/problem+json)." });
export type Problem = z.infer<typeof ProblemSchema>;
