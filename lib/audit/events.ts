// The audit trail: one row per security-relevant change, in the tenant that owns the target.
// Written inside the change's own transaction, so an event exists exactly when the change does.
import "server-only";
import type { AppActor, UserActor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditAction =
  | "tenant.signed_up"
  | "tenant.offboarded"
  | "survey.created"
  | "survey.deleted"
  | "survey.published"
  | "survey.unpublished"
  | "survey.closed"
  | "survey.reopened"
  | "contributor.added"
  | "contributor.removed"
  | "invitation.created"
  | "invitation.revoked"
  | "invitation.accepted";

/** Whom an event names: enough of an actor to write "oid.tid" or the app id (sign-up has no user row yet). */
export type AuditActor = Pick<UserActor, "kind" | "oid" | "tenantId"> | Pick<AppActor, "kind" | "appId">;

export interface AuditEventInput {
  /** The tenant of the target (the survey's), not necessarily the actor's. */
  tenantId: string;
  actor: AuditActor | null;
  action: AuditAction;
  targetType: string;
  targetId: string;
  data?: Prisma.InputJsonObject;
  correlationId?: string;
}

/** What callers pass along so an event can be traced to its request. */
export interface AuditOptions {
  correlationId?: string;
}

/** "oid.tid" for a person (msal's homeAccountId form), the app id for an application. */
export function auditActorOf(actor: AuditActor): string {
  return actor.kind === "user" ? `${actor.oid}.${actor.tenantId}` : actor.appId;
}

export async function writeAuditEvent(
  client: Pick<Prisma.TransactionClient, "auditEvent">,
  event: AuditEventInput,
): Promise<void> {
  await client.auditEvent.create({
    data: {
      tenantId: event.tenantId,
      actor: event.actor ? auditActorOf(event.actor) : null,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      data: event.data ?? {},
      correlationId: event.correlationId ?? null,
    },
  });
}
