import "server-only";
import type { AppRole } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { User } from "@/lib/generated/prisma/client";

export interface VerifiedPerson {
  oid: string;
  name: string;
  email: string | null;
  /** From the latest token's `roles` claim; replaces what was stored (stale roles are not kept). */
  roles: readonly AppRole[];
}

/**
 * Creates or refreshes the user record from a verified token: at every sign-in, and at the API
 * for people who never signed in to the web app (Tailspin's API crashed for them).
 */
export async function upsertUser(tenantId: string, person: VerifiedPerson, now = new Date()): Promise<User> {
  const fields = { name: person.name, email: person.email, roles: [...person.roles], lastSeenAt: now };
  return db().user.upsert({
    where: { tenantId_oid: { tenantId, oid: person.oid } },
    create: { tenantId, oid: person.oid, ...fields },
    update: fields,
  });
}
