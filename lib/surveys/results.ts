// A survey's results, aggregated by the database: a handful of GROUP BY queries over the typed
// answer columns and answer_choices (index-only scans), never the responses themselves. Each
// query names the survey's tenant and the survey. They run in one repeatable-read transaction so
// the totals agree with each other while responses keep arriving.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { Prisma, type Question } from "@/lib/generated/prisma/client";
import { authorizeSurvey } from "./access";
import { optionsOf } from "./dto";
import { npsSummary, percentOf, ratingSummary } from "./results-math";
import { type QuestionResultDto, type SurveyResultsDto, SurveyResultsSchema } from "./schemas";

interface CountRow {
  n: number;
}
interface DayRow {
  day: string;
  n: number;
}
interface QuestionCountRow {
  questionId: string;
  n: number;
}
interface ChoiceRow {
  questionId: string;
  optionId: string;
  n: number;
}
interface NumberRow {
  questionId: string;
  value: number;
  n: number;
}
interface MonthRow {
  questionId: string;
  month: string;
  n: number;
  earliest: string;
  latest: string;
}

// Shapes chosen from EXPLAIN ANALYZE at 100k responses: counts are correlated count(*) subqueries
// per (question, option) or (question, value), each an index-only range scan, so nothing is sorted
// or hashed by row and the cost grows linearly with the answers; days and months are grouped on
// date_trunc (cheap to hash) and formatted afterwards.
function aggregateQueries(tenantId: string, surveyId: string) {
  const responses = Prisma.sql`"tenantId" = ${tenantId}::uuid AND "surveyId" = ${surveyId}::uuid`;
  const questions = Prisma.sql`q."tenantId" = ${tenantId}::uuid AND q."surveyId" = ${surveyId}::uuid`;
  return [
    db().$queryRaw<CountRow[]>`SELECT count(*)::int AS n FROM "responses" WHERE ${responses}`,
    db().$queryRaw<DayRow[]>`
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day, d.n FROM (
        SELECT date_trunc('day', "submittedAt") AS day, count(*)::int AS n
        FROM "responses" WHERE ${responses} GROUP BY 1
      ) d ORDER BY d.day`,
    // Answered counts where the other queries cannot derive them (several options per answer, text).
    db().$queryRaw<QuestionCountRow[]>`
      SELECT q."id" AS "questionId",
             (SELECT count(*)::int FROM "answers" a WHERE a."tenantId" = q."tenantId" AND a."questionId" = q."id") AS n
      FROM "questions" q
      WHERE ${questions} AND q."type" IN ('MULTIPLE_CHOICE', 'SHORT_TEXT', 'LONG_TEXT')`,
    // Counted per option the question has now (YES_NO: yes and no).
    db().$queryRaw<ChoiceRow[]>`
      SELECT q."id" AS "questionId", o.id AS "optionId",
             (SELECT count(*)::int FROM "answer_choices" c
              WHERE c."tenantId" = q."tenantId" AND c."questionId" = q."id" AND c."optionId" = o.id) AS n
      FROM "questions" q
      CROSS JOIN LATERAL (
        SELECT jsonb_array_elements(q."options" -> 'options') ->> 'id' AS id
        WHERE q."type" IN ('SINGLE_CHOICE', 'MULTIPLE_CHOICE')
        UNION ALL
        SELECT unnest(ARRAY['yes', 'no']) WHERE q."type" = 'YES_NO'
      ) o
      WHERE ${questions}`,
    db().$queryRaw<NumberRow[]>`
      SELECT q."id" AS "questionId", v.value,
             (SELECT count(*)::int FROM "answers" a
              WHERE a."tenantId" = q."tenantId" AND a."questionId" = q."id" AND a."numberValue" = v.value) AS n
      FROM "questions" q
      CROSS JOIN LATERAL generate_series(
        CASE WHEN q."type" = 'NPS' THEN 0 ELSE 1 END, CASE WHEN q."type" = 'NPS' THEN 10 ELSE 5 END
      ) AS v(value)
      WHERE ${questions} AND q."type" IN ('RATING', 'NPS')`,
    db().$queryRaw<MonthRow[]>`
      SELECT m."questionId", to_char(m.month, 'YYYY-MM') AS month, m.n,
             to_char(m.earliest, 'YYYY-MM-DD') AS earliest, to_char(m.latest, 'YYYY-MM-DD') AS latest
      FROM (
        SELECT a."questionId" AS "questionId", date_trunc('month', a."dateValue") AS month, count(*)::int AS n,
               min(a."dateValue") AS earliest, max(a."dateValue") AS latest
        FROM "questions" q JOIN "answers" a ON a."tenantId" = q."tenantId" AND a."questionId" = q."id"
        WHERE ${questions} AND q."type" = 'DATE' AND a."dateValue" IS NOT NULL
        GROUP BY 1, 2
      ) m ORDER BY m.month`,
  ] as const;
}

function groupBy<T extends { questionId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(row.questionId, [...(map.get(row.questionId) ?? []), row]);
  return map;
}

interface Aggregates {
  answered: Map<string, number>;
  choices: Map<string, ChoiceRow[]>;
  numbers: Map<string, NumberRow[]>;
  months: Map<string, MonthRow[]>;
}

function questionResult(question: Question, all: Aggregates): QuestionResultDto {
  const base = { questionId: question.id, text: question.text };
  switch (question.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE":
    case "YES_NO": {
      const counts = new Map((all.choices.get(question.id) ?? []).map((r) => [r.optionId, r.n]));
      const options =
        question.type === "YES_NO"
          ? [
              { id: "yes", label: "Yes" },
              { id: "no", label: "No" },
            ]
          : optionsOf(question);
      // One option per answer, except multiple choice: there the answers are counted on their own.
      const answered =
        question.type === "MULTIPLE_CHOICE"
          ? (all.answered.get(question.id) ?? 0)
          : [...counts.values()].reduce((a, b) => a + b, 0);
      return {
        ...base,
        type: question.type,
        answered,
        options: options.map((o) => {
          const count = counts.get(o.id) ?? 0;
          return { id: o.id, label: o.label, count, percent: percentOf(count, answered) };
        }),
      };
    }
    case "RATING":
    case "NPS": {
      const counts = new Map((all.numbers.get(question.id) ?? []).map((r) => [r.value, r.n]));
      return question.type === "RATING"
        ? { ...base, type: "RATING", ...ratingSummary(counts) }
        : { ...base, type: "NPS", ...npsSummary(counts) };
    }
    case "DATE": {
      const months = all.months.get(question.id) ?? [];
      const dates = months.flatMap((m) => [m.earliest, m.latest]).sort();
      return {
        ...base,
        type: "DATE",
        answered: months.reduce((total, m) => total + m.n, 0),
        earliest: dates[0] ?? null,
        latest: dates.at(-1) ?? null,
        perMonth: months.map((m) => ({ month: m.month, count: m.n })),
      };
    }
    case "SHORT_TEXT":
    case "LONG_TEXT":
      return { ...base, type: question.type, answered: all.answered.get(question.id) ?? 0 };
  }
}

export async function getSurveyResults(actor: Actor, surveyId: string): Promise<SurveyResultsDto> {
  const { survey } = await authorizeSurvey(actor, surveyId, "results:read");
  const [questions, [total, days, answered, choices, numbers, months]] = await Promise.all([
    db().question.findMany({
      where: { tenantId: survey.tenantId, surveyId: survey.id },
      orderBy: { position: "asc" },
    }),
    db().$transaction([...aggregateQueries(survey.tenantId, survey.id)], {
      isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
    }),
  ]);
  const aggregates: Aggregates = {
    answered: new Map(answered.map((r) => [r.questionId, r.n])),
    choices: groupBy(choices),
    numbers: groupBy(numbers),
    months: groupBy(months),
  };
  return SurveyResultsSchema.parse({
    surveyId: survey.id,
    totalResponses: total[0]?.n ?? 0,
    responsesPerDay: days.map((d) => ({ date: d.day, count: d.n })),
    questions: questions.map((q) => questionResult(q, aggregates)),
  });
}
