// The production build when its dependencies fail (issue 7, resilience), loopback only and
// bounded in time: PostgreSQL and Redis sit behind fault relays the test cuts and restores, the
// identity provider is an emulator process of the test's own that it stops and starts again,
// and the app itself is killed in the middle of a burst of submissions. Run by
// `npm test -- resilience` (after the build tier), on a throwaway PostgreSQL database.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "@playwright/test";
import { db, disconnectDb } from "@/lib/db";
import { env, requireIdentity } from "@/lib/env";
import type { SurveyDto } from "@/lib/surveys/schemas";
import { type AppServer, startAppServer } from "@/test/support/app-server";
import { type RecordedAction, signInAndCaptureAction } from "@/test/support/browser-action";
import { CHROMIUM } from "@/test/support/chromium";
import { registerSeededTenant } from "@/test/support/emulator-hooks";
import { passwordGrant, SEEDED } from "@/test/support/entra";
import { type FaultProxy, startFaultProxy } from "@/test/support/fault-proxy";
import { callSurveyApi } from "@/test/support/http-api";
import { deliver, ratingSubmission } from "@/test/support/submissions";
import { startEmulator, stopEmulator } from "../scripts/emulator-process.mjs";

const PORT = Number(process.env.RESILIENCE_PORT ?? 3400);
const EMULATOR_PORT = Number(process.env.RESILIENCE_EMULATOR_PORT ?? 8643);
const APP_URL = `http://localhost:${PORT}`;

interface EmulatorProcess {
  process: import("node:child_process").ChildProcess;
  url: string;
  env: Record<string, string>;
}

let postgres: FaultProxy;
let redis: FaultProxy;
let idp: EmulatorProcess;
let app: AppServer;
let token: string;
let survey: SurveyDto;
/** A draft, whose editor the recorded server action saves. */
let draft: SurveyDto;
let unregister: () => Promise<void>;
let respondents = 0;

/** This test's own emulator: same data folder (CA, keys) and seed as the tier's, its own port. */
function startIdp(): Promise<EmulatorProcess> {
  return startEmulator(true, {
    ...process.env,
    ENTRA_EMULATOR_PORT: String(EMULATOR_PORT),
    ENTRA_EMULATOR_REDIRECT_URIS: `${APP_URL}/api/auth/callback/azure-ad`,
  }) as Promise<EmulatorProcess>;
}

function startApp(): Promise<AppServer> {
  return startAppServer({
    port: PORT,
    env: { ...idp.env, DATABASE_URL: postgres.url, REDIS_URL: redis.url, LOG_LEVEL: "warn" },
  });
}

const api = <T>(method: string, path: string, body?: unknown) => callSurveyApi<T>(APP_URL, token, method, path, body);
const submit = (bases: string[], retryDelayMs = 0) =>
  deliver(ratingSubmission(survey, survey.questions[0]?.id ?? "", respondents++), bases, retryDelayMs);
const get = (path: string) => fetch(`${APP_URL}${path}`, { redirect: "manual" });
const answerPage = () => `/s/${survey.tenantId}/${survey.id}`;

/** The recorded server action again, as the same browser would send it. */
function replay(action: RecordedAction): Promise<Response> {
  return fetch(action.url, { method: "POST", headers: action.headers, body: new Uint8Array(action.body) });
}

async function health(): Promise<{ status: number; body: Record<string, string> }> {
  const response = await get("/api/health");
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function eventually(what: string, check: () => Promise<boolean>, seconds = 20): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  assert.fail(`${what} within ${seconds} s`);
}

before(async () => {
  const config = env();
  postgres = await startFaultProxy(config.DATABASE_URL ?? "");
  redis = await startFaultProxy(config.REDIS_URL ?? "redis://127.0.0.1:6379");
  idp = await startIdp();
  unregister = await registerSeededTenant(db(), SEEDED.contoso, "Contoso");
  app = await startApp();
  token = (
    await passwordGrant({
      tenant: SEEDED.contoso,
      username: "adele@contoso.com",
      scope: requireIdentity().api.scope,
      instance: idp.url,
    })
  ).access_token;
  const created = await api<SurveyDto>("POST", "/surveys", {
    title: "Resilience survey",
    settings: { audience: "ANYONE_WITH_LINK" },
    questions: [{ type: "RATING", text: "How was it?", required: true }],
  });
  survey = await api<SurveyDto>("POST", `/surveys/${created.id}/publish`);
  draft = await api<SurveyDto>("POST", "/surveys", { title: "Resilience draft" });
});

after(async () => {
  await app?.stop();
  if (idp) await stopEmulator(idp.process);
  await Promise.all([postgres?.close(), redis?.close()]);
  await unregister?.();
  await disconnectDb();
});

test("PostgreSQL down: 503 with a clear page, health names the database, and recovery by itself", async () => {
  assert.equal((await get(answerPage())).status, 200);
  await postgres.cut();
  try {
    const page = await get(answerPage());
    assert.equal(page.status, 503);
    assert.equal(page.headers.get("retry-after"), "5");
    assert.match(await page.text(), /<h1>Surveys is temporarily unavailable<\/h1>/);
    assert.equal((await get("/surveys")).status, 503, "signed-in pages too");

    const submission = await fetch(`${APP_URL}${ratingSubmission(survey, "x", 0).path}`, { method: "POST" });
    assert.equal(submission.status, 503);
    assert.equal(submission.headers.get("content-type"), "application/problem+json");
    assert.equal(((await submission.json()) as { code: string }).code, "unavailable");

    const report = await health();
    assert.equal(report.status, 503);
    assert.deepEqual(report.body, { status: "error", db: "error", redis: "ok" });
  } finally {
    await postgres.restore();
  }
  await eventually("the answer page is back", async () => (await get(answerPage())).status === 200);
  assert.deepEqual(await health(), { status: 200, body: { status: "ok", db: "ok", redis: "ok" } });
  await submit([APP_URL]);
});

test("Redis down: signed-in work and anonymous answers go on without a single 5xx", async () => {
  const action = await signInAndCaptureAction(APP_URL, draft.id);
  await api("PATCH", `/surveys/${draft.id}`, { title: "Renamed through the API" });
  await redis.cut();
  try {
    const statuses = [];
    const saved = await replay(action);
    statuses.push(saved.status);
    assert.equal(saved.headers.get("x-action-redirect"), null, "not sent to sign in again");
    for (const path of [answerPage(), "/surveys", `/surveys/${draft.id}`, `/surveys/${survey.id}/results`]) {
      statuses.push((await fetch(`${APP_URL}${path}`, { headers: { cookie: action.headers.cookie ?? "" } })).status);
    }
    await Promise.all(Array.from({ length: 10 }, () => submit([APP_URL])));
    assert.deepEqual(statuses, [200, 200, 200, 200, 200]);
    assert.equal((await api<SurveyDto>("GET", `/surveys/${draft.id}`)).title, "Bench survey (edited)");
    const report = await health();
    assert.equal(report.status, 503);
    assert.deepEqual(report.body, { status: "error", db: "ok", redis: "error" });
  } finally {
    await redis.restore();
  }
  await eventually("health is ok again", async () => (await health()).status === 200);
});

test("identity provider down: signed-in people keep working, respondents are unaffected, sign-in says why", async () => {
  const action = await signInAndCaptureAction(APP_URL, draft.id);
  await api("PATCH", `/surveys/${draft.id}`, { title: "Renamed through the API" });
  await stopEmulator(idp.process);
  const browser = await chromium.launch(CHROMIUM);
  try {
    const saved = await replay(action);
    assert.equal(saved.status, 200);
    assert.equal(saved.headers.get("x-action-redirect"), null);
    assert.equal((await api<SurveyDto>("GET", `/surveys/${draft.id}`)).title, "Bench survey (edited)");
    assert.equal((await get(answerPage())).status, 200);
    await submit([APP_URL]);

    const page = await (await browser.newContext({ baseURL: APP_URL })).newPage();
    await page.goto("/signin");
    await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
    await page.waitForURL(/\/auth\/error\?reason=idp_unreachable/);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Microsoft sign-in is unreachable");
  } finally {
    await browser.close();
    idp = await startIdp();
  }
  // Back up: signing in works again (the capture signs in through the emulator and saves once).
  const again = await signInAndCaptureAction(APP_URL, draft.id);
  assert.equal((await replay(again)).status, 200);
});

test("the app killed during a burst: after the restart every acknowledged response is stored once", async () => {
  const results = () =>
    api<{ totalResponses: number }>("GET", `/surveys/${survey.id}/results`).then((r) => r.totalResponses);
  const before = await results();
  // 200 submissions, eight at a time; the process is killed once 50 are acknowledged and
  // started again; clients retry with the same key until it answers (up to ~30 s).
  const acknowledged: string[] = [];
  let next = 0;
  let restarted: Promise<void> | undefined;
  const retries = Array.from({ length: 120 }, () => APP_URL);
  const worker = async () => {
    while (next < 200) {
      next += 1;
      acknowledged.push(await submit(retries, 250));
      if (acknowledged.length === 50 && !restarted) {
        restarted = app.stop("SIGKILL").then(async () => {
          app = await startApp();
        });
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await restarted;
  assert.equal(new Set(acknowledged).size, 200);
  assert.equal(await results(), before + 200, "each acknowledged response stored exactly once");
  const stored = await db().response.count({ where: { submissionKey: { in: acknowledged } } });
  assert.equal(stored, 200);
});
