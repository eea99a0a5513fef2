// Results timing at growing response counts, on whatever DATABASE_URL names (use a scratch
// database: it adds a tenant with up to 100k responses and deletes it at the end).
//   node --import tsx --conditions=react-server lib/surveys/results.bench.ts [1000,10000,100000] [--keep]
// --keep leaves the data in place (for EXPLAIN ANALYZE by hand).
import { performance } from "node:perf_hooks";
import { db, disconnectDb } from "@/lib/db";
import { actorOf } from "@/test/support/actors";
import { seedResponses } from "@/test/support/survey-seed";
import { createPublished } from "@/test/support/surveys";
import { createTenantWithUser, deleteTenants } from "@/test/support/tenants";
import { listResponses, listTextAnswers } from "./answer-lists";
import { exportResponsesCsv } from "./export";
import { getSurveyResults } from "./results";

const args = process.argv.slice(2);
const keep = args.includes("--keep");
const sizes = (args.find((a) => !a.startsWith("--")) ?? "1000,10000,100000").split(",").map(Number);
const choices = (...labels: string[]) => labels.map((label) => ({ label }));

async function median(run: () => Promise<unknown>, times = 5): Promise<number> {
  await run(); // warm caches and the plan
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples.sort((x, y) => x - y)[Math.floor(times / 2)] ?? Number.NaN;
}

const tenant = await createTenantWithUser(db(), "Bench");
try {
  const owner = await actorOf(db(), tenant);
  const survey = await createPublished(owner, {
    settings: { audience: "ANYONE_WITH_LINK" },
    questions: [
      { type: "SINGLE_CHOICE", text: "Plan", options: choices("Free", "Team", "Business", "Enterprise") },
      { type: "MULTIPLE_CHOICE", text: "Features", options: choices("Forms", "Reports", "API", "SSO", "Export") },
      { type: "YES_NO", text: "Renew?" },
      { type: "RATING", text: "Support", required: true },
      { type: "NPS", text: "Recommend?" },
      { type: "DATE", text: "Started on" },
      { type: "SHORT_TEXT", text: "Job title" },
      { type: "LONG_TEXT", text: "Comments" },
      { type: "SINGLE_CHOICE", text: "Team size", options: choices("1-10", "11-100", "100+") },
      { type: "RATING", text: "Docs" },
    ],
  });
  const comments = survey.questions[7]?.id ?? "";
  let seeded = 0;
  console.log(
    "responses | seed s | results ms (analyzed) | results ms (vacuumed) | text page ms | text search ms | responses page ms | CSV s",
  );
  for (const size of sizes) {
    const started = performance.now();
    await seedResponses(db(), survey, size - seeded);
    seeded = size;
    const seedSeconds = (performance.now() - started) / 1000;
    await db().$executeRaw`ANALYZE "responses", "answers", "answer_choices"`;
    const analyzed = await median(() => getSurveyResults(owner, survey.id));
    await db().$executeRaw`VACUUM (ANALYZE) "responses"`;
    await db().$executeRaw`VACUUM (ANALYZE) "answers"`;
    await db().$executeRaw`VACUUM (ANALYZE) "answer_choices"`;
    const vacuumed = await median(() => getSurveyResults(owner, survey.id));
    const textPage = await median(() => listTextAnswers(owner, survey.id, comments, { limit: 20 }));
    const textSearch = await median(() => listTextAnswers(owner, survey.id, comments, { limit: 20, search: "SLOW" }));
    const responsesPage = await median(() => listResponses(owner, survey.id, { limit: 20 }));
    const csvStarted = performance.now();
    let bytes = 0;
    for await (const chunk of await exportResponsesCsv(owner, survey.id)) bytes += chunk.length;
    const csvSeconds = (performance.now() - csvStarted) / 1000;
    const results = await getSurveyResults(owner, survey.id);
    if (results.totalResponses !== size) throw new Error(`expected ${size} responses, got ${results.totalResponses}`);
    console.log(
      [
        size,
        seedSeconds.toFixed(1),
        analyzed.toFixed(1),
        vacuumed.toFixed(1),
        textPage.toFixed(1),
        textSearch.toFixed(1),
        responsesPage.toFixed(1),
        `${csvSeconds.toFixed(1)} (${(bytes / 1e6).toFixed(1)} MB)`,
      ].join(" | "),
    );
  }
} finally {
  if (!keep) await deleteTenants(db(), tenant);
  await disconnectDb();
}
