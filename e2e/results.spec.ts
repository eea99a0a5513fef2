// Results (issue 6, item 6): responses are seeded through the Survey API (support/api-seed.ts),
// the owner reads them in the browser. Expected numbers follow from sampleAnswers(i).
import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import {
  createPublishedSurvey,
  crowdAddress,
  sampleAnswers,
  seedResponses,
  submitAnswers,
  uniqueTitle,
} from "./support/api-seed";
import { people, signIn } from "./support/identity";

const resultsOf = (surveyId: string) => `/surveys/${surveyId}/results`;
const region = (page: Page, name: RegExp) => page.getByRole("region", { name });

const FORMULA = '=HYPERLINK("http://evil.example","click")';

test("the owner sees every question summarized, searches text answers, pages responses and downloads the CSV", async ({
  page,
  request,
}) => {
  const survey = await createPublishedSurvey(request, people.adele, {
    title: uniqueTitle("Results"),
    settings: { audience: "ANYONE_WITH_LINK" },
  });
  await seedResponses(request, survey, 30);
  const comments = survey.questions[1]?.id ?? "";
  // A respondent who writes a spreadsheet formula: it must stay text in the CSV.
  await submitAnswers(
    request,
    survey,
    { ...sampleAnswers(survey, 30), [comments]: FORMULA },
    { clientAddress: crowdAddress(30) },
  );

  await signIn(page, people.adele, { from: resultsOf(survey.id) });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Results: ${survey.title}`);
  await expect(page.getByText("31 responses")).toBeVisible();
  await expect(region(page, /Responses over time/).getByRole("img")).toHaveAccessibleName(/^Responses per day on /);

  // i = 0…30: options in turn, ratings 1 + i % 5, scores i % 11, yes for even i.
  await expect(region(page, /Favourite colour/).getByRole("img")).toHaveAccessibleName(
    /Red: 35\.5% \(11\); Green: 32\.3% \(10\); Blue: 32\.3% \(10\)/,
  );
  await expect(region(page, /Favourite colour/).getByRole("table")).toContainText("Green1032.3%");
  await expect(region(page, /How satisfied/)).toContainText("Average 2.94 out of 5");
  const nps = region(page, /recommend us/);
  await expect(nps).toContainText("NPS -55");
  await expect(nps).toContainText("Promoters (9–10)4 (12.9%)");
  await expect(nps).toContainText("Detractors (0–6)21 (67.7%)");
  await expect(region(page, /Would you renew/).getByRole("img")).toHaveAccessibleName(
    /Yes: 51\.6% \(16\); No: 48\.4% \(15\)/,
  );
  await expect(region(page, /When did you start/)).toContainText("From 2026-01-10 to 2026-09-18");
  await expect(region(page, /What should we improve/)).toContainText("11 answered");

  // Text answers: a GET search, answered by the server.
  await region(page, /What should we improve/)
    .getByRole("searchbox", { name: /Search answers/ })
    .fill("number 1");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/questions\/[0-9a-f-]+\?search=number\+1$/);
  await expect(page.getByText("Answers containing “number 1”, newest first.")).toBeVisible();
  await expect(page.locator(".text-answers li")).toHaveText([
    /Comment number 18/,
    /Comment number 15/,
    /Comment number 12/,
  ]);

  // Individual responses: twenty a page, newest first.
  await page.getByRole("link", { name: "Individual responses" }).click();
  await expect(page.getByRole("article")).toHaveCount(20);
  await expect(page.getByRole("article").first()).toContainText(FORMULA);
  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(page.getByRole("article")).toHaveCount(11);
  await expect(page.getByRole("link", { name: "Next page →" })).toHaveCount(0);

  // The CSV, downloaded as a person does it.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.split("\r\n").filter(Boolean);
  expect(lines).toHaveLength(32);
  expect(lines[0]?.startsWith("\uFEFFResponse ID,Submitted at,Respondent,What is your job title?")).toBe(true);
  expect(lines.at(-1)).toContain(`,Anonymous,Role 2,"'=HYPERLINK(""http://evil.example"",""click"")",`);
});

test("people who do not run the survey get a 404 for its results and CSV", async ({ browser, request }) => {
  const survey = await createPublishedSurvey(request, people.adele, {
    title: uniqueTitle("Private results"),
    settings: { audience: "REGISTERED_TENANT_USERS" },
  });
  const paths = [
    resultsOf(survey.id),
    `${resultsOf(survey.id)}/responses`,
    `${resultsOf(survey.id)}/questions/${survey.questions[0]?.id}`,
  ];
  // Another organization's creator and admin, and a reader of the survey's own organization.
  for (const person of [people.lee, people.diego, people.alex]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, person);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), `${person.login} ${path}`).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    }
    const csv = await page.request.get(`${resultsOf(survey.id)}/export.csv`);
    expect(csv.status(), `${person.login} CSV`).toBe(404);
    expect(await csv.text()).not.toContain("Response ID");
    await context.close();
  }
  // Signed out: to sign-in, then back.
  const anonymous = await browser.newContext();
  const page = await anonymous.newPage();
  await page.goto(resultsOf(survey.id));
  await expect(page).toHaveURL((url) => url.pathname === "/signin");
  await anonymous.close();
});

test("10,000 responses seeded through the API: the results page renders and the CSV downloads", async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const count = 10_000;
  const survey = await createPublishedSurvey(request, people.adele, {
    title: uniqueTitle("Ten thousand"),
    settings: { audience: "ANYONE_WITH_LINK" },
  });
  const seedMs = await seedResponses(request, survey, count, { concurrency: 16 });

  await signIn(page, people.adele);
  let started = performance.now();
  const response = await page.goto(resultsOf(survey.id));
  await expect(page.getByText("10,000 responses")).toBeVisible();
  const pageMs = performance.now() - started;
  expect(response?.status()).toBe(200);

  started = performance.now();
  const csv = await page.request.get(`${resultsOf(survey.id)}/export.csv`);
  const text = await csv.text();
  const csvMs = performance.now() - started;
  expect(csv.status()).toBe(200);
  expect(text.split("\r\n").filter(Boolean)).toHaveLength(count + 1);

  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const measured = {
    "seed 10,000 responses (API, 16 parallel)": `${seconds(seedMs)} (${Math.round(count / (seedMs / 1000))}/s)`,
    "results page (server render to visible)": seconds(pageMs),
    "CSV download (10,001 lines)": `${seconds(csvMs)}, ${(text.length / 1e6).toFixed(1)} MB`,
  };
  for (const [type, description] of Object.entries(measured)) {
    test.info().annotations.push({ type, description });
    console.log(`${type}: ${description}`);
  }
});
