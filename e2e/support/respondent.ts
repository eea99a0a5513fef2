// What a respondent does in the browser: continue a sign-in the app asked for, and fill in the
// every-type survey of api-seed.ts (EVERY_QUESTION_TYPE) by its labels, as a person would.
import { expect, type Page } from "@playwright/test";
import { acceptConsentIfAsked, type Person, pickAccount } from "./identity";
import { servers } from "./servers";

/** On our sign-in page after the app sent the person there: sign in, and land back on `path`. */
export async function continueSignIn(page: Page, person: Person, path: string): Promise<void> {
  await expect(page).toHaveURL((url) => url.pathname === "/signin" && url.searchParams.get("callbackUrl") === path);
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await pickAccount(page, person);
  await acceptConsentIfAsked(page);
  await page.waitForURL((url) => url.origin === servers.app.url && url.pathname === path);
}

export const radioGroup = (page: Page, name: RegExp) => page.getByRole("radiogroup", { name });

/** The answers fillEveryType gives, as the CSV and the responses page show them. */
export const EVERY_TYPE_ANSWERS = {
  jobTitle: "Head of research",
  improve: "Faster exports, please",
  colour: "Green",
  features: ["Forms", "Export"],
  rating: "4",
  nps: "9",
  renew: "Yes",
  started: "2026-03-15",
} as const;

export async function fillEveryType(page: Page): Promise<void> {
  const a = EVERY_TYPE_ANSWERS;
  await page.getByLabel(/What is your job title\?/).fill(a.jobTitle);
  await page.getByLabel(/What should we improve\?/).fill(a.improve);
  await radioGroup(page, /Favourite colour/)
    .getByLabel(a.colour)
    .check();
  const features = page.getByRole("group", { name: /Which features do you use\?/ });
  for (const feature of a.features) await features.getByLabel(feature).check();
  await radioGroup(page, /How satisfied are you\?/)
    .getByLabel(a.rating, { exact: true })
    .check();
  await radioGroup(page, /How likely are you to recommend us\?/)
    .getByLabel(a.nps, { exact: true })
    .check();
  await radioGroup(page, /Would you renew\?/)
    .getByLabel(a.renew)
    .check();
  await page.getByLabel(/When did you start\?/).fill(a.started);
}

/** Only the four required questions of the every-type survey. */
export async function fillRequired(page: Page): Promise<void> {
  await page.getByLabel(/What is your job title\?/).fill("Analyst");
  await radioGroup(page, /Favourite colour/)
    .getByLabel("Red")
    .check();
  await radioGroup(page, /How satisfied are you\?/)
    .getByLabel("5", { exact: true })
    .check();
  await radioGroup(page, /Would you renew\?/)
    .getByLabel("No")
    .check();
}

export const submitButton = (page: Page) => page.getByRole("button", { name: "Submit answers" });

export async function expectThanks(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you!");
}

/** The form's own message (Next.js keeps an empty route announcer with role="alert" too). */
export const formAlert = (page: Page) => page.locator("form").getByRole("alert");
