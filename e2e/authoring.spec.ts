// Authoring in the browser: a creator builds, edits, reorders, configures, publishes and shares a
// survey; invalid input is refused next to the field with nothing lost; a published survey is
// read-only with its reason; a survey admin runs anyone's survey, a reader only looks.
import { expect, test } from "@playwright/test";
import { people, signIn } from "./support/identity";
import { servers } from "./support/servers";
import {
  addQuestion,
  addQuestionForm,
  createSurvey,
  expectAccessible,
  expectFitsNarrowScreen,
  fillOptions,
  questionCard,
  questionCards,
  uniqueTitle,
} from "./support/surveys-ui";

test("a creator builds a survey with every question type, configures, publishes and shares it", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: servers.app.url });
  await signIn(page, people.adele);

  // Create: an empty title is refused next to the field; the description typed stays.
  await page.goto("/surveys/new");
  await expectAccessible(page);
  await page.getByLabel("Description").fill("What the team thinks of Fridays");
  await page.getByRole("button", { name: "Create survey" }).click();
  const title = page.getByLabel("Title", { exact: true });
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a title.")).toBeVisible();
  await expect(page.getByLabel("Description")).toHaveValue("What the team thinks of Fridays");
  const surveyTitle = uniqueTitle("Team Fridays");
  await title.fill(surveyTitle);
  await page.getByRole("button", { name: "Create survey" }).click();
  await page.waitForURL(/\/surveys\/[0-9a-f-]{36}$/);
  const surveyId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(surveyTitle);
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();

  // A choice question without options is refused and keeps what was typed; then it gets two.
  const form = addQuestionForm(page);
  await form.getByLabel("Type", { exact: true }).selectOption({ label: "Single choice" });
  await form.getByLabel("Question", { exact: true }).fill("Favourite day?");
  await form.getByRole("button", { name: "Remove option 2" }).click();
  await form.getByRole("button", { name: "Remove option 1" }).click();
  await form.getByRole("button", { name: "Add question" }).click();
  await expect(form.getByText("Give at least 2 options.")).toBeVisible();
  await expect(form.getByLabel("Question", { exact: true })).toHaveValue("Favourite day?");
  await fillOptions(form, ["Monday", "Friday"]);
  await form.getByRole("button", { name: "Add question" }).click();
  await expect(form.getByText("Added question “Favourite day?”.")).toBeVisible();
  await expect(questionCard(page, 1).getByLabel("Question", { exact: true })).toHaveValue("Favourite day?");

  await addQuestion(page, { type: "Short text", text: "Your team", required: true });
  await addQuestion(page, { type: "Long text", text: "What would you change?" });
  await addQuestion(page, { type: "Multiple choice", text: "Snacks", options: ["Fruit", "Cake", "Crisps"] });
  await addQuestion(page, { type: "Rating 1–5", text: "Rate Fridays" });
  await addQuestion(page, { type: "NPS 0–10", text: "Recommend Fridays?" });
  await addQuestion(page, { type: "Yes / no", text: "Keep Fridays?" });
  await addQuestion(page, { type: "Date", text: "Next team day" });
  await expect(questionCards(page)).toHaveCount(8);

  // Edit options: rename one, remove one, add one; saved and still there after a reload.
  const snacks = questionCard(page, 4);
  const snackOptions = snacks.getByRole("group", { name: "Options" }).getByRole("textbox");
  await snackOptions.nth(1).fill("Cookies");
  await snacks.getByRole("button", { name: "Remove option 3" }).click();
  await snacks.getByRole("button", { name: "Add option" }).click();
  await expect(snackOptions.nth(2)).toBeFocused();
  await snackOptions.nth(2).fill("Nothing");
  await snacks.getByRole("button", { name: "Save question" }).click();
  await expect(snacks.getByText("Saved.")).toBeVisible();
  // An empty option label is refused on that very option, the others kept as typed.
  await snackOptions.nth(0).fill("");
  await snacks.getByRole("button", { name: "Save question" }).click();
  await expect(snackOptions.nth(0)).toHaveAttribute("aria-invalid", "true");
  await expect(snacks.getByText("Every option needs a label.")).toBeVisible();
  await expect(snackOptions.nth(2)).toHaveValue("Nothing");
  await page.reload();
  const reloaded = questionCard(page, 4).getByRole("group", { name: "Options" }).getByRole("textbox");
  await expect(reloaded).toHaveCount(3);
  expect(await reloaded.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([
    "Fruit",
    "Cookies",
    "Nothing",
  ]);

  // Reorder with the keyboard only; focus follows the moved question.
  const moveDown = questionCard(page, 1).getByRole("button", { name: "Move down" });
  await moveDown.focus();
  await page.keyboard.press("Enter");
  await expect(questionCard(page, 2).getByLabel("Question", { exact: true })).toHaveValue("Favourite day?");
  await expect(questionCard(page, 1).getByLabel("Question", { exact: true })).toHaveValue("Your team");
  await expect(questionCard(page, 2).getByRole("button", { name: "Move down" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(questionCard(page, 2).getByRole("button", { name: "Move up" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(questionCard(page, 1).getByLabel("Question", { exact: true })).toHaveValue("Favourite day?");
  // At the top "Move up" is disabled, so focus lands on "Move down" of the same question.
  await expect(questionCard(page, 1).getByRole("button", { name: "Move down" })).toBeFocused();

  // Duplicate: the copy comes right after, its text field focused; then delete it, after confirming.
  await questionCard(page, 3).getByRole("button", { name: "Duplicate" }).click();
  await expect(questionCards(page)).toHaveCount(9);
  await expect(questionCard(page, 4).getByLabel("Question", { exact: true })).toHaveValue("What would you change?");
  await expect(questionCard(page, 4).getByLabel("Question", { exact: true })).toBeFocused();
  await questionCard(page, 4).getByRole("button", { name: "Delete question 4" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete question 4?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(questionCards(page)).toHaveCount(9);
  await questionCard(page, 4).getByRole("button", { name: "Delete question 4" }).click();
  await dialog.getByRole("button", { name: "Delete question" }).click();
  await expect(questionCards(page)).toHaveCount(8);
  await expect(questionCard(page, 4).getByLabel("Question", { exact: true })).toHaveValue("Snacks");

  // Title: an empty one is refused and stays empty for fixing; the description is kept.
  const details = page.getByRole("form", { name: "Title and description" });
  await details.getByLabel("Title", { exact: true }).fill("   ");
  await details.getByRole("button", { name: "Save title and description" }).click();
  await expect(details.getByText("Enter a title.")).toBeVisible();
  await expect(details.getByLabel("Title", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await details.getByLabel("Title", { exact: true }).fill(surveyTitle);
  await details.getByRole("button", { name: "Save title and description" }).click();
  await expect(details.getByText("Saved.")).toBeVisible();

  // Settings: audience, closing date, response limit (an invalid limit is refused, kept, fixed).
  const settings = page.getByRole("form", { name: "Settings" });
  await settings.getByLabel("Signed-in people of any registered organization").check();
  await settings.getByLabel("Closing date").fill("2099-12-31T17:00");
  await settings.getByLabel("Response limit").fill("0");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText("The response limit is at least 1.")).toBeVisible();
  await expect(settings.getByLabel("Response limit")).toHaveAttribute("aria-invalid", "true");
  await expect(settings.getByLabel("Closing date")).toHaveValue("2099-12-31T17:00");
  await settings.getByLabel("Response limit").fill("50");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Signed-in people of any registered organization")).toBeChecked();
  await expect(page.getByLabel("Closing date")).toHaveValue("2099-12-31T17:00");
  await expect(page.getByLabel("Response limit")).toHaveValue("50");
  await expectAccessible(page);
  await expectFitsNarrowScreen(page);

  // Publish: the share link and its QR code; the questions become read-only, saying why.
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published", { exact: true })).toBeVisible();
  const link = page.getByRole("textbox", { name: "Share link" });
  await expect(link).toHaveValue(new RegExp(`^${servers.app.url}/s/[0-9a-f-]{36}/${surveyId}$`));
  await expect(page.getByRole("img", { name: /^QR code of the share link/ })).toBeVisible();
  await expect(page.locator(".qr-code svg")).toBeVisible();
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByText("Link copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await link.inputValue());
  await expect(page.getByRole("note")).toContainText("Unpublish to edit");
  await expect(page.getByRole("button", { name: "Save question" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add question" })).toHaveCount(0);
  await expectAccessible(page);
  await expectFitsNarrowScreen(page);

  // The lists show it with its status.
  await page.goto("/surveys");
  const mine = page
    .getByRole("list", { name: "Surveys you own" })
    .getByRole("listitem")
    .filter({ hasText: surveyTitle });
  await expect(mine).toContainText("Published");
  await expectAccessible(page);
  await page.goto("/surveys/tenant");
  await expect(page.getByRole("listitem").filter({ hasText: surveyTitle })).toContainText("Published");
  await expectAccessible(page);
  await page.getByRole("link", { name: surveyTitle }).click();
  await expect(page).toHaveURL(`/surveys/${surveyId}`);
});

test("an edit sent after the survey was published elsewhere is refused with the API's reason", async ({
  page,
  context,
  request,
}) => {
  await signIn(page, people.adele);
  const surveyTitle = uniqueTitle("Published meanwhile");
  const surveyId = await createSurvey(page, surveyTitle);
  await addQuestion(page, { type: "Short text", text: "First question" });
  const settings = page.getByRole("form", { name: "Settings" });
  await settings.getByLabel("Anyone with the link").check();
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText("Saved.")).toBeVisible();

  // A second tab publishes; the first still shows the draft editor.
  const other = await context.newPage();
  await other.goto(`/surveys/${surveyId}`);
  await other.getByRole("button", { name: "Publish" }).click();
  await expect(other.getByText("Published", { exact: true })).toBeVisible();

  const card = questionCard(page, 1);
  await card.getByLabel("Question", { exact: true }).fill("Changed too late");
  await card.getByRole("button", { name: "Save question" }).click();
  await expect(card.getByRole("alert")).toContainText("This survey is published, so it cannot be edited.");
  await expect(card.getByLabel("Question", { exact: true })).toHaveValue("Changed too late");

  // Someone answers (the survey is open to anyone with the link): back to draft is refused, with why.
  const shareLink = await other.getByRole("textbox", { name: "Share link" }).inputValue();
  const [tenantId] = new URL(shareLink).pathname.split("/").slice(2);
  const answered = await request.post(`/api/v1/forms/${tenantId}/${surveyId}/responses`, {
    data: { submissionKey: `authoring-${Date.now()}`, answers: {} },
  });
  expect(answered.status()).toBe(201);
  await other.getByRole("button", { name: "Unpublish" }).click();
  await expect(other.getByRole("main").getByRole("alert").filter({ hasText: "has responses" })).toContainText(
    "The survey has responses, so it can no longer go back to draft; close it instead.",
  );
  await other.getByRole("button", { name: "Close", exact: true }).click();
  await expect(other.getByText("Closed", { exact: true })).toBeVisible();
  await other.getByRole("button", { name: "Reopen" }).click();
  await expect(other.getByText("Published", { exact: true })).toBeVisible();
});

test("a survey admin publishes, unpublishes and deletes a creator's survey; a reader can only look", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  await signIn(page, people.adele);
  const surveyTitle = uniqueTitle("Admin reach");
  const surveyId = await createSurvey(page, surveyTitle);
  await addQuestion(page, { type: "Yes / no", text: "Is this fine?" });

  // Alex, a reader of Contoso: the survey opens read-only, with no edit or lifecycle controls.
  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  await signIn(reader, people.alex);
  await reader.goto(`/surveys/${surveyId}`);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(surveyTitle);
  await expect(reader.getByRole("note")).toContainText("You can view this survey.");
  await expect(reader.getByText("Is this fine?")).toBeVisible();
  for (const name of ["Save question", "Add question", "Publish", "Delete survey", "Save settings"]) {
    await expect(reader.getByRole("button", { name })).toHaveCount(0);
  }
  await expect(reader.getByRole("textbox")).toHaveCount(0);
  await expectAccessible(reader);
  // No Create for readers: the page answers 403.
  const create = await reader.goto("/surveys/new");
  expect(create?.status()).toBe(403);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("You don't have access to this page");
  await readerContext.close();

  // Megan, SurveyAdmin of Contoso: publishes, unpublishes and deletes Adele's survey.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, people.megan);
  await admin.goto("/surveys/tenant");
  await admin.getByRole("link", { name: surveyTitle }).click();
  await admin.getByRole("button", { name: "Publish" }).click();
  await expect(admin.getByText("Published", { exact: true })).toBeVisible();
  await admin.getByRole("button", { name: "Unpublish" }).click();
  await expect(admin.getByText("Draft", { exact: true })).toBeVisible();
  await admin.getByRole("button", { name: "Delete survey" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Delete survey" }).click();
  await admin.waitForURL("/surveys/tenant");
  await expect(admin.getByRole("link", { name: surveyTitle })).toHaveCount(0);
  await adminContext.close();

  const gone = await page.goto(`/surveys/${surveyId}`);
  expect(gone?.status()).toBe(404);
});
