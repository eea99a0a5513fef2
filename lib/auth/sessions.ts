// Server-side session records: what makes sign-out and offboarding take effect at once. The
// cookie (a next-auth JWT) names a row here; no row, a revoked one or an expired one, no session.
import "server-only";
import { db } from "@/lib/db";

/** Persistent sessions slide; writing lastSeenAt on every request would be needless load. */
const TOUCH_INTERVAL_MS = 60 * 60_000;

export interface SessionPolicy {
  persistentDays: number;
  browserHours: number;
}

export interface ActiveSession {
  id: string;
  tenantId: string;
  userId: string;
  persistent: boolean;
  expiresAt: Date;
  tenantName: string;
}

export function sessionLifetimeMs(persistent: boolean, policy: SessionPolicy): number {
  return persistent ? policy.persistentDays * 86_400_000 : policy.browserHours * 3_600_000;
}

export async function createUserSession(
  input: { tenantId: string; userId: string; persistent: boolean },
  policy: SessionPolicy,
  now = new Date(),
): Promise<{ id: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs(input.persistent, policy));
  return db().userSession.create({
    data: { ...input, createdAt: now, lastSeenAt: now, expiresAt },
    select: { id: true, expiresAt: true },
  });
}

/**
 * The session if it is live: not revoked, not expired, and its tenant still active. Moves a
 * persistent session's expiry forward (sliding), at most once an hour.
 */
export async function findActiveSession(
  tenantId: string,
  id: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<ActiveSession | null> {
  const row = await db().userSession.findFirst({
    where: { tenantId, id, revokedAt: null, expiresAt: { gt: now }, tenant: { status: "ACTIVE" } },
    select: {
      id: true,
      tenantId: true,
      userId: true,
      persistent: true,
      expiresAt: true,
      lastSeenAt: true,
      tenant: { select: { name: true } },
    },
  });
  if (!row) return null;
  let expiresAt = row.expiresAt;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    if (row.persistent) expiresAt = new Date(now.getTime() + sessionLifetimeMs(true, policy));
    await db().userSession.updateMany({ where: { tenantId, id }, data: { lastSeenAt: now, expiresAt } });
  }
  return {
    id: row.id,
    tenantId: row.tenantId,
    userId: row.userId,
    persistent: row.persistent,
    expiresAt,
    tenantName: row.tenant.name,
  };
}

export async function revokeUserSession(tenantId: string, id: string, now = new Date()): Promise<void> {
  await db().userSession.updateMany({ where: { tenantId, id, revokedAt: null }, data: { revokedAt: now } });
}
