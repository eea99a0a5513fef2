import "server-only";
import { db } from "@/lib/db";
import type { User } from "@/lib/generated/prisma/client";

export function getUserByOid(tenantId: string, oid: string): Promise<User | null> {
  return db().user.findUnique({ where: { tenantId_oid: { tenantId, oid } } });
}
