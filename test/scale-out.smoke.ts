// Two instances of the production build on one PostgreSQL and one Redis, with the same
// NEXTAUTH_SECRET and TOKEN_CACHE_KEYS (issue 7, scale-out): a person signed in on A continues on
// B with no new sign-in and no identity provider request; responses sent to both are all
// counted; A killed in the middle of a burst loses nothing acknowledged, because clients retry
// on B with the same submission key. Run by `npm test -- scale-out` (after the build tier).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { db, disconnectDb } from "@/lib/db";
import { requireIdentity } from "@/lib/env";
import type { SurveyDto } from "@/lib/surveys/schemas";
import { type AppServer, startAppServer } from "@/test/support/app-server";
import { type RecordedAction, signInAndCaptureAction } from "@/test/support/browser-action";
import { registerSeededTenant } from "@/test/support/emulator-hooks";
import { passwordGrant, SEEDED } from "@/test/support/entra";
import { callSurveyApi, emulatorTokenRequestTotal } from "@/test/support/http-api";
import { deliver, ratingSubmission } from "@/test/support/submissions";

const identity = requireIdentity();
const PORT = Number(process.env.SCALE_OUT_PORT ?? 3300);
let a: AppServer;
let b: AppServer;
let token: string;
let unregister: () => Promise<void>;

const api = <T>(base: string, method: string, path: string, body?: unknown) =>
  callSurveyApi<T>(base, token, method, path, body);

before(async () => {
  unregister = await registerSeededTenant(db(), SEEDED.contoso, "Contoso");
  assert.ok(process.env.REDIS_URL, "the scale-out test shares Redis between the instances: set REDIS_URL");
  [a, b] = await Promise.all([startAppServer({ port: PORT }), startAppServer({ port: PORT + 1 })]);
  token = (await passwordGrant({ tenant: SEEDED.contoso, username: "adele@contoso.com", scope: identity.api.scope }))
    .access_token;
});

after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await unregister?.();
  await disconnectDb();
});

/** The recorded request, sent to another instance (same path, that instance's origin). */
function sendTo(server: AppServer, action: RecordedAction): Promise<Response> {
  const url = new URL(action.url);
  const target = new URL(url.pathname + url.search, server.url);
  return fetch(target, {
    method: "POST",
    headers: { ...action.headers, origin: server.url },
    body: new Uint8Array(action.body),
  });
}

test("signed in on A, a server action on B works with no sign-in and no identity provider request", async () => {
  const draft = await api<SurveyDto>(a.url, "POST", "/surveys", { title: "Scale-out draft" });
  const action = await signInAndCaptureAction(a.url, draft.id);
  await api(a.url, "PATCH", `/surveys/${draft.id}`, { title: "Changed through the API" });

  const before = await emulatorTokenRequestTotal();
  const response = await sendTo(b, action);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("x-action-redirect"), null, "not sent to sign in again");
  assert.equal(await emulatorTokenRequestTotal(), before, "B found the session and the token in the shared stores");
  const saved = await api<SurveyDto>(b.url, "GET", `/surveys/${draft.id}`);
  assert.equal(saved.title, "Bench survey (edited)", "the action B ran was stored");
});

test("responses sent to both instances are all counted; A killed mid-burst loses nothing acknowledged", async () => {
  const draft = await api<SurveyDto>(a.url, "POST", "/surveys", {
    title: "Scale-out survey",
    settings: { audience: "ANYONE_WITH_LINK" },
    questions: [{ type: "RATING", text: "How was it?", required: true }],
  });
  const survey = await api<SurveyDto>(a.url, "POST", `/surveys/${draft.id}/publish`);
  const question = survey.questions[0]?.id ?? "";
  let sent = 0;
  /** One respondent's submission; on a failed connection, the same key again on the other instance. */
  const submit = (first: AppServer, fallback: AppServer) =>
    deliver(ratingSubmission(survey, question, sent++), [first.url, fallback.url, fallback.url]);
  const results = () =>
    api<{ totalResponses: number }>(b.url, "GET", `/surveys/${survey.id}/results`).then((r) => r.totalResponses);

  const spread = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? submit(a, b) : submit(b, a))));
  assert.equal(await results(), 40);

  // A burst at A, eight at a time; A is killed once a quarter of it is acknowledged.
  const acknowledged: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < 200) {
      next += 1;
      acknowledged.push(await submit(a, b));
      if (acknowledged.length === 50) await a.stop("SIGKILL");
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  assert.equal(a.child.signalCode, "SIGKILL", "A was killed during the burst");
  assert.equal(new Set(acknowledged).size, 200);
  assert.equal(await results(), 40 + 200, "every acknowledged response stored exactly once");
  assert.equal(spread.length, 40);
});

test("behind a load balancer that terminates TLS, every answer carries HSTS; over plain http none does", async () => {
  // The public URL is what decides (NEXTAUTH_URL): the instance itself still speaks http.
  const tls = await startAppServer({ port: PORT + 2, env: { NEXTAUTH_URL: "https://surveys.example.test" } });
  try {
    for (const path of ["/", "/signin", "/api/health", "/api/v1/surveys"]) {
      const behindTls = await fetch(`${tls.url}${path}`, { redirect: "manual" });
      assert.equal(behindTls.headers.get("strict-transport-security"), "max-age=63072000; includeSubDomains", path);
      assert.match(behindTls.headers.get("content-security-policy") ?? "", /upgrade-insecure-requests/);
      const plain = await fetch(`${b.url}${path}`, { redirect: "manual" });
      assert.equal(plain.headers.get("strict-transport-security"), null, path);
    }
  } finally {
    await tls.stop();
  }
});
