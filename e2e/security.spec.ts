// Security, seen from outside (production build, real Chromium):
// 1. Every page and endpoint, signed in or not, answers with the security headers: a nonce-based
//    script policy without 'unsafe-inline', no framing, no plugins, nosniff, a referrer policy,
//    and no HSTS over http. Every <script> of a served page carries that response's nonce (fresh
//    per load), the page hydrates, and Chromium reports no CSP violation while it does (lib/zod.ts
//    keeps zod from probing for eval in the browser).
// 2. A real server action (saving a survey title), replayed with the person's cookies, is refused
//    (403, nothing changed) from another Origin and without one; the same replay from our own
//    origin succeeds, so the refusal is the Origin's doing and not a broken replay.
// 3. Stored XSS stays text: payloads in title, description, questions, options and answers (through
//    the API and typed in the browser) render as literal text on every page that shows them, never
//    as markup (the served HTML has none of it, the DOM has no element from it, nothing ran, no
//    dialog opened, no CSP violation — which would mean markup got through and only the CSP saved
//    us), and the CSV export neutralises spreadsheet formulas with a leading apostrophe.
import { type APIResponse, expect, type Page, type Request, type Response, test } from "@playwright/test";
import { parseCsv } from "@/test/support/csv";
import {
  answerUrl,
  callApi,
  changeStatus,
  createPublishedSurvey,
  createSurvey,
  sampleAnswers,
  submitAnswers,
  uniqueTitle,
} from "./support/api-seed";
import { people, signIn } from "./support/identity";
import { expectThanks, submitButton } from "./support/respondent";
import { servers } from "./support/servers";

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  line: number;
  column: number;
}

declare global {
  interface Window {
    __xss?: unknown;
    __cspViolations?: Violation[];
  }
}

// ---------------------------------------------------------------------------------------------
// Watching a page: CSP violations (the DOM event and Chromium's console), dialogs, page errors.

interface Watch {
  /** Everything suspicious seen so far, as "path: message". */
  problems: string[];
  dialogs: string[];
}

async function watch(page: Page): Promise<Watch> {
  const seen: Watch = { problems: [], dialogs: [] };
  const where = () => new URL(page.url()).pathname;
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations?.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI || "inline",
        source: event.sourceFile,
        line: event.lineNumber,
        column: event.columnNumber,
      });
    });
  });
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) seen.problems.push(`${where()}: console: ${text}`);
  });
  page.on("pageerror", (error) => seen.problems.push(`${where()}: page error: ${error.message}`));
  page.on("dialog", async (dialog) => {
    seen.dialogs.push(`${where()}: ${dialog.type()} ${dialog.message()}`);
    await dialog.dismiss();
  });
  return seen;
}

/** React has hydrated the document (it tags the nodes it owns), so the nonce'd scripts ran. */
async function expectHydrated(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => Object.keys(document.body).some((key) => key.startsWith("__reactFiber$"))), {
      message: `hydrated: ${page.url()}`,
    })
    .toBe(true);
}

async function expectNoViolations(page: Page, seen: Watch): Promise<void> {
  const events = await page.evaluate(() => window.__cspViolations ?? []);
  const path = new URL(page.url()).pathname;
  const unexpected = events.map(
    (v) => `${path}: ${v.directive} blocked ${v.blocked} at ${v.source}:${v.line}:${v.column}`,
  );
  expect([...seen.problems, ...unexpected], `CSP violations or errors on ${path}`).toEqual([]);
  expect(seen.dialogs, "dialogs").toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Headers.

function directivesOf(csp: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

/** Checks the headers every response must carry; returns the script nonce of the CSP. */
function expectSecurityHeaders(headers: Record<string, string>, what: string): string {
  const csp = headers["content-security-policy"];
  expect(csp, `${what}: Content-Security-Policy`).toBeTruthy();
  const directives = directivesOf(csp ?? "");
  const scriptSrc = directives.get("script-src") ?? [];
  const nonce = scriptSrc.map((value) => /^'nonce-([A-Za-z0-9+/=_-]+)'$/.exec(value)?.[1]).find(Boolean);
  expect(nonce, `${what}: script-src has a nonce (${scriptSrc.join(" ")})`).toBeTruthy();
  expect(scriptSrc, `${what}: script-src`).not.toContain("'unsafe-inline'");
  expect(scriptSrc, `${what}: script-src in production`).not.toContain("'unsafe-eval'");
  expect(directives.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(directives.get("object-src"), `${what}: object-src`).toEqual(["'none'"]);
  expect(headers["x-content-type-options"], `${what}: X-Content-Type-Options`).toBe("nosniff");
  expect(headers["referrer-policy"], `${what}: Referrer-Policy`).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"], `${what}: no HSTS over http`).toBeUndefined();
  return nonce ?? "";
}

/** Every <script> element of the served HTML carries exactly this nonce. */
function expectScriptsNonced(html: string, nonce: string, what: string): void {
  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  expect(scripts.length, `${what}: scripts in the HTML`).toBeGreaterThan(0);
  const wrong = scripts.filter((tag) => /\bnonce="([^"]*)"/.exec(tag)?.[1] !== nonce);
  expect(wrong, `${what}: scripts without this response's nonce`).toEqual([]);
}

interface Load {
  response: Response;
  html: string;
  nonce: string;
}

/** Loads an HTML page and checks headers, script nonces, hydration and the absence of violations. */
async function loadPage(page: Page, seen: Watch, path: string, status = 200): Promise<Load> {
  const response = await page.goto(path);
  if (!response) throw new Error(`no response for ${path}`);
  expect(response.status(), `status of ${path}`).toBe(status);
  expect(response.headers()["content-type"], `${path} is HTML`).toMatch(/^text\/html/);
  const nonce = expectSecurityHeaders(response.headers(), path);
  const html = await response.text();
  expectScriptsNonced(html, nonce, path);
  await expectHydrated(page);
  await expectNoViolations(page, seen);
  return { response, html, nonce };
}

test.describe("security headers", () => {
  test("every signed-out page: CSP with a fresh nonce on every script, no violation while it hydrates", async ({
    page,
    request,
  }) => {
    const survey = await createPublishedSurvey(request, people.adele, {
      title: uniqueTitle("Headers anonymous"),
      settings: { audience: "ANYONE_WITH_LINK" },
    });
    const seen = await watch(page);
    const nonces: string[] = [];
    const pages: [string, number][] = [
      ["/", 200],
      ["/signin", 200],
      ["/signup", 200],
      ["/auth/error?reason=idp_unreachable", 200],
      ["/no-such-page-here", 404],
      [answerUrl(survey), 200],
      [`${answerUrl(survey)}/thanks`, 200],
    ];
    for (const [path, status] of pages) nonces.push((await loadPage(page, seen, path, status)).nonce);

    // Hydrated means interactive: the answer form counts answers as they are given.
    await page.goto(answerUrl(survey));
    await expect(page.getByText("Answered 0 of 8 questions")).toBeVisible();
    await page.getByLabel(/What is your job title\?/).fill("Auditor");
    await expect(page.getByText("Answered 1 of 8 questions")).toBeVisible();
    await expectNoViolations(page, seen);

    // The same page twice: two nonces.
    nonces.push((await loadPage(page, seen, "/")).nonce);
    expect(new Set(nonces).size, `a fresh nonce per load: ${nonces.join(" ")}`).toBe(nonces.length);
  });

  test("every signed-in page, including an admin's, and the API endpoints", async ({ page, request }) => {
    const admin = people.megan;
    const survey = await createPublishedSurvey(request, admin, {
      title: uniqueTitle("Headers signed in"),
      settings: { audience: "ANYONE_WITH_LINK" },
    });
    const draft = await createSurvey(request, admin, { title: uniqueTitle("Headers draft") });
    const comments = survey.questions[1]?.id ?? "";
    await submitAnswers(request, survey, sampleAnswers(survey, 0), { clientAddress: "203.0.113.7" });

    const seen = await watch(page);
    await signIn(page, admin);
    const results = `/surveys/${survey.id}/results`;
    const nonces: string[] = [];
    for (const path of [
      "/surveys",
      "/surveys/tenant",
      "/surveys/new",
      `/surveys/${draft.id}`,
      `/surveys/${survey.id}`,
      results,
      `${results}/responses`,
      `${results}/questions/${comments}`,
      "/organization",
    ]) {
      nonces.push((await loadPage(page, seen, path)).nonce);
    }
    expect(new Set(nonces).size, "a fresh nonce per load").toBe(nonces.length);

    // The CSV download and the API: not HTML, the same headers.
    const responses: [string, APIResponse, number][] = [
      [`${results}/export.csv`, await page.request.get(`${results}/export.csv`), 200],
      ["/api/v1/openapi.json", await request.get("/api/v1/openapi.json"), 200],
      ["/api/v1/surveys (no token)", await request.get("/api/v1/surveys"), 401],
      ["/api/health", await request.get("/api/health"), 200],
    ];
    for (const [what, response, status] of responses) {
      expect(response.status(), what).toBe(status);
      expectSecurityHeaders(response.headers(), what);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Server actions from another site.

test("a recorded server action replayed from a foreign Origin, or with none, is refused and changes nothing", async ({
  page,
  request,
}) => {
  const owner = people.adele;
  const survey = await createSurvey(request, owner, { title: uniqueTitle("CSRF") });
  await signIn(page, owner, { from: `/surveys/${survey.id}` });

  // The editor's title form: a server action, recorded as Chromium sends it.
  const saved = `${survey.title} saved`;
  const details = page.getByRole("form", { name: "Title and description" });
  const sent = page.waitForRequest((r: Request) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await details.getByLabel("Title", { exact: true }).fill(saved);
  await details.getByRole("button", { name: "Save title and description" }).click();
  const action = await sent;
  await expect(page.getByText("Saved.")).toBeVisible();
  expect((await action.allHeaders()).origin, "Chromium sends our origin").toBe(servers.app.url);

  const titleNow = async () =>
    (await callApi<{ title: string }>(request, { as: owner, method: "GET", path: `/surveys/${survey.id}` })).title;
  expect(await titleNow()).toBe(saved);
  // Back to another title through the API, so that only a replay that worked can bring `saved` back.
  const reset = `${survey.title} reset`;
  await callApi(request, { as: owner, method: "PATCH", path: `/surveys/${survey.id}`, body: { title: reset } });

  const headers = Object.fromEntries(
    Object.entries(await action.allHeaders()).filter(
      ([name]) => !["cookie", "content-length", "host", "origin", "referer"].includes(name),
    ),
  );
  const body = action.postDataBuffer() ?? Buffer.alloc(0);
  // page.request shares the browser's cookies: the session is the person's own.
  const replay = (extra: Record<string, string>) =>
    page.request.fetch(action.url(), { method: "POST", headers: { ...headers, ...extra }, data: body });

  const foreign = await replay({
    origin: "https://evil.example",
    referer: "https://evil.example/",
    "sec-fetch-site": "cross-site",
  });
  expect(foreign.status(), "foreign Origin").toBe(403);
  expectSecurityHeaders(foreign.headers(), "403 for a foreign server action");
  expect(await titleNow()).toBe(reset);

  const noOrigin = await replay({});
  expect(noOrigin.status(), "no Origin").toBe(403);
  expect(await titleNow()).toBe(reset);

  // A look-alike: same host name, other scheme and port.
  const lookalike = await replay({ origin: "https://localhost" });
  expect(lookalike.status(), "another origin on the same host").toBe(403);
  expect(await titleNow()).toBe(reset);

  // The control: the very same replay from our own origin works.
  const own = await replay({ origin: servers.app.url, referer: `${servers.app.url}/surveys/${survey.id}` });
  expect(own.status(), "own Origin").toBe(200);
  expect(await titleNow()).toBe(saved);
});

// ---------------------------------------------------------------------------------------------
// Stored XSS and CSV formulas.

const SCRIPT = "<script>window.__xss=1</script>";
const IMG = '<img src=x onerror="window.__xss=1">';
const SVG = '"><svg onload=window.__xss=1>';
const JS_URL = "javascript:window.__xss=1";
const HYPERLINK = '=HYPERLINK("http://evil.example","x")';

/** Nothing of the payloads became markup or ran, and none of it is in the served HTML as markup. */
async function expectInert(page: Page, seen: Watch, html: string | null): Promise<void> {
  const where = new URL(page.url()).pathname;
  if (html !== null) {
    for (const raw of ["<script>window.__xss", "<img src=x", "<svg onload", 'href="javascript:']) {
      expect(html.includes(raw), `${where}: served HTML contains ${raw}`).toBe(false);
    }
  }
  expect(await page.evaluate(() => window.__xss), `${where}: window.__xss`).toBeUndefined();
  await expect(page.locator('img[src="x"]'), `${where}: img from a payload`).toHaveCount(0);
  await expect(page.locator("svg[onload], [onerror], [onload]"), `${where}: event handler attributes`).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:" i]'), `${where}: javascript: links`).toHaveCount(0);
  const scripts = await page.evaluate(() =>
    [...document.scripts].filter((s) => s.textContent?.trim().startsWith("window.__xss")).map((s) => s.outerHTML),
  );
  expect(scripts, `${where}: script elements from a payload`).toEqual([]);
  await expectNoViolations(page, seen);
}

/** The text is on the page as text, visibly. */
async function expectLiteral(page: Page, ...texts: string[]): Promise<void> {
  for (const text of texts) {
    await expect(page.getByText(text).filter({ visible: true }).first(), `literal text ${text}`).toBeVisible();
  }
}

/** Loads a page that shows payloads and checks, once it has hydrated, that they stayed inert. */
async function visit(page: Page, seen: Watch, path: string): Promise<void> {
  const response = await page.goto(path);
  if (!response) throw new Error(`no response for ${path}`);
  expect(response.status(), path).toBe(200);
  const html = await response.text();
  await expectHydrated(page);
  await expectInert(page, seen, html);
}

test("stored XSS payloads render as text everywhere; the CSV neutralises formulas", async ({ browser, request }) => {
  test.setTimeout(60_000);
  const owner = people.adele;
  const title = uniqueTitle(`${SCRIPT} ${IMG}`);
  const description = `${SVG} ${JS_URL} described`;
  const q = {
    short: `${IMG} short question`,
    shortHint: `${SCRIPT} short hint`,
    long: `${SVG} long question`,
    single: HYPERLINK,
    multiple: `${SCRIPT} multiple question`,
  };
  const o = { img: `${IMG} first`, js: JS_URL, plus: "+1+1", at: "@SUM(1)", minus: "-2+3", svg: `${SVG} option` };
  const draft = await createSurvey(request, owner, {
    title,
    description,
    settings: { audience: "ANYONE_WITH_LINK" },
    questions: [
      { type: "SHORT_TEXT", text: q.short, description: q.shortHint },
      { type: "LONG_TEXT", text: q.long },
      { type: "SINGLE_CHOICE", text: q.single, options: [{ label: o.img }, { label: o.js }, { label: o.plus }] },
      { type: "MULTIPLE_CHOICE", text: q.multiple, options: [{ label: o.at }, { label: o.minus }, { label: o.svg }] },
    ],
  });
  const [short, long, single, multiple] = draft.questions;
  if (!short || !long || !single || !multiple || !("options" in single) || !("options" in multiple)) {
    throw new Error("the survey's questions did not come back as created");
  }
  const optionId = (question: typeof single, label: string) => question.options.find((x) => x.label === label)?.id;

  // The owner's draft editor: everything in form fields.
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  const ownerSeen = await watch(ownerPage);
  await signIn(ownerPage, owner, { from: `/surveys/${draft.id}` });
  await visit(ownerPage, ownerSeen, `/surveys/${draft.id}`);
  await expect(ownerPage.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(ownerPage).toHaveTitle(`${title} · Surveys`);
  const details = ownerPage.getByRole("form", { name: "Title and description" });
  await expect(details.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(details.getByLabel(/Description/)).toHaveValue(description);
  // Questions and options sit in the editor's inputs, as values.
  const fieldValues = await ownerPage.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input, textarea")].map((e) => e.value),
  );
  for (const text of [q.short, q.shortHint, q.long, q.single, q.multiple, ...Object.values(o)]) {
    expect(fieldValues, `an editor field holds ${text}`).toContain(text);
  }

  const survey = await changeStatus(request, owner, draft.id, "publish");

  // An anonymous respondent reads the payloads as text and types more of them.
  const respondentContext = await browser.newContext();
  const respondent = await respondentContext.newPage();
  const respondentSeen = await watch(respondent);
  await visit(respondent, respondentSeen, answerUrl(survey));
  await expect(respondent.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectLiteral(respondent, description, q.short, q.shortHint, q.long, q.single, q.multiple);
  await expectLiteral(respondent, o.img, o.js, o.plus, o.at, o.minus, o.svg);
  const typed = { short: `${SVG} typed`, long: `+1+1 ${IMG} typed` };
  await respondent.getByLabel(q.short).fill(typed.short);
  await respondent.getByLabel(q.long).fill(typed.long);
  await respondent.getByRole("radiogroup", { name: q.single }).getByLabel(o.img).check();
  await respondent.getByRole("group", { name: q.multiple }).getByLabel(o.svg).check();
  await expect(respondent.getByText("Answered 4 of 4 questions")).toBeVisible();
  await expectInert(respondent, respondentSeen, null);
  await submitButton(respondent).click();
  await expectThanks(respondent);
  await expectInert(respondent, respondentSeen, null);
  await visit(respondent, respondentSeen, `${answerUrl(survey)}/thanks`);
  // Reflected payloads in the query of the signed-out pages that read one.
  await visit(respondent, respondentSeen, `/signin?callbackUrl=${encodeURIComponent(JS_URL)}`);
  await visit(respondent, respondentSeen, `/signin?callbackUrl=${encodeURIComponent(`/${SVG}`)}`);
  await visit(respondent, respondentSeen, `/auth/error?reason=${encodeURIComponent(IMG)}`);
  await respondentContext.close();

  // Two more respondents through the API: HTML in a short answer, formulas elsewhere.
  const api = {
    short: `${SCRIPT} answered`,
    long: HYPERLINK,
    formulaShort: "-1+2",
    jsLong: JS_URL,
  };
  await submitAnswers(
    request,
    survey,
    {
      [short.id]: api.short,
      [long.id]: api.long,
      [single.id]: optionId(single, o.plus) ?? "",
      [multiple.id]: [optionId(multiple, o.at) ?? "", optionId(multiple, o.minus) ?? ""],
    },
    { clientAddress: "203.0.113.21" },
  );
  await submitAnswers(
    request,
    survey,
    { [short.id]: api.formulaShort, [long.id]: api.jsLong, [single.id]: optionId(single, o.js) ?? "" },
    { clientAddress: "203.0.113.22" },
  );

  // The owner: editor (read-only now), results, responses, a text question's answers.
  const results = `/surveys/${survey.id}/results`;
  await visit(ownerPage, ownerSeen, `/surveys/${survey.id}`);
  await expect(ownerPage.getByRole("heading", { level: 1 })).toHaveText(title);
  await expectLiteral(ownerPage, description, q.short, q.shortHint, q.long, q.single, q.multiple, o.img, o.svg);

  await visit(ownerPage, ownerSeen, results);
  await expect(ownerPage.getByText("3 responses")).toBeVisible();
  await expectLiteral(ownerPage, title, q.short, q.long, q.single, q.multiple, typed.short, api.short);

  await visit(ownerPage, ownerSeen, `${results}/responses`);
  await expect(ownerPage.getByRole("article")).toHaveCount(3);
  await expectLiteral(ownerPage, typed.short, typed.long, api.short, api.long, api.jsLong, o.img, o.svg, o.plus);

  await visit(ownerPage, ownerSeen, `${results}/questions/${long.id}`);
  await expect(ownerPage.getByRole("heading", { level: 1 })).toHaveText(q.long);
  await expectLiteral(ownerPage, typed.long, api.long, api.jsLong);

  // Reflected, too: a search for a payload is shown back as text.
  await visit(ownerPage, ownerSeen, `${results}/questions/${long.id}?search=${encodeURIComponent(IMG)}`);
  await expect(ownerPage.getByRole("searchbox", { name: /Search answers/ })).toHaveValue(IMG);
  await expectLiteral(ownerPage, `Answers containing “${IMG}”, newest first.`, typed.long);
  await expect(ownerPage.locator(".text-answers li")).toHaveCount(1);

  // The CSV, from the results page's own link, with the person's session.
  const href = await ownerPage.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  expect(href).toBe(`${results}/export.csv`);
  const csv = await ownerPage.request.get(href ?? "");
  expect(csv.status()).toBe(200);
  const headers = csv.headers();
  expect(headers["content-type"]).toMatch(/^text\/csv\b/);
  expect(headers["content-disposition"]).toMatch(/^attachment;/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  const text = await csv.text();
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ""));
  expect(header).toEqual(["Response ID", "Submitted at", "Respondent", q.short, q.long, `'${q.single}`, q.multiple]);
  expect(rows).toHaveLength(3);
  const cells = [...(header ?? []), ...rows.flat()];
  expect(
    cells.filter((cell) => /^[=+\-@\t\r]/.test(cell)),
    "cells a spreadsheet would evaluate",
  ).toEqual([]);
  const byRespondent = (shortAnswer: string) => rows.find((row) => row[3] === shortAnswer)?.slice(3);
  // Newest first or not, each row is found by its short answer; formulas carry one leading apostrophe.
  expect(byRespondent(typed.short)).toEqual([typed.short, `'${typed.long}`, o.img, o.svg]);
  expect(byRespondent(api.short)).toEqual([api.short, `'${HYPERLINK}`, `'${o.plus}`, `'${o.at}; ${o.minus}`]);
  expect(byRespondent(`'${api.formulaShort}`)).toEqual([`'${api.formulaShort}`, api.jsLong, o.js, ""]);
  await ownerContext.close();
});

test("sign-up starts are rate limited per client address, with a page that says so", async ({ browser }) => {
  // An address of its own (the load balancer's X-Forwarded-For), so other specs' sign-ups from
  // this machine keep their allowance.
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.18.250.1" } });
  const page = await context.newPage();
  const start = async () => {
    await page.goto("/signup");
    await page.getByRole("button", { name: "Continue to Microsoft" }).click();
    await page.waitForURL((url) => url.pathname !== "/signup", { waitUntil: "commit" });
  };
  for (let attempt = 1; attempt <= 20; attempt++) {
    await start();
    expect(new URL(page.url()).pathname, `start ${attempt} goes to Microsoft`).toMatch(/\/adminconsent$/);
  }
  await start();
  await expect(page).toHaveURL(/\/auth\/error\?reason=sign_up_rate_limited$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Too many sign-up attempts");

  // Another address is not affected.
  const other = await (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.18.250.2" } })).newPage();
  await other.goto("/signup");
  await other.getByRole("button", { name: "Continue to Microsoft" }).click();
  await other.waitForURL(/\/adminconsent/, { waitUntil: "commit" });
  await context.close();
});
