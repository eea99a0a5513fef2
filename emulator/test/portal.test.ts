import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestEmulator, type TestEmulator } from "./support/emulator";

describe("portal", () => {
  let t: TestEmulator;
  before(async () => {
    t = await startTestEmulator();
  });
  after(() => t.emu.stop());

  const post = (action: string, form: Record<string, string>) => t.call(`/portal/${action}`, { form });

  test("shows tenants, users, consents, assignments and the outbox", async () => {
    const res = await t.call("/portal?tenant=contoso");
    assert.equal(res.status, 200);
    for (const text of [
      "Megan Bowen",
      "Lee Gu",
      "Guest",
      "SurveyAdmin",
      "Consents (delegated permission grants)",
      "Mail outbox",
      'aria-current="page">Contoso',
    ]) {
      assert.ok(res.text.includes(text), text);
    }
    assert.equal((await t.call("/")).location, `${t.emu.url}/portal`);
  });

  test("assign a role, remove it, revoke a consent, grant admin consent, toggle user consent", async () => {
    const contoso = t.tenantId("contoso.com");
    const web = t.emu.clients.web.clientId;
    const alex = "6d2a8adf-8b52-4bf1-8c69-ee91cb74fada";
    const assigned = await post("assign-role", { tenant: contoso, user: alex, role: `${web}|SurveyCreator` });
    assert.equal(assigned.status, 303);
    assert.deepEqual(t.emu.directory.assignedRoles(contoso, alex, web), ["SurveyCreator"]);
    const assignment = t.emu.directory.tenant(contoso)?.appRoleAssignments.find((a) => a.principalId === alex);
    await post("remove-assignment", { tenant: contoso, id: assignment?.id ?? "" });
    assert.deepEqual(t.emu.directory.assignedRoles(contoso, alex, web), []);

    const grant = t.emu.directory.grantsOf(contoso).find((g) => g.clientAppId === web);
    await post("revoke-grant", { tenant: contoso, id: grant?.id ?? "" });
    assert.ok(!t.emu.directory.grantsOf(contoso).some((g) => g.id === grant?.id));

    const northwind = t.tenantId("northwindtraders.com");
    await post("admin-consent", { tenant: northwind, appId: web });
    assert.ok(t.emu.directory.servicePrincipal(northwind, web));
    await post("user-consent", { tenant: northwind, mode: "disabled" });
    assert.equal(t.emu.directory.tenant(northwind)?.userConsent, "disabled");
    const refused = await post("assign-role", {
      tenant: t.tenantId("fabrikam.com"),
      user: "nobody",
      role: `${web}|SurveyCreator`,
    });
    assert.match(decodeURIComponent(refused.location ?? ""), /is not in tenant Fabrikam/);
  });
});
