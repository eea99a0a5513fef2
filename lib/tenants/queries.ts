import "server-only";
import { db } from "@/lib/db";
import type { Tenant } from "@/lib/generated/prisma/client";

export type { Tenant };

export function getTenant(tenantId: string): Promise<Tenant | null> {
  return db().tenant.findUnique({ where: { id: tenantId } });
}

/** Registered and not offboarded: the tenants whose people may sign in and call the API. */
export async function isActiveTenant(tenantId: string): Promise<boolean> {
  const tenant = await db().tenant.findUnique({ where: { id: tenantId }, select: { status: true } });
  return tenant?.status === "ACTIVE";
}
