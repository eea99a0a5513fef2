// Inviting contributors by e-mail (Tailspin's cross-tenant sharing). The link's secret is returned
// once; only its SHA-256 is stored, so a database reader cannot accept anyone's invitation.
// Sending the mail is the API's job (through Graph, from the inviter's mailbox).
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { type AuditOptions, writeAuditEvent } from "@/lib/audit/events";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { ACTIVE_TENANT, authorizeSurvey, lockSurvey } from "./access";
import { toInvitationDto } from "./dto";
import { isUuid, parseInput } from "./parse";
import { assertPerson } from "./permissions";
import {
  type AcceptedInvitationDto,
  type AcceptInvitationInput,
  AcceptInvitationInputSchema,
  type CreatedInvitationDto,
  type CreateInvitationInput,
  CreateInvitationInputSchema,
  type InvitationDto,
} from "./schemas";

export const INVITATION_LIFETIME_DAYS = 14;

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();
const withInviter = { invitedBy: { select: { id: true, name: true } } } as const;

/**
 * Invites an e-mail address to contribute. A pending invitation for the same address is revoked
 * and replaced (its old link stops working). The owner and existing contributors cannot be invited.
 */
export async function createInvitation(
  actor: Actor,
  surveyId: string,
  input: CreateInvitationInput,
  options: AuditOptions = {},
): Promise<CreatedInvitationDto> {
  const { survey } = await authorizeSurvey(actor, surveyId, "survey:invite");
  assertPerson(actor, "invite");
  const email = normalizeEmail(parseInput(CreateInvitationInputSchema, input).email);
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const scope = { tenantId: survey.tenantId, surveyId: survey.id };

  const row = await db().$transaction(async (tx) => {
    // Serializes invitations of one survey, so two concurrent invites cannot both stay pending.
    if (!(await lockSurvey(tx, survey.tenantId, survey.id))) throw new NotFoundError("survey");
    const owner = await tx.user.findUnique({
      where: { tenantId_id: { tenantId: survey.tenantId, id: survey.ownerId } },
      select: { email: true },
    });
    if (owner?.email && normalizeEmail(owner.email) === email) {
      throw new ConflictError(`${email} owns this survey and needs no invitation.`);
    }
    const existing = await tx.contributor.findFirst({
      where: { ...scope, user: { email: { equals: email, mode: "insensitive" } } },
      select: { userId: true },
    });
    if (existing) throw new ConflictError(`${email} already contributes to this survey.`);
    await tx.invitation.updateMany({
      where: { ...scope, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const created = await tx.invitation.create({
      data: {
        ...scope,
        email,
        tokenHash: hashInvitationToken(token),
        invitedById: actor.userId,
        expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_DAYS * 24 * 60 * 60 * 1000),
      },
      include: withInviter,
    });
    await writeAuditEvent(tx, {
      tenantId: survey.tenantId,
      actor,
      action: "invitation.created",
      targetType: "invitation",
      targetId: created.id,
      data: { surveyId: survey.id, email },
      correlationId: options.correlationId,
    });
    return created;
  });
  return { invitation: toInvitationDto(row, now), token };
}

/** Invitations not yet accepted, revoked or expired. */
export async function listPendingInvitations(actor: Actor, surveyId: string): Promise<InvitationDto[]> {
  const { survey } = await authorizeSurvey(actor, surveyId, "survey:invite");
  const now = new Date();
  const rows = await db().invitation.findMany({
    where: {
      tenantId: survey.tenantId,
      surveyId: survey.id,
      acceptedAt: null,
      revokedAt: null,
      expiresAt: { gt: now },
    },
    include: withInviter,
    orderBy: { createdAt: "desc" },
  });
  return rows.map((row) => toInvitationDto(row, now));
}

export async function revokeInvitation(
  actor: Actor,
  surveyId: string,
  invitationId: string,
  options: AuditOptions = {},
): Promise<void> {
  const { survey } = await authorizeSurvey(actor, surveyId, "survey:invite");
  if (!isUuid(invitationId)) throw new NotFoundError("invitation");
  const where = { tenantId: survey.tenantId, surveyId: survey.id, id: invitationId };
  await db().$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { ...where, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) {
      const invitation = await tx.invitation.findFirst({ where, select: { acceptedAt: true } });
      if (!invitation) throw new NotFoundError("invitation");
      throw new ConflictError(
        invitation.acceptedAt ? "The invitation was already accepted." : "The invitation was already revoked.",
      );
    }
    await writeAuditEvent(tx, {
      tenantId: survey.tenantId,
      actor,
      action: "invitation.revoked",
      targetType: "invitation",
      targetId: invitationId,
      data: { surveyId: survey.id },
      correlationId: options.correlationId,
    });
  });
}

/**
 * Accepts an invitation for the signed-in person, who may belong to any registered tenant: they
 * become a contributor, named with their own tenant. The invitation's address must be theirs.
 */
export async function acceptInvitation(
  actor: Actor,
  input: AcceptInvitationInput,
  options: AuditOptions = {},
): Promise<AcceptedInvitationDto> {
  assertPerson(actor, "accept");
  const { tenantId, token } = parseInput(AcceptInvitationInputSchema, input);
  const now = new Date();
  const invitation = await db().invitation.findUnique({
    where: { tenantId_tokenHash: { tenantId, tokenHash: hashInvitationToken(token) } },
    include: { survey: { select: { ownerId: true, tenant: { select: { status: true } } } } },
  });
  // An offboarded tenant's links stop working with the rest of its surveys.
  if (!invitation || invitation.survey.tenant.status !== ACTIVE_TENANT.status) throw new NotFoundError("invitation");
  if (invitation.acceptedAt) throw new ConflictError("This invitation has already been used.");
  if (invitation.revokedAt) {
    throw new ConflictError("This invitation was revoked or replaced by a newer one; ask for a new invitation.");
  }
  if (invitation.expiresAt <= now) {
    throw new ConflictError("This invitation has expired; ask the survey's owner for a new one.");
  }
  if (!actor.email || normalizeEmail(actor.email) !== invitation.email) {
    throw new ForbiddenError(
      `This invitation was sent to another e-mail address than yours (${actor.email ?? "none"}). Sign in with the account it was sent to.`,
    );
  }
  if (actor.tenantId === invitation.tenantId && actor.userId === invitation.survey.ownerId) {
    throw new ConflictError("You own this survey already.");
  }

  await db().$transaction(async (tx) => {
    // Conditional, so two concurrent acceptances of one link cannot both succeed.
    const { count } = await tx.invitation.updateMany({
      where: { tenantId, id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (count === 0) throw new ConflictError("This invitation has already been used.");
    await tx.contributor.createMany({
      data: [{ tenantId, surveyId: invitation.surveyId, userTenantId: actor.tenantId, userId: actor.userId }],
      skipDuplicates: true,
    });
    const audit = { tenantId, actor, correlationId: options.correlationId };
    await writeAuditEvent(tx, {
      ...audit,
      action: "invitation.accepted",
      targetType: "invitation",
      targetId: invitation.id,
      data: { surveyId: invitation.surveyId },
    });
    await writeAuditEvent(tx, {
      ...audit,
      action: "contributor.added",
      targetType: "survey",
      targetId: invitation.surveyId,
      data: { userTenantId: actor.tenantId, userId: actor.userId },
    });
  });
  return { tenantId, surveyId: invitation.surveyId };
}
