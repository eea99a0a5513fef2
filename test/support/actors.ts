// Actors for integration tests of the domain layer: people with chosen roles in a tenant
// (real rows in `users`, as sign-in would create them) and client-credentials applications.
import { randomUUID } from "node:crypto";
import type { AppActor, AppRole, UserActor } from "@/lib/auth/actor";
import { type Db, disconnectDb } from "@/lib/db";
import { createTenantWithUser, deleteTenants, type TenantFixture } from "./tenants";

export async function createUserActor(
  database: Db,
  tenantId: string,
  roles: AppRole[] = [],
  email: string | null = `${randomUUID().slice(0, 8)}@${tenantId}.example`,
): Promise<UserActor> {
  const oid = randomUUID();
  const name = `Person ${oid.slice(0, 4)}`;
  const user = await database.user.create({
    data: { tenantId, oid, name, email, roles, lastSeenAt: new Date() },
  });
  return { kind: "user", tenantId, userId: user.id, oid, roles, name, email };
}

/** The fixture tenant's own user (a SurveyAdmin) as an actor. */
export async function actorOf(database: Db, fixture: TenantFixture): Promise<UserActor> {
  const user = await database.user.findUniqueOrThrow({
    where: { tenantId_id: { tenantId: fixture.tenantId, id: fixture.userId } },
  });
  return {
    kind: "user",
    tenantId: user.tenantId,
    userId: user.id,
    oid: user.oid,
    roles: user.roles,
    name: user.name,
    email: user.email,
  };
}

export function appActor(tenantId: string, permissions: string[] = ["Surveys.ReadWrite.All"]): AppActor {
  return { kind: "app", tenantId, appId: randomUUID(), permissions };
}

/** Who most survey tests need: tenant A with its SurveyAdmin, a SurveyCreator and a reader; tenant B with its SurveyAdmin. */
export interface Cast {
  a: TenantFixture;
  b: TenantFixture;
  adminA: UserActor;
  adminB: UserActor;
  /** A SurveyCreator of A: the owner of most test surveys. */
  owner: UserActor;
  /** A person of A without an app role. */
  reader: UserActor;
}

export async function createCast(database: Db): Promise<Cast> {
  const a = await createTenantWithUser(database, "Tenant A");
  const b = await createTenantWithUser(database, "Tenant B");
  return {
    a,
    b,
    adminA: await actorOf(database, a),
    adminB: await actorOf(database, b),
    owner: await createUserActor(database, a.tenantId, ["SurveyCreator"]),
    reader: await createUserActor(database, a.tenantId, []),
  };
}

/** Deletes the cast's tenants (every row of theirs cascades) and closes the pool: a test file's `after`. */
export async function dismissCast(database: Db, cast: Pick<Cast, "a" | "b">): Promise<void> {
  await deleteTenants(database, cast.a, cast.b);
  await disconnectDb();
}
