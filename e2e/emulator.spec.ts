import { expect, test } from "@playwright/test";
import { servers } from "./support/servers";

const { emulator } = servers;

test.describe("the bundled Entra ID emulator", () => {
  test.afterEach(async ({ request }) => {
    // Back to the seeded directory for the next spec.
    await request.post(`${emulator.url}/__test/reset`);
  });

  test("publishes the multi-tenant discovery document over HTTPS", async ({ request }) => {
    const response = await request.get(`${emulator.url}/common/v2.0/.well-known/openid-configuration`);
    expect(response.status()).toBe(200);
    const document = await response.json();
    expect(document.issuer).toBe(`${emulator.url}/{tenantid}/v2.0`);
    expect(document.authorization_endpoint).toBe(`${emulator.url}/common/oauth2/v2.0/authorize`);
  });

  test("its portal assigns a role and lists it, keyboard and all", async ({ page }) => {
    await page.goto(`${emulator.url}/portal?tenant=contoso`);
    await expect(page.getByRole("heading", { level: 2, name: "Contoso" })).toBeVisible();
    const assignments = page.getByRole("table", { name: "App role assignments" });
    await expect(assignments.getByRole("row", { name: /Alex Wilber/ })).toHaveCount(0);

    await page.getByLabel("User", { exact: true }).selectOption({ label: "Alex Wilber (alex@contoso.com)" });
    await page.getByLabel("Role", { exact: true }).selectOption({ label: "Surveys: SurveyCreator" });
    await page.getByRole("button", { name: "Assign role" }).focus();
    await page.keyboard.press("Enter");

    await expect(page.getByRole("status")).toHaveText("Assigned SurveyCreator.");
    await expect(assignments.getByRole("row", { name: /Alex Wilber Surveys SurveyCreator/ })).toHaveCount(1);
  });
});
