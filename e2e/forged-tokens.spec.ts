// The callback refuses every broken ID token and every replay, in a real browser: the emulator
// (test mode) breaks the next ID token in one chosen way; our callback must notice.
import { expect, type Page, test } from "@playwright/test";
import { ID_TOKEN_TAMPERS } from "../emulator/protocol/id-token-tampering";
import { emulatorHooks, people, pickAccount, startSignIn, userMenu } from "./support/identity";
import { servers } from "./support/servers";

test.afterEach(async ({ request }) => {
  await emulatorHooks(request).reset();
});

async function expectRefused(page: Page) {
  await page.waitForURL((url) => url.origin === servers.app.url && url.pathname === "/auth/error");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn't verify that sign-in");
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
}

for (const kind of ID_TOKEN_TAMPERS) {
  test(`an ID token with ${kind} is refused at the callback`, async ({ page, request }) => {
    await emulatorHooks(request).tamperNextIdToken(kind);
    await startSignIn(page);
    await pickAccount(page, people.adele);
    await expectRefused(page);
  });
}

/** Signs in and returns the callback URL the browser was sent to (code and state). */
async function signInCapturingCallback(page: Page): Promise<string> {
  let callback = "";
  page.on("request", (request) => {
    if (request.url().startsWith(`${servers.app.url}/api/auth/callback/azure-ad?`)) callback = request.url();
  });
  await startSignIn(page);
  await pickAccount(page, people.adele);
  await page.waitForURL(`${servers.app.url}/`);
  await expect(userMenu(page)).toContainText("Adele Vance");
  expect(callback).not.toBe("");
  return callback;
}

test("replaying a completed callback (same code, same state) is refused", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const callback = await signInCapturingCallback(page);
  await context.clearCookies();
  await page.goto(callback);
  await expectRefused(page);
  await context.close();
});

test("a foreign state and a replayed code are refused", async ({ browser }) => {
  const first = await browser.newContext();
  const used = new URL(await signInCapturingCallback(await first.newPage()));
  await first.close();

  for (const swap of ["state", "code"] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // This browser's own sign-in, held before the callback (its state and PKCE cookies are
    // set): the emulator's redirect to the callback is caught, then sent on with one parameter
    // swapped for the other sign-in's. (Playwright does not route redirected navigations, so the
    // emulator's response is fetched here instead of followed.)
    await startSignIn(page);
    let own = "";
    const emulator = (url: URL) => url.origin === servers.emulator.url;
    await page.route(emulator, async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const location = response.headers().location ?? "";
      if (!location.startsWith(`${servers.app.url}/api/auth/callback/azure-ad?`)) return route.fulfill({ response });
      own = location;
      await route.fulfill({ status: 200, contentType: "text/plain", body: "held" });
    });
    await pickAccount(page, people.adele);
    await expect.poll(() => own).not.toBe("");
    await page.unroute(emulator);
    const forged = new URL(own);
    forged.searchParams.set(swap, used.searchParams.get(swap) ?? "");
    await page.goto(forged.toString());
    await expectRefused(page);
    await context.close();
  }
});
