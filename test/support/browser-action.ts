// A signed-in server action request, recorded from a real browser: Chromium signs Adele in
// through the emulator, opens the editor of a draft survey and saves its title once. The request
// (session cookie, Next-Action id, Origin, body) can then be repeated: by the bench under load,
// and by the scale-out test against another instance.
import { chromium } from "@playwright/test";
import { CHROMIUM } from "./chromium";

export interface RecordedAction {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

const ADELE = { name: "Adele Vance", login: "adele@contoso.com" };

export async function signInAndCaptureAction(appUrl: string, surveyId: string): Promise<RecordedAction> {
  const browser = await chromium.launch(CHROMIUM);
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, baseURL: appUrl });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
    // Whichever identity provider this instance is configured with.
    await page.waitForURL((url) => !url.href.startsWith(appUrl));
    await page.getByRole("button", { name: `${ADELE.name} (${ADELE.login})` }).click();
    const accept = page.getByRole("button", { name: "Accept" });
    const landed = await Promise.race([
      page.waitForURL((url) => url.href.startsWith(appUrl), { waitUntil: "commit" }).then(() => "app"),
      accept.waitFor().then(() => "consent"),
    ]);
    if (landed === "consent") await accept.click();
    await page.waitForURL((url) => url.href.startsWith(appUrl));

    await page.goto(`/surveys/${surveyId}`);
    const form = page.getByRole("form", { name: "Title and description" });
    await form.getByLabel("Title", { exact: true }).fill("Bench survey (edited)");
    const sent = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
    await form.getByRole("button", { name: "Save title and description" }).click();
    const request = await sent;
    const response = await request.response();
    if (response?.status() !== 200) throw new Error(`the recorded server action answered ${response?.status()}`);
    const cookies = await context.cookies(appUrl);
    const headers = Object.fromEntries(
      Object.entries(await request.allHeaders()).filter(
        ([name]) => !["content-length", "host", "cookie"].includes(name),
      ),
    );
    headers.cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    return { url: request.url(), headers, body: request.postDataBuffer() ?? Buffer.alloc(0) };
  } finally {
    await browser.close();
  }
}
