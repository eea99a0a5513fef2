// The tenant registry's lifecycle on the real database: sign-up, re-sign-up, offboarding (with
// the sessions it ends) and the purge after the grace period.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, test } from "node:test";
import { createUserSession, findActiveSession } from "@/lib/auth/sessions";
import { db, disconnectDb } from "@/lib/db";
import { createTenantWithUser, deleteTenants } from "@/test/support/tenants";
import { offboardTenant, purgeOffboardedTenants, registerTenant } from "./mutations";
import { getTenant, isActiveTenant } from "./queries";

const policy = { persistentDays: 30, browserHours: 12 };
const DAY = 86_400_000;

after(() => disconnectDb());

function registration(id: string = randomUUID()) {
  return {
    id,
    issuer: `https://login.microsoftonline.com/${id}/v2.0`,
    name: "Woodgrove",
    signedUpByOid: randomUUID(),
    signedUpByName: "Ida",
  };
}

describe("registerTenant", () => {
  test("signing up again re-consents and changes nothing else", async () => {
    const first = registration();
    const created = await registerTenant(first, new Date("2026-11-01T00:00:00Z"));
    const again = await registerTenant(
      { ...first, name: "Renamed in Graph", signedUpByOid: randomUUID(), signedUpByName: "Someone else" },
      new Date("2026-11-05T00:00:00Z"),
    );
    assert.equal(again.name, "Woodgrove");
    assert.equal(again.signedUpByName, "Ida");
    assert.equal(again.signedUpByOid, created.signedUpByOid);
    assert.equal(again.consentedAt.toISOString(), "2026-11-05T00:00:00.000Z");
    assert.equal(await db().tenant.count({ where: { id: first.id } }), 1);
    await db().tenant.delete({ where: { id: first.id } });
  });
});

describe("offboarding", () => {
  test("ends every live session of the tenant at once, and only of that tenant", async () => {
    const leaving = await createTenantWithUser(db(), "Leaving");
    const staying = await createTenantWithUser(db(), "Staying");
    const mine = await createUserSession(
      { tenantId: leaving.tenantId, userId: leaving.userId, persistent: true },
      policy,
    );
    const theirs = await createUserSession(
      { tenantId: staying.tenantId, userId: staying.userId, persistent: false },
      policy,
    );

    const tenant = await offboardTenant(leaving.tenantId, 30, new Date());
    assert.equal(tenant.status, "OFFBOARDED");
    assert.ok(tenant.purgeAfter && tenant.purgeAfter.getTime() > Date.now() + 29 * DAY);
    assert.equal(await isActiveTenant(leaving.tenantId), false);
    assert.equal(await findActiveSession(leaving.tenantId, mine.id, policy), null);
    assert.ok(await findActiveSession(staying.tenantId, theirs.id, policy));
    await deleteTenants(db(), leaving, staying);
  });

  test("signing up within the grace period restores the tenant with its data", async () => {
    const back = await createTenantWithUser(db(), "Back again");
    await offboardTenant(back.tenantId, 30);
    const restored = await registerTenant({ ...registration(back.tenantId), name: "ignored" });
    assert.equal(restored.status, "ACTIVE");
    assert.equal(restored.purgeAfter, null);
    assert.equal(await isActiveTenant(back.tenantId), true);
    assert.equal(await db().user.count({ where: { tenantId: back.tenantId } }), 1);
    await deleteTenants(db(), back);
  });
});

describe("purgeOffboardedTenants", () => {
  test("deletes only tenants whose grace period ended, with every row they own", async () => {
    const due = await createTenantWithUser(db(), "Due");
    const notYet = await createTenantWithUser(db(), "Not yet");
    const active = await createTenantWithUser(db(), "Active");
    const now = new Date();
    await offboardTenant(due.tenantId, 30, new Date(now.getTime() - 31 * DAY));
    await offboardTenant(notYet.tenantId, 30, new Date(now.getTime() - 29 * DAY));

    const purged = await purgeOffboardedTenants(now);
    assert.ok(purged.includes(due.tenantId));
    assert.ok(!purged.includes(notYet.tenantId) && !purged.includes(active.tenantId));
    assert.equal(await getTenant(due.tenantId), null);
    assert.equal(await db().user.count({ where: { tenantId: due.tenantId } }), 0, "its users went with it");
    assert.equal(await db().user.count({ where: { tenantId: notYet.tenantId } }), 1);
    assert.ok(await getTenant(active.tenantId));

    // Idempotent: nothing left to purge for these.
    assert.ok(!(await purgeOffboardedTenants(now)).includes(due.tenantId));
    await deleteTenants(db(), notYet, active);
  });
});
