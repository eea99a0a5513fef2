// Bulk responses for benchmarks and large-data tests: generated inside the database with
// generate_series (100k responses with 10 answers each in seconds, where one submitResponse per
// response would take minutes). It writes what lib/surveys/answers.ts `answerRows` writes —
// `value` plus its typed copies and one answer_choices row per chosen option — and response ids
// that are UUIDv7 of their submittedAt, like Prisma's uuid(7) default.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { optionsOf } from "@/lib/surveys/dto";

export interface SeedOptions {
  /** Submission times are spread evenly from `from` over `days` days. */
  from?: Date;
  days?: number;
  /** Share of responses that answer each optional question (required ones are always answered). */
  answerRate?: number;
}

/** The value of one answer per question type, for the response row `r` (random per row). */
function valueSql(type: string, optionIds: string[]) {
  const options = Prisma.sql`${optionIds}::text[]`;
  switch (type) {
    case "RATING":
      return Prisma.sql`(1 + floor(random() * 5))::int`;
    case "NPS":
      return Prisma.sql`floor(random() * 11)::int`;
    case "SHORT_TEXT":
    case "LONG_TEXT":
      return Prisma.sql`'Answer ' || left(md5(r."id"::text), 8) || CASE WHEN random() < 0.1 THEN ' Slow service' ELSE ' all good' END`;
    case "DATE":
      return Prisma.sql`(date '2024-01-01' + floor(random() * 730)::int)`;
    case "SINGLE_CHOICE":
      return Prisma.sql`(${options})[1 + floor(random() * ${optionIds.length})::int]`;
    case "YES_NO":
      return Prisma.sql`(random() < 0.6)`;
    case "MULTIPLE_CHOICE":
      // Correlated with r so that random() is drawn per response, in the question's option order.
      return Prisma.sql`ARRAY(SELECT o FROM unnest(${options}) WITH ORDINALITY u(o, i) WHERE random() < 0.4 AND r."id" IS NOT NULL ORDER BY i)`;
    default:
      throw new Error(`no seed for ${type}`);
  }
}

function columnsSql(type: string) {
  switch (type) {
    case "RATING":
    case "NPS":
      return Prisma.sql`to_jsonb(v.x), v.x, NULL::text, NULL::date`;
    case "SHORT_TEXT":
    case "LONG_TEXT":
      return Prisma.sql`to_jsonb(v.x), NULL::int, v.x, NULL::date`;
    case "DATE":
      return Prisma.sql`to_jsonb(to_char(v.x, 'YYYY-MM-DD')), NULL::int, NULL::text, v.x`;
    default:
      return Prisma.sql`to_jsonb(v.x), NULL::int, NULL::text, NULL::date`;
  }
}

function choicesSql(type: string) {
  switch (type) {
    case "SINGLE_CHOICE":
      return Prisma.sql`SELECT a."value" #>> '{}' AS opt`;
    case "MULTIPLE_CHOICE":
      return Prisma.sql`SELECT jsonb_array_elements_text(a."value") AS opt`;
    case "YES_NO":
      return Prisma.sql`SELECT CASE WHEN a."value" = 'true'::jsonb THEN 'yes' ELSE 'no' END AS opt`;
    default:
      return null;
  }
}

/** Adds `count` responses with answers to a survey. Returns the batch tag of their submission keys. */
export async function seedResponses(
  database: Db,
  survey: { tenantId: string; id: string },
  count: number,
  { from = new Date(Date.now() - 30 * 86_400_000), days = 30, answerRate = 0.9 }: SeedOptions = {},
): Promise<string> {
  const batch = `seed-${randomBytes(6).toString("hex")}`;
  const t = Prisma.sql`${survey.tenantId}::uuid`;
  const s = Prisma.sql`${survey.id}::uuid`;
  const spanMs = days * 86_400_000;
  await database.$executeRaw`
    INSERT INTO "responses" ("tenantId", "id", "surveyId", "submissionKey", "submittedAt")
    SELECT ${t},
           (lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7' || substr(md5(${batch} || g), 1, 3)
             || '8' || substr(md5(g || ${batch}), 1, 15))::uuid,
           ${s}, ${batch} || '-' || g, ts
    FROM (
      SELECT g, (to_timestamp(${from.getTime()}::float8 / 1000) AT TIME ZONE 'UTC')
                + (((g - 1)::float8 * ${spanMs}::float8 / ${count}::float8)::bigint * interval '1 millisecond') AS ts
      FROM generate_series(1, ${count}::int) g
    ) x`;
  const inBatch = Prisma.sql`r."tenantId" = ${t} AND r."surveyId" = ${s} AND r."submissionKey" LIKE ${`${batch}-%`}`;

  const questions = await database.question.findMany({ where: { tenantId: survey.tenantId, surveyId: survey.id } });
  for (const question of questions) {
    const rate = question.required ? 1 : answerRate;
    const empty = question.type === "MULTIPLE_CHOICE" ? Prisma.sql`AND cardinality(v.x) > 0` : Prisma.empty;
    const insertAnswers = Prisma.sql`
      INSERT INTO "answers" ("tenantId", "responseId", "questionId", "value", "numberValue", "textValue", "dateValue")
      SELECT r."tenantId", r."id", ${question.id}::uuid, ${columnsSql(question.type)}
      FROM "responses" r CROSS JOIN LATERAL (SELECT ${valueSql(
        question.type,
        optionsOf(question).map((o) => o.id),
      )} AS x) v
      WHERE ${inBatch} AND random() < ${rate}::float8 ${empty}`;
    const choices = choicesSql(question.type);
    if (!choices) {
      await database.$executeRaw`${insertAnswers}`;
      continue;
    }
    // The choice rows come from the answers this statement inserts: no join, one pass.
    await database.$executeRaw`
      WITH a AS (${insertAnswers} RETURNING "tenantId", "questionId", "responseId", "value")
      INSERT INTO "answer_choices" ("tenantId", "questionId", "optionId", "responseId")
      SELECT a."tenantId", a."questionId", c.opt, a."responseId" FROM a CROSS JOIN LATERAL (${choices}) c`;
  }
  return batch;
}
