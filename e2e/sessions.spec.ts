import { type BrowserContext, expect, test } from "@playwright/test";
import { emulatorHooks, people, signIn, userMenu } from "./support/identity";
import { servers } from "./support/servers";

const SESSION_COOKIE = "surveys.session";

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies(servers.app.url)).find((c) => c.name === SESSION_COOKIE);
  expect(cookie, "a session cookie is set").toBeDefined();
  return cookie as NonNullable<typeof cookie>;
}

/** A browser that was closed and opened again: only cookies with an expiry survive. */
async function restarted(context: BrowserContext): Promise<BrowserContext> {
  const kept = (await context.cookies()).filter((c) => c.expires !== -1);
  const browser = context.browser();
  if (!browser) throw new Error("no browser");
  const next = await browser.newContext();
  await next.addCookies(kept);
  return next;
}

test.afterEach(async ({ request }) => {
  await emulatorHooks(request).reset();
});

test("without 'Keep me signed in' the session cookie lives only as long as the browser", async ({ page }) => {
  await signIn(page, people.adele);
  const cookie = await sessionCookie(page.context());
  expect(cookie.expires).toBe(-1);
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");

  // next-auth issues the cookie again on each session read; it must stay a session cookie.
  const refreshed = await page.request.get("/api/auth/session");
  expect(refreshed.ok()).toBe(true);
  const setCookie = refreshed.headers()["set-cookie"] ?? "";
  expect(setCookie).toContain(`${SESSION_COOKIE}=`);
  expect(setCookie).not.toMatch(/expires=|max-age=/i);
  expect((await sessionCookie(page.context())).expires).toBe(-1);

  const reopened = await restarted(page.context());
  const after = await reopened.newPage();
  await after.goto(`${servers.app.url}/`);
  await expect(after.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await reopened.close();
});

test("with 'Keep me signed in' the cookie persists about 30 days and survives a browser restart", async ({ page }) => {
  await signIn(page, people.adele, { keep: true });
  const cookie = await sessionCookie(page.context());
  const days = (cookie.expires - Date.now() / 1000) / 86_400;
  expect(days).toBeGreaterThan(29.9);
  expect(days).toBeLessThanOrEqual(30);

  const refreshed = await page.request.get("/api/auth/session");
  expect(refreshed.headers()["set-cookie"] ?? "").toMatch(/expires=/i);

  const reopened = await restarted(page.context());
  const after = await reopened.newPage();
  await after.goto(`${servers.app.url}/`);
  await expect(userMenu(after)).toContainText("Adele Vance");
  await reopened.close();
});
