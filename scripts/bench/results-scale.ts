// Results of one survey with 10 questions at growing response counts, on whatever database
// DATABASE_URL names: a tenant of its own, responses generated in SQL (test/support/survey-seed),
// then the median of five timed reads per figure after one warm-up. The tenant is deleted at the
// end. Part of `npm run bench` (scripts/bench/column.ts); by hand, with the data kept for EXPLAIN:
//   node --import tsx --conditions=react-server scripts/bench/results-scale.ts [1000,10000] [--keep]
import { performance } from "node:perf_hooks";
import { db, disconnectDb } from "@/lib/db";
import { listResponses, listTextAnswers } from "@/lib/surveys/answer-lists";
import { exportResponsesCsv } from "@/lib/surveys/export";
import { getSurveyResults } from "@/lib/surveys/results";
import { actorOf } from "@/test/support/actors";
import { seedResponses } from "@/test/support/survey-seed";
import { createPublished } from "@/test/support/surveys";
import { createTenantWithUser, deleteTenants } from "@/test/support/tenants";

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

export interface ResultsAtSize {
  responses: number;
  seedSeconds: number;
  /** getSurveyResults, p50 (ms), right after ANALYZE, as a live table would be. */
  resultsMs: number;
  /** The same after VACUUM (index-only scans). */
  resultsVacuumedMs: number;
  textPageMs: number;
  textSearchMs: number;
  responsesPageMs: number;
  csvSeconds: number;
  csvMegabytes: number;
}

const one = (n: number) => Math.round(n * 10) / 10;

export async function measureResultsAtScale(
  sizes: number[],
  options: { keep?: boolean } = {},
): Promise<ResultsAtSize[]> {
  const rows: ResultsAtSize[] = [];
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
      rows.push({
        responses: size,
        seedSeconds: one(seedSeconds),
        resultsMs: one(analyzed),
        resultsVacuumedMs: one(vacuumed),
        textPageMs: one(textPage),
        textSearchMs: one(textSearch),
        responsesPageMs: one(responsesPage),
        csvSeconds: one(csvSeconds),
        csvMegabytes: one(bytes / 1e6),
      });
    }
  } finally {
    if (!options.keep) await deleteTenants(db(), tenant);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const sizes = (args.find((a) => !a.startsWith("--")) ?? "1000,10000,100000").split(",").map(Number);
  try {
    console.table(await measureResultsAtScale(sizes, { keep: args.includes("--keep") }));
  } finally {
    await disconnectDb();
  }
}
