// Database rows → public shapes. Every row leaves lib/surveys through one of these, parsed by
// the output schemas, so the API never serializes a Prisma row (and never a new column by accident).

import type { Invitation, Question, Survey } from "@/lib/generated/prisma/client";
import { z } from "@/lib/zod";
import type { Permission, Relationship } from "./permissions";
import {
  type InvitationDto,
  InvitationSchema,
  isChoiceType,
  type OptionDto,
  OptionSchema,
  type PublicQuestionDto,
  PublicQuestionSchema,
  type QuestionDto,
  QuestionSchema,
  type SurveyDto,
  SurveySchema,
  type SurveySummaryDto,
  SurveySummarySchema,
} from "./schemas";

export function iso(date: Date): string;
export function iso(date: Date | null): string | null;
export function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

/** Question.options holds `{ options: [{ id, label }] }` for choice questions and `{}` otherwise. */
const StoredQuestionOptions = z.object({ options: z.array(OptionSchema).optional() });

export function optionsOf(question: Pick<Question, "type" | "options">): OptionDto[] {
  if (!isChoiceType(question.type)) return [];
  return StoredQuestionOptions.parse(question.options).options ?? [];
}

export function toSurveySummary(row: Survey): SurveySummaryDto {
  return SurveySummarySchema.parse({
    id: row.id,
    tenantId: row.tenantId,
    ownerId: row.ownerId,
    title: row.title,
    description: row.description,
    status: row.status,
    settings: {
      audience: row.audience,
      opensAt: iso(row.opensAt),
      closesAt: iso(row.closesAt),
      responseLimit: row.responseLimit,
    },
    publishedAt: iso(row.publishedAt),
    closedAt: iso(row.closedAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  });
}

export function toQuestionDto(row: Question): QuestionDto {
  const base = {
    id: row.id,
    surveyId: row.surveyId,
    position: row.position,
    type: row.type,
    text: row.text,
    description: row.description,
    required: row.required,
  };
  return QuestionSchema.parse(isChoiceType(row.type) ? { ...base, options: optionsOf(row) } : base);
}

export function toPublicQuestion(row: Question): PublicQuestionDto {
  const base = { id: row.id, type: row.type, text: row.text, description: row.description, required: row.required };
  return PublicQuestionSchema.parse(isChoiceType(row.type) ? { ...base, options: optionsOf(row) } : base);
}

export function toSurveyDto(
  row: Survey,
  questions: Question[],
  access: { relationship: Relationship; permissions: readonly Permission[] },
): SurveyDto {
  return SurveySchema.parse({
    ...toSurveySummary(row),
    questions: [...questions].sort((a, b) => a.position - b.position).map(toQuestionDto),
    access: { relationship: access.relationship, permissions: [...access.permissions] },
  });
}

export function invitationStatus(row: Invitation, now: Date): InvitationDto["status"] {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt <= now) return "expired";
  return "pending";
}

export function toInvitationDto(
  row: Invitation & { invitedBy: { id: string; name: string } },
  now: Date,
): InvitationDto {
  return InvitationSchema.parse({
    id: row.id,
    tenantId: row.tenantId,
    surveyId: row.surveyId,
    email: row.email,
    status: invitationStatus(row, now),
    invitedBy: { userId: row.invitedBy.id, name: row.invitedBy.name },
    expiresAt: iso(row.expiresAt),
    createdAt: iso(row.createdAt),
  });
}
