// Before every spec: Contoso and Fabrikam sign up through the real flow (our registry starts
// empty on each run's in-memory database). Northwind and Tailspin stay unregistered.
import { test as setup } from "@playwright/test";
import { people, signUpOrganization } from "../support/identity";

setup("Contoso and Fabrikam sign up", async ({ page }) => {
  await signUpOrganization(page, people.megan);
  await page.context().clearCookies();
  await signUpOrganization(page, people.diego);
});
