// Tokens on the person's behalf, seen from the browser (issue 5): a sign-in redeems its code once
// and hands the refresh token to msal; a server action after the access token expired succeeds
// through one silent refresh, and twenty at once share it; an expired refresh token sends the
// person through sign-in and back to the page they were on. What reached the identity provider is
// counted by the emulator, never by the app.
import { expect, type Page, type Request, test } from "@playwright/test";
import type { TokenRequestCounts } from "@/emulator/token-request-counter";
import { createSurvey, uniqueTitle } from "./support/api-seed";
import { acceptConsentIfAsked, emulatorHooks, people, pickAccount, signIn } from "./support/identity";

/**
 * msal (and our memo) treat a token as expired 300 s before its end, so a 301 s token is stale for
 * the app about 2 s after it was issued. The emulator's clock stays: tokens it issued "in the
 * future" would not be valid yet for the API, which checks them on our clock.
 */
const SHORT_LIFETIME = 301;

test.afterEach(async ({ request }) => {
  await emulatorHooks(request).reset();
});

/** What `work` caused at the token endpoint: the difference of the emulator's counts. */
async function tokenRequestsDuring(
  hooks: ReturnType<typeof emulatorHooks>,
  work: () => Promise<unknown>,
): Promise<Pick<TokenRequestCounts, "total" | "byGrantType" | "refusedByCode">> {
  const before = await hooks.tokenRequests();
  await work();
  const after = await hooks.tokenRequests();
  const difference = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(a)
        .map(([key, count]) => [key, count - (b[key] ?? 0)] as const)
        .filter(([, count]) => count > 0),
    );
  return {
    total: after.total - before.total,
    byGrantType: difference(after.byGrantType, before.byGrantType),
    refusedByCode: difference(after.refusedByCode, before.refusedByCode),
  };
}

async function letAccessTokensExpire(page: Page): Promise<void> {
  await page.waitForTimeout(2_200);
}

/** The editor's title form; saving it is a server action that calls the Survey API. */
async function saveTitle(page: Page, title: string): Promise<void> {
  const details = page.getByRole("form", { name: "Title and description" });
  await details.getByLabel("Title", { exact: true }).fill(title);
  await details.getByRole("button", { name: "Save title and description" }).click();
}

test("a sign-in redeems its authorization code exactly once; the next server actions need no identity provider", async ({
  page,
  request,
}) => {
  const hooks = emulatorHooks(request);
  const survey = await createSurvey(request, people.adele, { title: uniqueTitle("One code") });
  const signInRequests = await tokenRequestsDuring(hooks, () => signIn(page, people.adele));
  // next-auth redeems the code; msal takes over the refresh token with one refresh grant.
  expect(signInRequests.byGrantType).toEqual({ authorization_code: 1, refresh_token: 1 });
  expect(signInRequests.refusedByCode, "AADSTS54005: a code redeemed twice").toEqual({});

  await page.goto(`/surveys/${survey.id}`);
  const warm = await tokenRequestsDuring(hooks, async () => {
    for (const n of [1, 2, 3]) {
      await saveTitle(page, `${survey.title} (${n})`);
      await expect(page.getByText("Saved.")).toBeVisible();
    }
  });
  expect(warm.total, "warm token cache: no identity provider round trip").toBe(0);
});

test("after the access token expires a server action succeeds through one silent refresh; twenty at once share one", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const hooks = emulatorHooks(request);
  const survey = await createSurvey(request, people.adele, { title: uniqueTitle("Renewal") });
  await hooks.setAccessTokenLifetime(SHORT_LIFETIME);
  await signIn(page, people.adele);
  await page.goto(`/surveys/${survey.id}`);

  await letAccessTokensExpire(page);
  let action: Request | undefined;
  const renewed = await tokenRequestsDuring(hooks, async () => {
    const sent = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
    await saveTitle(page, `${survey.title} renewed`);
    action = await sent;
    await expect(page.getByText("Saved.")).toBeVisible();
  });
  expect(renewed.byGrantType).toEqual({ refresh_token: 1 });
  await page.reload();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(`${survey.title} renewed`);

  // The same server action twenty times at once, as the browser sent it (its cookie, its Origin).
  if (!action) throw new Error("no server action request was seen");
  const headers = Object.fromEntries(
    Object.entries(await action.allHeaders()).filter(([name]) => !["cookie", "content-length", "host"].includes(name)),
  );
  const body = action.postDataBuffer() ?? Buffer.alloc(0);
  const url = action.url();
  await letAccessTokensExpire(page);
  const statuses: number[] = [];
  const burst = await tokenRequestsDuring(hooks, async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => page.request.fetch(url, { method: "POST", headers, data: body })),
    );
    for (const response of responses) statuses.push(response.status());
  });
  expect(statuses).toEqual(Array(20).fill(200));
  expect(burst.byGrantType, "exactly one refresh for twenty concurrent actions").toEqual({ refresh_token: 1 });
});

test("with the refresh token expired (AADSTS700082) the person signs in again and lands on the same page", async ({
  page,
  request,
}) => {
  const hooks = emulatorHooks(request);
  const survey = await createSurvey(request, people.adele, { title: uniqueTitle("Expired") });
  await hooks.setAccessTokenLifetime(SHORT_LIFETIME);
  await signIn(page, people.adele);
  const editor = `/surveys/${survey.id}`;
  await page.goto(editor);

  // 91 days without use: the refresh token's inactivity limit (90 days) has passed.
  await letAccessTokensExpire(page);
  await hooks.advanceClock(91 * 86_400);
  const refused = await tokenRequestsDuring(hooks, async () => {
    await saveTitle(page, `${survey.title} later`);
    await page.waitForURL((url) => url.pathname === "/signin");
  });
  expect(refused.refusedByCode).toEqual({ "700082": 1 });
  // Back to today, or the new sign-in's tokens would not be valid yet for the app.
  await hooks.resetClock();
  const signInUrl = new URL(page.url());
  expect(signInUrl.searchParams.get("reauth")).toBe("expired");
  expect(signInUrl.searchParams.get("callbackUrl")).toBe(editor);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in again to continue");

  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await pickAccount(page, people.adele);
  await acceptConsentIfAsked(page);
  await page.waitForURL((url) => url.pathname === editor);
  await saveTitle(page, `${survey.title} later`);
  await expect(page.getByText("Saved.")).toBeVisible();
});
