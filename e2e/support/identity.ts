// Sign-in and sign-up as a person does it: through our pages and the emulator's, in the browser.
import { type APIRequestContext, expect, type Locator, type Page } from "@playwright/test";
import type { TokenRequestCounts } from "@/emulator/token-request-counter";
import { servers } from "./servers";

export interface Person {
  name: string;
  login: string;
}

export const people = {
  megan: { name: "Megan Bowen", login: "megan@contoso.com" }, // Contoso admin, SurveyAdmin
  adele: { name: "Adele Vance", login: "adele@contoso.com" }, // Contoso SurveyCreator
  alex: { name: "Alex Wilber", login: "alex@contoso.com" }, // Contoso, no role (reader)
  diego: { name: "Diego Siciliani", login: "diego@fabrikam.com" }, // Fabrikam admin, SurveyAdmin
  lee: { name: "Lee Gu", login: "lee@fabrikam.com" }, // Fabrikam SurveyCreator
  lynne: { name: "Lynne Robbins", login: "lynne@fabrikam.com" }, // Fabrikam reader
  nestor: { name: "Nestor Wilke", login: "nestor@northwindtraders.com" }, // Northwind admin (not consented)
  patti: { name: "Patti Fernandez", login: "patti@northwindtraders.com" }, // Northwind user
  isaiah: { name: "Isaiah Langer", login: "isaiah@tailspintoys.com" }, // Tailspin: never signs up
  pat: { name: "Pat Personal", login: "pat.personal@outlook.com" }, // personal Microsoft account
} satisfies Record<string, Person>;

/** On the emulator's sign-in page: pick the person (no passwords in the emulator). */
export async function pickAccount(page: Page, person: Person): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${servers.emulator.url}/`));
  await page.getByRole("button", { name: `${person.name} (${person.login})` }).click();
}

/** Accepts the emulator's consent page if it shows (first sign-in of a person to the app). */
export async function acceptConsentIfAsked(page: Page): Promise<void> {
  const accept = page.getByRole("button", { name: "Accept" });
  const outcome = await Promise.race([
    page.waitForURL((url) => url.origin === servers.app.url, { waitUntil: "commit" }).then(() => "app"),
    accept.waitFor().then(() => "consent"),
  ]);
  if (outcome === "consent") await accept.click();
}

/** An admin assigns an app role in the directory (the emulator's portal, in a page of its own). */
export async function assignRoleInPortal(page: Page, tenant: string, person: Person, role: string): Promise<void> {
  const portal = await page.context().newPage();
  await portal.goto(`${servers.emulator.url}/portal?tenant=${tenant}`);
  await portal.getByLabel("User", { exact: true }).selectOption({ label: `${person.name} (${person.login})` });
  await portal.getByLabel("Role", { exact: true }).selectOption({ label: `Surveys: ${role}` });
  await portal.getByRole("button", { name: "Assign role" }).click();
  await expect(portal.getByRole("status")).toHaveText(`Assigned ${role}.`);
  await portal.close();
}

/** Starts sign-in on our page; leaves the browser on the emulator. */
export async function startSignIn(page: Page, options: { keep?: boolean; from?: string } = {}): Promise<void> {
  const query = options.from ? `?${new URLSearchParams({ callbackUrl: options.from })}` : "";
  await page.goto(`/signin${query}`);
  if (options.keep) await page.getByLabel("Keep me signed in").check();
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await page.waitForURL((url) => url.origin === servers.emulator.url);
}

/** A complete sign-in that should succeed; ends back in the app, signed in. */
export async function signIn(page: Page, person: Person, options: { keep?: boolean; from?: string } = {}) {
  await startSignIn(page, options);
  await pickAccount(page, person);
  await acceptConsentIfAsked(page);
  await page.waitForURL((url) => url.origin === servers.app.url);
  await expect(userMenu(page)).toContainText(person.name);
}

/** The signed-in person's menu in the header (a disclosure: its summary names person and tenant). */
export function userMenu(page: Page): Locator {
  return page.getByRole("navigation", { name: "Main" }).locator("summary");
}

export async function signOut(page: Page): Promise<void> {
  await userMenu(page).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${servers.app.url}/`);
}

/**
 * Signs up the person's organization end to end: our page, Entra's admin consent (the person
 * must be an admin), then the verified sign-in. Idempotent: signing up again only re-consents.
 */
export async function signUpOrganization(page: Page, admin: Person): Promise<void> {
  await page.goto("/signup");
  await page.getByRole("button", { name: "Continue to Microsoft" }).click();
  await pickAccount(page, admin);
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByRole("heading", { name: "Consent recorded — one more step" })).toBeVisible();
  await page.getByRole("button", { name: "Sign in to finish" }).click();
  await pickAccount(page, admin);
  await acceptConsentIfAsked(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/ is signed up$/);
}

export const emulatorHooks = (request: APIRequestContext) => {
  const post = async (path: string, data: unknown = {}) => {
    const response = await request.post(`${servers.emulator.url}/__test${path}`, { data });
    expect(response.ok(), `emulator hook ${path}`).toBe(true);
  };
  return {
    reset: () => post("/reset"),
    tamperNextIdToken: (kind: string) => post("/tamper-id-token", { kind }),
    failNextAuthorize: (code: number) => post("/faults", { endpoint: "authorize", code }),
    advanceClock: (seconds: number) => post("/clock", { advanceSeconds: seconds }),
    resetClock: () => post("/clock", { reset: true }),
    setAccessTokenLifetime: (seconds: number | null) => post("/lifetimes", { accessTokenSeconds: seconds }),
    /** What reached the emulator's token endpoint since its last reset (counts only grow). */
    tokenRequests: async (): Promise<TokenRequestCounts> => {
      const response = await request.get(`${servers.emulator.url}/__test/state`);
      expect(response.ok(), "emulator state").toBe(true);
      return ((await response.json()) as { tokenRequests: TokenRequestCounts }).tokenRequests;
    },
  };
};
