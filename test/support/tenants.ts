// Fixtures for integration tests: fresh tenants with random ids, so test files never collide
// and can clean up exactly what they made.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";

export interface TenantFixture {
  tenantId: string;
  userId: string;
  oid: string;
}

export async function createTenantWithUser(database: Db, name = "Test Org"): Promise<TenantFixture> {
  const tenantId = randomUUID();
  const oid = randomUUID();
  await database.tenant.create({
    data: {
      id: tenantId,
      issuer: `https://login.microsoftonline.com/${tenantId}/v2.0`,
      name,
      signedUpByOid: oid,
      signedUpByName: "Admin",
      consentedAt: new Date(),
    },
  });
  const user = await database.user.create({
    data: {
      tenantId,
      oid,
      name: "Ada Admin",
      email: `ada@${tenantId}.example`,
      roles: ["SurveyAdmin"],
      lastSeenAt: new Date(),
    },
  });
  return { tenantId, userId: user.id, oid };
}

export async function deleteTenants(database: Db, ...tenants: TenantFixture[]): Promise<void> {
  await database.tenant.deleteMany({ where: { id: { in: tenants.map((t) => t.tenantId) } } });
}
