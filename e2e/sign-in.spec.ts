import { expect, test } from "@playwright/test";
import {
  acceptConsentIfAsked,
  assignRoleInPortal,
  emulatorHooks,
  people,
  pickAccount,
  signIn,
  signOut,
  signUpOrganization,
  startSignIn,
  userMenu,
} from "./support/identity";
import { servers } from "./support/servers";

test.afterEach(async ({ request }) => {
  await emulatorHooks(request).reset();
});

test("a new organization signs up; its admin sees its name; a colleague signs in without consent", async ({
  page,
  browser,
}) => {
  await signUpOrganization(page, people.nestor);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Northwind Traders is signed up");
  await page.getByRole("link", { name: "Go to Surveys" }).click();
  await expect(userMenu(page)).toContainText(/Nestor Wilke\s*Northwind Traders/);

  // The admin consented for the organization: a colleague goes straight through.
  const colleague = await browser.newContext();
  const other = await colleague.newPage();
  await startSignIn(other);
  await pickAccount(other, people.patti);
  await other.waitForURL((url) => url.origin === servers.app.url);
  await expect(userMenu(other)).toContainText(/Patti Fernandez\s*Northwind Traders/);
  await colleague.close();
});

test("signing up an organization that is already enrolled only re-consents", async ({ page }) => {
  await signUpOrganization(page, people.megan);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contoso is signed up");
});

test("a user of an unregistered organization gets the enrolment page, which offers sign-up", async ({ page }) => {
  for (let attempt = 0; attempt < 2; attempt++) {
    await startSignIn(page);
    await pickAccount(page, people.isaiah);
    await acceptConsentIfAsked(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your organization isn't enrolled yet");
    // Still refused the second time: the first refusal registered nothing.
  }
  const main = page.getByRole("main");
  await expect(main.getByRole("link", { name: "Sign up your organization" })).toHaveAttribute("href", "/signup");
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
});

test("a personal Microsoft account is refused with its own page", async ({ page }) => {
  await startSignIn(page);
  await pickAccount(page, people.pat);
  await acceptConsentIfAsked(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Personal Microsoft accounts can't sign in");
});

test("cancelling the admin consent enrols nothing and says so", async ({ page }) => {
  await page.goto("/signup");
  await page.getByRole("button", { name: "Continue to Microsoft" }).click();
  await pickAccount(page, people.isaiah);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Permissions were not granted");
  await expect(page.getByText("AADSTS65004")).toBeVisible();
  // Tailspin is still not enrolled.
  await startSignIn(page);
  await pickAccount(page, people.isaiah);
  await acceptConsentIfAsked(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your organization isn't enrolled yet");
});

test("an identity provider error shows its AADSTS code with a sentence", async ({ page, request }) => {
  await emulatorHooks(request).failNextAuthorize(90094);
  // Entra answers the authorize request with the error at once: no emulator page to wait for.
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await page.waitForURL(/\/auth\/error\?/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Microsoft sign-in reported a problem");
  await expect(page.getByText("AADSTS90094")).toBeVisible();
  await expect(page.getByText("An administrator of your organization must approve Surveys")).toBeVisible();
});

test("cancelling on the sign-in page is a cancelled sign-in, not an error", async ({ page }) => {
  await startSignIn(page);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign-in cancelled");
});

test("a protected page sends a signed-out visitor to sign in and back", async ({ page }) => {
  await page.goto("/organization");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Forganization$/);
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await pickAccount(page, people.megan);
  await page.waitForURL(`${servers.app.url}/organization`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contoso");
});

test("a signed-in user without the role gets a 403 page, and a role assigned in Entra shows at next sign-in", async ({
  page,
}) => {
  await signIn(page, people.alex);
  const response = await page.goto("/organization");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You don't have access to this page");

  // An admin assigns SurveyAdmin in the directory (the emulator's portal).
  await assignRoleInPortal(page, "contoso", people.alex, "SurveyAdmin");

  // Roles come from the token: the current session keeps the old ones until the next sign-in.
  expect((await page.goto("/organization"))?.status()).toBe(403);
  await signOut(page);
  await signIn(page, people.alex);
  expect((await page.goto("/organization"))?.status()).toBe(200);
  await expect(page.getByRole("link", { name: "Organization" })).toBeVisible();
});

test("sign-out ends the session: the old cookie no longer works, and Entra signed us out too", async ({
  page,
  browser,
}) => {
  await signIn(page, people.adele);
  const before = await page.context().cookies();
  await signOut(page);
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();

  const replay = await browser.newContext();
  await replay.addCookies(before.filter((c) => c.domain === "localhost"));
  const again = await replay.newPage();
  await again.goto(`${servers.app.url}/`);
  await expect(again.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await replay.close();

  // The emulator session ended as well: signing in asks who you are again.
  await startSignIn(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Pick an account|Sign in/);
  await expect(page.getByRole("button", { name: /signed in/ })).toHaveCount(0);
});

test("an admin offboards the organization: its people get their own page until it signs up again", async ({
  page,
  browser,
}) => {
  // Each test starts from the seeded directory (afterEach resets the emulator): Northwind
  // consents again (its registration stays), and its admin gets SurveyAdmin in the directory.
  await signUpOrganization(page, people.nestor);
  await assignRoleInPortal(page, "northwind", people.nestor, "SurveyAdmin");
  await page.goto("/");
  await signOut(page);

  const colleague = await browser.newContext();
  const patti = await colleague.newPage();
  await signIn(patti, people.patti);

  await signIn(page, people.nestor);
  await page.goto("/organization");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Northwind Traders");
  await page.getByLabel("Type Northwind Traders to confirm").fill("Northwind");
  await page.getByRole("button", { name: "Offboard Northwind Traders" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("exactly as shown");
  await page.getByLabel("Type Northwind Traders to confirm").fill("Northwind Traders");
  await page.getByRole("button", { name: "Offboard Northwind Traders" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your organization has left Surveys");

  // The colleague's live session ends on the next request, and signing in again is refused.
  await patti.goto("/");
  await expect(patti.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await startSignIn(patti);
  await pickAccount(patti, people.patti);
  await expect(patti.getByRole("heading", { level: 1 })).toHaveText("Your organization has left Surveys");
  await expect(patti.getByRole("main").getByRole("link", { name: "Sign up your organization" })).toBeVisible();
  await colleague.close();

  // Signing up again restores access.
  const fresh = await browser.newContext();
  const admin = await fresh.newPage();
  await signUpOrganization(admin, people.nestor);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Northwind Traders is signed up");
  await fresh.close();
});
