// Accessibility (issue 6, item 7): axe finds no serious or critical violation on the pages of
// answering and results (and the editor), a survey can be answered with the keyboard alone, and
// the answer page fits a 320 px screen.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test } from "@playwright/test";
import {
  answerUrl,
  changeStatus,
  createPublishedSurvey,
  listResponses,
  seedResponses,
  uniqueTitle,
} from "./support/api-seed";
import { people, signIn } from "./support/identity";
import { expectThanks, fillRequired, radioGroup, submitButton } from "./support/respondent";

async function expectNoSeriousViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, what).toEqual([]);
}

const openSurvey = (request: Parameters<typeof createPublishedSurvey>[0], title: string) =>
  createPublishedSurvey(request, people.adele, {
    title: uniqueTitle(title),
    settings: { audience: "ANYONE_WITH_LINK" },
  });

test("the home page, signed out and signed in", async ({ page }) => {
  await page.goto("/");
  await expectNoSeriousViolations(page, "home, signed out");
  await signIn(page, people.adele);
  await expect(page.getByRole("navigation", { name: "Quick links" })).toContainText("Create a survey");
  await expectNoSeriousViolations(page, "home, signed in");
});

test("the answer page (fresh and with errors), the thank-you page and a closed survey's page", async ({
  page,
  request,
}) => {
  const survey = await openSurvey(request, "Axe answering");
  await page.goto(answerUrl(survey));
  await expectNoSeriousViolations(page, "answer page");
  await submitButton(page).click();
  await expect(page.locator(".field-error").first()).toBeVisible();
  await expectNoSeriousViolations(page, "answer page with errors");
  await fillRequired(page);
  await submitButton(page).click();
  await expectThanks(page);
  await expectNoSeriousViolations(page, "thank-you page");

  await changeStatus(request, people.adele, survey.id, "close");
  await page.goto(answerUrl(survey));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This survey is closed");
  await expectNoSeriousViolations(page, "closed survey page");
});

test("the results pages and the editor", async ({ page, request }) => {
  const survey = await openSurvey(request, "Axe results");
  await seedResponses(request, survey, 25);
  await signIn(page, people.adele, { from: `/surveys/${survey.id}/results` });
  await expect(page.getByText("25 responses")).toBeVisible();
  await expectNoSeriousViolations(page, "results");
  await page.getByRole("link", { name: "Individual responses" }).click();
  await expect(page.getByRole("article").first()).toBeVisible();
  await expectNoSeriousViolations(page, "individual responses");
  await page.goto(`/surveys/${survey.id}/results/questions/${survey.questions[1]?.id}?search=Comment`);
  await expectNoSeriousViolations(page, "text answers");
  const editor = await page.goto(`/surveys/${survey.id}`);
  if (editor?.status() === 200) await expectNoSeriousViolations(page, "editor");
  else test.info().annotations.push({ type: "skipped", description: "no editor page in this build" });
});

/** Presses Tab until `target` has focus: proves it is reachable from the keyboard, in order. */
async function tabTo(page: Page, target: Locator, most = 15) {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("a survey can be answered with the keyboard alone", async ({ page, request }) => {
  const survey = await openSurvey(request, "Keyboard");
  await page.goto(answerUrl(survey));
  await tabTo(page, page.getByLabel(/What is your job title\?/), 30);
  await page.keyboard.type("Keyboard user");
  await tabTo(page, page.getByLabel(/What should we improve\?/));
  await page.keyboard.type("Nothing");
  // Radio groups: Tab enters the group, arrow keys choose.
  await tabTo(page, radioGroup(page, /Favourite colour/).getByLabel("Red"));
  await page.keyboard.press("ArrowDown");
  await expect(radioGroup(page, /Favourite colour/).getByLabel("Green")).toBeChecked();
  const features = page.getByRole("group", { name: /Which features/ });
  await tabTo(page, features.getByLabel("Forms"));
  await page.keyboard.press("Space");
  await tabTo(page, features.getByLabel("Export"));
  await page.keyboard.press("Space");
  await tabTo(page, radioGroup(page, /How satisfied/).getByLabel("1", { exact: true }));
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await tabTo(page, radioGroup(page, /recommend us/).getByLabel("0", { exact: true }));
  for (let i = 0; i < 9; i++) await page.keyboard.press("ArrowRight");
  await tabTo(page, radioGroup(page, /Would you renew/).getByLabel("Yes"));
  await page.keyboard.press("Space");
  await expect(page.getByText("Answered 7 of 8 questions")).toBeVisible();
  await tabTo(page, submitButton(page));
  await page.keyboard.press("Enter");
  await expectThanks(page);

  const [response] = (await listResponses(request, people.adele, survey.id)).items;
  const value = (index: number) => response?.answers.find((a) => a.questionId === survey.questions[index]?.id)?.value;
  const colour = survey.questions[2];
  const featureQuestion = survey.questions[3];
  expect(value(0)).toBe("Keyboard user");
  expect(value(2)).toBe(colour && "options" in colour ? colour.options[1]?.id : "?");
  expect(value(3)).toEqual(
    featureQuestion && "options" in featureQuestion
      ? [featureQuestion.options[0]?.id, featureQuestion.options[2]?.id]
      : [],
  );
  expect([value(4), value(5), value(6)]).toEqual([4, 9, true]);
});

test("the answer page and the results fit a 320 px wide screen", async ({ page, request }) => {
  const survey = await openSurvey(request, "Narrow");
  await seedResponses(request, survey, 3);
  await page.setViewportSize({ width: 320, height: 800 });
  // How far the page scrolls sideways, and which elements stick out (to say what to fix).
  const overflow = () =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll("body *")]
        // What a visually hidden box holds is clipped by it: it can stick out without being seen.
        .filter((element) => !element.closest(".visually-hidden"))
        .filter((element) => element.getBoundingClientRect().right > width + 0.5)
        .slice(0, 5)
        .map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute("class") ?? ""}`);
      return { by: document.documentElement.scrollWidth - width, wide };
    });
  await page.goto(answerUrl(survey));
  await expect(submitButton(page)).toBeVisible();
  expect(await overflow(), "answer page scrolls sideways").toEqual({ by: 0, wide: [] });
  await signIn(page, people.adele, { from: `/surveys/${survey.id}/results` });
  await expect(page.getByText("3 responses")).toBeVisible();
  expect(await overflow(), "results page scrolls sideways").toEqual({ by: 0, wide: [] });
});
