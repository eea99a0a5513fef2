// Answering surveys in the browser (issue 6, item 5): every survey here is created and published
// through the Survey API by a Contoso creator (support/api-seed.ts); respondents use the page.
import { expect, type Page, test } from "@playwright/test";
import {
  answerUrl,
  changeStatus,
  createPublishedSurvey,
  createSurvey,
  crowdAddress,
  EVERY_QUESTION_TYPE,
  listResponses,
  sampleAnswers,
  submitAnswers,
  uniqueTitle,
} from "./support/api-seed";
import { people, signIn } from "./support/identity";
import {
  continueSignIn,
  EVERY_TYPE_ANSWERS,
  expectThanks,
  fillEveryType,
  fillRequired,
  formAlert,
  radioGroup,
  submitButton,
} from "./support/respondent";

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });

test("a Fabrikam reader answers a Contoso survey through its link; the creator sees it in results and CSV", async ({
  browser,
  request,
}) => {
  const survey = await createPublishedSurvey(request, people.adele, {
    title: uniqueTitle("Every question type"),
    settings: { audience: "REGISTERED_TENANT_USERS" },
  });
  const path = answerUrl(survey);

  const respondent = await browser.newContext();
  const page = await respondent.newPage();
  await page.goto(path);
  // A survey for signed-in people: through sign-in and straight back to it.
  await continueSignIn(page, people.lynne, path);
  await expect(h1(page)).toHaveText(survey.title);
  await expect(page.getByText(`Answered 0 of ${EVERY_QUESTION_TYPE.length} questions`)).toBeVisible();
  await fillEveryType(page);
  await expect(page.getByText("Answered 8 of 8 questions")).toBeVisible();
  await submitButton(page).click();
  await expectThanks(page);

  // One response per person: the second visit says so instead of showing the form.
  await page.goto(path);
  await expect(h1(page)).toHaveText("You already answered this survey");
  await respondent.close();

  const owner = await browser.newContext();
  const results = await owner.newPage();
  await signIn(results, people.adele, { from: `/surveys/${survey.id}/results` });
  await expect(results.getByText("1 response", { exact: true })).toBeVisible();
  const colour = results.getByRole("region", { name: /Favourite colour/ });
  await expect(colour.getByRole("img")).toHaveAccessibleName(/Green: 100% \(1\)/);
  await expect(results.getByRole("region", { name: /What is your job title/ })).toContainText(
    EVERY_TYPE_ANSWERS.jobTitle,
  );
  await expect(results.getByRole("region", { name: /recommend us/ })).toContainText("NPS +100");

  await results.getByRole("link", { name: "Individual responses" }).click();
  const response = results.getByRole("article", { name: /Lynne Robbins/ });
  await expect(response).toContainText("lynne@fabrikam.com");
  await expect(response).toContainText("Forms; Export");

  const csv = await results.request.get(`/surveys/${survey.id}/results/export.csv`);
  expect(csv.status()).toBe(200);
  const [header, row, ...rest] = (await csv.text()).split("\r\n").filter(Boolean);
  expect(rest).toHaveLength(0);
  expect(header).toBe(`\uFEFFResponse ID,Submitted at,Respondent,${EVERY_QUESTION_TYPE.map((q) => q.text).join(",")}`);
  const a = EVERY_TYPE_ANSWERS;
  expect(row).toContain(
    `,lynne@fabrikam.com,${a.jobTitle},"${a.improve}",${a.colour},${a.features.join("; ")},${a.rating},${a.nps},${a.renew},${a.started}`,
  );
  await owner.close();
});

test("anyone with the link answers without signing in; the response is anonymous", async ({ page, request }) => {
  const survey = await createPublishedSurvey(request, people.adele, {
    title: uniqueTitle("Open to anyone"),
    settings: { audience: "ANYONE_WITH_LINK" },
  });
  await page.goto(answerUrl(survey));
  await expect(h1(page)).toHaveText(survey.title);
  await fillRequired(page);
  await submitButton(page).click();
  await expectThanks(page);

  const stored = await listResponses(request, people.adele, survey.id);
  expect(stored.items).toHaveLength(1);
  expect(stored.items[0]?.respondent).toEqual({ kind: "anonymous" });
});

for (const audience of ["TENANT_USERS", "REGISTERED_TENANT_USERS"] as const) {
  test(`an anonymous visitor of a ${audience} survey is sent to sign in, and comes back to it`, async ({
    page,
    request,
  }) => {
    const survey = await createPublishedSurvey(request, people.adele, {
      title: uniqueTitle("Signed-in only"),
      settings: { audience },
    });
    const path = answerUrl(survey);
    await page.goto(path);
    await continueSignIn(page, people.alex, path);
    await expect(h1(page)).toHaveText(survey.title);
    await expect(submitButton(page)).toBeVisible();
  });
}

test("a survey for its own organization refuses people of another one with a clear page", async ({ page, request }) => {
  const survey = await createPublishedSurvey(request, people.adele, {
    title: uniqueTitle("Contoso only"),
    settings: { audience: "TENANT_USERS" },
  });
  await signIn(page, people.lynne, { from: answerUrl(survey) });
  await expect(h1(page)).toHaveText("This survey is for another organization");
  await expect(page.getByRole("main")).toContainText("lynne@fabrikam.com");
  await expect(submitButton(page)).toHaveCount(0);
});

test("a double click stores one response, and so does a retry after a lost answer", async ({ page, request }) => {
  const survey = await createPublishedSurvey(request, people.adele, {
    title: uniqueTitle("Idempotent"),
    settings: { audience: "ANYONE_WITH_LINK" },
  });
  const path = answerUrl(survey);

  await page.goto(path);
  await fillRequired(page);
  await submitButton(page).dblclick();
  await expectThanks(page);
  expect((await listResponses(request, people.adele, survey.id)).items).toHaveLength(1);

  // The server stores the response but its answer never reaches the browser (connection reset).
  await page.goto(path);
  await fillRequired(page);
  let lost = false;
  await page.route(
    (url) => url.pathname === path,
    async (route) => {
      if (route.request().method() !== "POST" || lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort("connectionreset");
    },
  );
  await submitButton(page).click();
  await expect(formAlert(page)).toContainText("could not be sent");
  await expect(submitButton(page)).toBeEnabled();
  expect((await listResponses(request, people.adele, survey.id)).items).toHaveLength(2);
  // Same draft, same submission key: the retry finds the stored response instead of adding one.
  await submitButton(page).click();
  await expectThanks(page);
  expect((await listResponses(request, people.adele, survey.id)).items).toHaveLength(2);
});

test("answers survive a reload before submitting, and are forgotten after it", async ({ page, request }) => {
  const survey = await createPublishedSurvey(request, people.adele, {
    title: uniqueTitle("Reload"),
    settings: { audience: "ANYONE_WITH_LINK" },
  });
  await page.goto(answerUrl(survey));
  await page.getByLabel(/What is your job title\?/).fill("Designer");
  await radioGroup(page, /Favourite colour/)
    .getByLabel("Blue")
    .check();
  await page
    .getByRole("group", { name: /Which features/ })
    .getByLabel("Reports")
    .check();
  await radioGroup(page, /How likely are you to recommend us\?/)
    .getByLabel("7", { exact: true })
    .check();
  await expect(page.getByText("Answered 4 of 8 questions")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel(/What is your job title\?/)).toHaveValue("Designer");
  await expect(radioGroup(page, /Favourite colour/).getByLabel("Blue")).toBeChecked();
  await expect(page.getByRole("group", { name: /Which features/ }).getByLabel("Reports")).toBeChecked();
  await expect(radioGroup(page, /recommend us/).getByLabel("7", { exact: true })).toBeChecked();
  await expect(page.getByText("Answered 4 of 8 questions")).toBeVisible();

  await radioGroup(page, /How satisfied are you\?/)
    .getByLabel("3", { exact: true })
    .check();
  await radioGroup(page, /Would you renew\?/)
    .getByLabel("Yes")
    .check();
  await submitButton(page).click();
  await expectThanks(page);
  const [response] = (await listResponses(request, people.adele, survey.id)).items;
  expect(response?.answers).toContainEqual({ questionId: survey.questions[0]?.id, value: "Designer" });

  await page.goto(answerUrl(survey));
  await expect(page.getByLabel(/What is your job title\?/)).toHaveValue("");
  await expect(page.getByText("Answered 0 of 8 questions")).toBeVisible();
});

test("missing answers are named next to their questions, and focus goes to the first", async ({ page, request }) => {
  const survey = await createPublishedSurvey(request, people.adele, {
    title: uniqueTitle("Validation"),
    settings: { audience: "ANYONE_WITH_LINK" },
  });
  await page.goto(answerUrl(survey));
  await page.getByLabel(/What should we improve\?/).fill("Only an optional answer");
  await submitButton(page).click();

  await expect(formAlert(page)).toHaveText("4 questions need your attention.");
  const jobTitle = page.getByLabel(/What is your job title\?/);
  await expect(jobTitle).toBeFocused();
  await expect(jobTitle).toHaveAttribute("aria-invalid", "true");
  await expect(jobTitle).toHaveAccessibleDescription("This question needs an answer.");
  await expect(radioGroup(page, /Favourite colour/)).toHaveAccessibleDescription("Choose one option.");
  await expect(radioGroup(page, /How satisfied/)).toHaveAccessibleDescription(/Enter a number from 1 to 5\./);
  await expect(radioGroup(page, /Would you renew/)).toHaveAccessibleDescription("Answer yes or no.");

  // Fixing an answer clears its message at once; nothing typed was lost.
  await jobTitle.fill("Engineer");
  await expect(jobTitle).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel(/What should we improve\?/)).toHaveValue("Only an optional answer");
  expect((await listResponses(request, people.adele, survey.id)).items).toHaveLength(0);
});

test("closed, unpublished and unknown surveys each say so", async ({ page, request }) => {
  const closed = await createPublishedSurvey(request, people.adele, {
    title: uniqueTitle("Closed"),
    settings: { audience: "ANYONE_WITH_LINK" },
  });
  await changeStatus(request, people.adele, closed.id, "close");
  await page.goto(answerUrl(closed));
  await expect(h1(page)).toHaveText("This survey is closed");
  await expect(page.getByRole("main")).toContainText("no longer takes answers");

  const draft = await createSurvey(request, people.adele, {
    title: uniqueTitle("Draft"),
    questions: EVERY_QUESTION_TYPE,
    settings: { audience: "ANYONE_WITH_LINK" },
  });
  await page.goto(answerUrl(draft));
  await expect(h1(page)).toHaveText("This survey is not open yet");

  const missing = await page.goto(`/s/${closed.tenantId}/0190a0b0-0000-7000-8000-000000000000`);
  expect(missing?.status()).toBe(404);
  await expect(h1(page)).toHaveText("Survey not found");
});

test("a survey that has all the responses it takes says it is full", async ({ page, request }) => {
  const survey = await createPublishedSurvey(request, people.adele, {
    title: uniqueTitle("Limited"),
    settings: { audience: "ANYONE_WITH_LINK", responseLimit: 1 },
  });
  await page.goto(answerUrl(survey));
  await fillRequired(page);
  // Someone else takes the last place while this page is open.
  await submitAnswers(request, survey, sampleAnswers(survey, 1), { clientAddress: crowdAddress(1) });
  await submitButton(page).click();
  await expect(formAlert(page)).toContainText("received all the responses it takes");

  await page.reload();
  await expect(h1(page)).toHaveText("This survey is full");
});
