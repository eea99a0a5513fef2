// One column of `npm run bench`: the production build on the database this process was given
// (DATABASE_URL from scripts/with-db.mjs or with-test-postgres.mjs) and the emulator in test mode
// (scripts/with-emulator.mjs), measured from this separate process over loopback.
//   node --import tsx --conditions=react-server scripts/bench/column.ts <label> <out.json>
// Every figure sits next to the baseline (GET /api/ping) measured by the same server in this run.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { db, disconnectDb } from "@/lib/db";
import { requireIdentity } from "@/lib/env";
import type { SurveyDto } from "@/lib/surveys/schemas";
import { startAppServer } from "@/test/support/app-server";
import { signInAndCaptureAction } from "@/test/support/browser-action";
import { crowdAddress } from "@/test/support/crowd";
import { registerSeededTenant } from "@/test/support/emulator-hooks";
import { passwordGrant, SEEDED } from "@/test/support/entra";
import { callSurveyApi, emulatorTokenRequestTotal } from "@/test/support/http-api";
import { type LoadFigures, load } from "./load";
import { summarizeProfiles } from "./profile";
import { measureResultsAtScale } from "./results-scale";

const [label = "column", outFile = ".bench/column.json"] = process.argv.slice(2);
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const APP = `http://localhost:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SIZES = (process.env.BENCH_RESULT_SIZES ?? "1000,10000,100000").split(",").map(Number);
const identity = requireIdentity();
/** BENCH_PROFILE=1: the server runs with --cpu-prof; its profile is summarized in the JSON. */
const PROFILE_DIR = process.env.BENCH_PROFILE ? path.resolve(".bench/profiles", label) : undefined;

/** Resident set size (MiB) of the server: the largest process under the one we started. */
function rssMiB(pid: number): number {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    try {
      const children = readFileSync(`/proc/${tree[i]}/task/${tree[i]}/children`, "utf8").trim();
      if (children) tree.push(...children.split(" ").map(Number));
    } catch {
      // gone
    }
  }
  const sizes = tree.map((p) => {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1];
      return Number(kb ?? 0) / 1024;
    } catch {
      return 0;
    }
  });
  return Math.round(Math.max(...sizes));
}

const api = <T>(token: string, method: string, path: string, body?: unknown) =>
  callSurveyApi<T>(APP, token, method, path, body);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
};
const round = (n: number) => Math.round(n * 100) / 100;
const ratio = (figures: LoadFigures, baseline: LoadFigures) =>
  round(figures.requestsPerSecond / baseline.requestsPerSecond);

if (PROFILE_DIR) {
  rmSync(PROFILE_DIR, { recursive: true, force: true });
  mkdirSync(PROFILE_DIR, { recursive: true });
}
await registerSeededTenant(db(), SEEDED.contoso, "Contoso");
const app = await startAppServer({
  port: PORT,
  // debug: cache hits of the token service are logged there; the cost is in every figure alike.
  env: { LOG_LEVEL: "debug", REDIS_URL: "" },
  nodeArgs: PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [],
});
const server = app.child;
const serverLog = app.log;
try {
  const token = (
    await passwordGrant({ tenant: SEEDED.contoso, username: "adele@contoso.com", scope: identity.api.scope })
  ).access_token;
  const choices = (...labels: string[]) => labels.map((l) => ({ label: l }));
  const draft = await api<SurveyDto>(token, "POST", "/surveys", {
    title: "Bench survey",
    settings: { audience: "ANYONE_WITH_LINK" },
    questions: [
      { type: "SINGLE_CHOICE", text: "Plan", required: true, options: choices("Free", "Team", "Business") },
      { type: "RATING", text: "How satisfied are you?", required: true },
      { type: "SHORT_TEXT", text: "Job title" },
    ],
  });
  const survey = await api<SurveyDto>(token, "POST", `/surveys/${draft.id}/publish`);
  const answerPage = `${APP}/s/${survey.tenantId}/${survey.id}`;
  const [plan, rating, title] = survey.questions;
  if (!plan || !("options" in plan) || !rating || !title) throw new Error("unexpected survey shape");
  // Warm every route once (first requests compile nothing in production, but load code).
  for (const url of [`${APP}/api/ping`, answerPage]) await fetch(url);
  const rssBefore = rssMiB(server.pid ?? 0);

  const baseline = await load({ url: `${APP}/api/ping`, seconds: SECONDS, connections: CONNECTIONS });
  const respondentPage = await load({ url: answerPage, seconds: SECONDS, connections: CONNECTIONS });

  // Submissions: a new submission key and client address each (the API limits anonymous answers
  // per address), as a crowd of respondents behind a load balancer would send them. Every
  // acknowledged response id is kept, to check it against what the database holds.
  let sent = 0;
  const acknowledgedIds = new Set<string>();
  const optionIds = plan.options.map((o) => o.id);
  const submit = (extra: { overallRate?: number }) =>
    load({
      url: `${APP}/api/v1/forms/${survey.tenantId}/${survey.id}/responses`,
      method: "POST",
      headers: { "content-type": "application/json" },
      seconds: SECONDS,
      connections: CONNECTIONS,
      ...extra,
      setupRequest: (request) => {
        const n = sent++;
        return {
          headers: { ...request.headers, "x-forwarded-for": crowdAddress(n) },
          body: JSON.stringify({
            submissionKey: randomBytes(16).toString("base64url"),
            answers: { [plan.id]: optionIds[n % optionIds.length], [rating.id]: 1 + (n % 5), [title.id]: `Role ${n}` },
          }),
        };
      },
      onResponse: (status, body) => {
        if (status >= 200 && status < 300) acknowledgedIds.add((JSON.parse(body) as { responseId: string }).responseId);
      },
    });
  const submission = await submit({});
  // The target's latency is "p99 at 30% of the baseline's rate": an open loop at that rate.
  const atTargetRate = await submit({ overallRate: Math.max(1, Math.round(baseline.requestsPerSecond * 0.3)) });
  await sleep(500); // requests the load generator abandoned at its deadline finish on the server
  const acknowledged = submission.warmupOk + submission.ok + atTargetRate.warmupOk + atTargetRate.ok;
  const results = await api<{ totalResponses: number; questions: Array<{ questionId: string; answered: number }> }>(
    token,
    "GET",
    `/surveys/${survey.id}/results`,
  );
  const stored = {
    acknowledged,
    distinctAcknowledged: acknowledgedIds.size,
    stored: results.totalResponses,
    // Sent, then abandoned by autocannon when its time was up (at most one per connection and run):
    // the server still stores them; nobody was told "stored", so nobody retries them.
    abandonedInFlight: results.totalResponses - acknowledged,
    inFlightBound: 4 * CONNECTIONS,
    everyAnswerStored: results.questions.every((q) => q.answered === results.totalResponses),
  };

  // Signed in: a server action of the editor (save the title) calls the API with the person's token.
  // (A draft: a published survey's editor is read-only.)
  const editable = await api<SurveyDto>(token, "POST", "/surveys", { title: "Bench draft" });
  const action = await signInAndCaptureAction(APP, editable.id);
  const idpBefore = await emulatorTokenRequestTotal();
  const logFrom = serverLog.length;
  const signedIn = await load({
    url: action.url,
    method: "POST",
    headers: action.headers,
    body: action.body,
    seconds: SECONDS,
    connections: CONNECTIONS,
    setupRequest: (request) => ({ headers: { ...request.headers, "x-correlation-id": randomUUID() } }),
  });
  await sleep(200); // the last log lines
  const idpRequests = (await emulatorTokenRequestTotal()) - idpBefore;
  const window = serverLog.slice(logFrom);
  const latencies = (msg: string) =>
    window.filter((l) => l.msg === msg && typeof l.latencyMs === "number").map((l) => Number(l.latencyMs));
  const tokenMs = latencies("access token acquired");
  const apiMs = latencies("api");
  const apiCalls = window.filter((l) => l.msg === "api call").length;
  const pageViews = signedIn.warmupOk + signedIn.ok;
  const split = {
    p50: {
      total: signedIn.p50,
      token: round(percentile(tokenMs, 0.5)),
      api: round(percentile(apiMs, 0.5)),
    },
    p99: {
      total: signedIn.p99,
      token: round(percentile(tokenMs, 0.99)),
      api: round(percentile(apiMs, 0.99)),
    },
  };
  const rssAfter = rssMiB(server.pid ?? 0);
  await app.stop();

  const resultsAtScale = await measureResultsAtScale(SIZES);

  const figures = {
    label,
    seconds: SECONDS,
    connections: CONNECTIONS,
    baseline,
    respondentPage: { ...respondentPage, ratio: ratio(respondentPage, baseline) },
    submission: {
      ...submission,
      ratio: ratio(submission, baseline),
      atTargetRate: { ...atTargetRate, rate: Math.round(baseline.requestsPerSecond * 0.3) },
      stored,
    },
    signedInAction: {
      ...signedIn,
      ratio: ratio(signedIn, baseline),
      split: {
        ...split,
        renderAndRestP50: round(split.p50.total - split.p50.token - split.p50.api),
      },
      tokenAcquisitions: tokenMs.length,
      apiCalls,
      idpTokenRequests: idpRequests,
      idpTokenRequestsPer1000Views: round((idpRequests / Math.max(1, pageViews)) * 1000),
      apiCallsWithoutIdpRoundTrip: round(1 - idpRequests / Math.max(1, apiCalls)),
    },
    resultsAtScale,
    rssMiB: { before: rssBefore, after: rssAfter },
    ...(PROFILE_DIR ? { serverCpuProfile: summarizeProfiles(PROFILE_DIR) } : {}),
  };
  writeFileSync(outFile, `${JSON.stringify(figures, null, 2)}\n`);
} finally {
  await app.stop();
  await disconnectDb();
}
