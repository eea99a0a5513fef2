import "server-only";
import { db } from "@/lib/db";
import type { Tenant } from "@/lib/generated/prisma/client";

export interface TenantRegistration {
  id: string;
  issuer: string;
  name: string;
  signedUpByOid: string;
  signedUpByName: string;
}

/**
 * Registers a tenant after its admin consented and signed in. A tenant signing up again only
 * re-consents: consentedAt moves, and an offboarded tenant still within its grace period is
 * active again; its name, who first signed it up and its data stay as they were.
 */
export async function registerTenant(registration: TenantRegistration, now = new Date()): Promise<Tenant> {
  return db().tenant.upsert({
    where: { id: registration.id },
    create: { ...registration, consentedAt: now },
    update: { consentedAt: now, status: "ACTIVE", offboardedAt: null, purgeAfter: null },
  });
}

/**
 * Offboards a tenant: its people are refused from their next request (sessions are revoked and
 * every session check reads the status); its data stays until purgeAfter.
 */
export async function offboardTenant(tenantId: string, graceDays: number, now = new Date()): Promise<Tenant> {
  const purgeAfter = new Date(now.getTime() + graceDays * 86_400_000);
  const [tenant] = await db().$transaction([
    db().tenant.update({
      where: { id: tenantId },
      data: { status: "OFFBOARDED", offboardedAt: now, purgeAfter },
    }),
    db().userSession.updateMany({ where: { tenantId, revokedAt: null }, data: { revokedAt: now } }),
  ]);
  return tenant;
}

/** Deletes offboarded tenants whose grace period has ended (every tenant-owned row cascades). */
export async function purgeOffboardedTenants(now = new Date()): Promise<string[]> {
  const due = await db().tenant.findMany({
    where: { status: "OFFBOARDED", purgeAfter: { lte: now } },
    select: { id: true },
  });
  const ids = due.map((t) => t.id);
  // The status and date again: a tenant that signed up again since the read is not deleted.
  if (ids.length > 0) {
    await db().tenant.deleteMany({ where: { id: { in: ids }, status: "OFFBOARDED", purgeAfter: { lte: now } } });
  }
  return ids;
}
