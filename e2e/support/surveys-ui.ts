// Building surveys as a person does it, through the editor, plus the checks the authoring and
// contributor specs share: axe, and the emulator's Graph outbox (where invitation mails land).
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Locator, type Page } from "@playwright/test";
import { servers } from "./servers";

// One way to make titles unique per run and call, shared with the API seeding.
export { uniqueTitle } from "./api-seed";

/** Creates a draft on /surveys/new and returns its id (the editor's URL). */
export async function createSurvey(page: Page, title: string, description = ""): Promise<string> {
  await page.goto("/surveys/new");
  await page.getByLabel("Title").fill(title);
  if (description) await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Create survey" }).click();
  await page.waitForURL(/\/surveys\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  return new URL(page.url()).pathname.split("/").at(-1) ?? "";
}

export interface NewQuestion {
  /** The type's label in the Type select, e.g. "Single choice". */
  type: string;
  text: string;
  options?: string[];
  required?: boolean;
}

export const addQuestionForm = (page: Page) => page.getByRole("region", { name: "Add a question" });

/** Every question card of the editor, in order. */
export const questionCards = (page: Page) =>
  page.getByRole("list", { name: "Questions" }).getByRole("region", { name: /^Question \d+\b/ });

/** The n-th question's card (1-based) in the editor. */
export const questionCard = (page: Page, n: number) =>
  page.getByRole("region", { name: new RegExp(`^Question ${n}\\b`) });

/** Fills option inputs of a question form; adds rows when there are fewer than needed. */
export async function fillOptions(form: Locator, labels: string[]): Promise<void> {
  const inputs = form.getByRole("group", { name: "Options" }).getByRole("textbox");
  for (const [index, label] of labels.entries()) {
    if ((await inputs.count()) <= index) await form.getByRole("button", { name: "Add option" }).click();
    await inputs.nth(index).fill(label);
  }
}

export async function addQuestion(page: Page, question: NewQuestion): Promise<void> {
  const form = addQuestionForm(page);
  await form.getByLabel("Type", { exact: true }).selectOption({ label: question.type });
  await form.getByLabel("Question", { exact: true }).fill(question.text);
  if (question.required) await form.getByLabel("Required", { exact: true }).check();
  if (question.options) await fillOptions(form, question.options);
  await form.getByRole("button", { name: "Add question" }).click();
  await expect(form.getByText(`Added question “${question.text}”.`)).toBeVisible();
  // The new card arrives with the refreshed page, at the end of the list.
  const last = questionCards(page).last();
  await expect(last.getByLabel("Question", { exact: true })).toHaveValue(question.text);
}

/** Zero serious or critical axe violations on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad, `axe on ${page.url()}`).toEqual([]);
}

/** At a phone's width (320 px) nothing makes the page scroll sideways; the viewport is restored after. */
export async function expectFitsNarrowScreen(page: Page): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 720 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (before) await page.setViewportSize(before);
  expect(overflow, `horizontal overflow at 320 px on ${page.url()}`).toBeLessThanOrEqual(0);
}

interface SentMail {
  subject: string;
  toRecipients: string[];
  body: { content: string };
}

/** The accept link of the newest invitation mail to `address` about `surveyTitle` in the emulator's outbox. */
export async function invitationLinkFor(request: APIRequestContext, address: string, surveyTitle: string) {
  let link = "";
  await expect
    .poll(async () => {
      const response = await request.get(`${servers.emulator.url}/__test/outbox`);
      const { value } = (await response.json()) as { value: SentMail[] };
      const mail = value.filter((m) => m.toRecipients.includes(address) && m.subject.includes(surveyTitle)).at(-1);
      const href = mail && /href="([^"]+)"/.exec(mail.body.content)?.[1];
      link = href ? href.replaceAll("&amp;", "&") : "";
      return link;
    })
    .toMatch(/\/invitations\/accept\?/);
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}
