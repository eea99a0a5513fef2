// The CSV export: authorized up front (so the API can still answer 403/404 before streaming),
// then streamed in keyset batches, so memory stays flat however many responses there are.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { authorizeSurvey } from "./access";
import { answerCell, CSV_BOM, CSV_HEADER, type CsvQuestion, csvRow } from "./csv";
import { optionsOf } from "./dto";
import { loadResponses, type ResponseKey, type ResponseRow, type SurveyScope } from "./response-rows";

export const CSV_BATCH_SIZE = 1_000;

function respondentCell(row: ResponseRow): string {
  if (!row.respondent) return "Anonymous";
  return row.respondent.email ?? row.respondent.name ?? `${row.respondent.oid}.${row.respondent.tenantId}`;
}

async function* csvChunks(
  scope: SurveyScope,
  questions: (CsvQuestion & { id: string; text: string })[],
  batchSize: number,
): AsyncGenerator<string> {
  yield CSV_BOM + csvRow([...CSV_HEADER, ...questions.map((q) => q.text)]);
  let after: ResponseKey | null = null;
  for (;;) {
    const batch = await loadResponses(scope, { after, limit: batchSize, order: "asc" });
    if (batch.length === 0) return;
    yield batch
      .map((row) =>
        csvRow([
          row.id,
          row.submittedAt.toISOString(),
          respondentCell(row),
          ...questions.map((q) => answerCell(q, row.answers.get(q.id))),
        ]),
      )
      .join("");
    if (batch.length < batchSize) return;
    after = batch.at(-1) ?? null;
  }
}

/**
 * UTF-8 text chunks of the survey's responses as CSV, oldest first: a BOM and the header
 * "Response ID,Submitted at,Respondent,<question texts…>", then one row per response.
 * For a Response body: `new Response(ReadableStream.from(await exportResponsesCsv(…)))`.
 */
export async function exportResponsesCsv(
  actor: Actor,
  surveyId: string,
  options: { batchSize?: number } = {},
): Promise<AsyncGenerator<string>> {
  const { survey } = await authorizeSurvey(actor, surveyId, "results:read");
  const questions = await db().question.findMany({
    where: { tenantId: survey.tenantId, surveyId: survey.id },
    orderBy: { position: "asc" },
  });
  return csvChunks(
    { tenantId: survey.tenantId, surveyId: survey.id },
    questions.map((q) => ({ id: q.id, text: q.text, type: q.type, options: optionsOf(q) })),
    options.batchSize ?? CSV_BATCH_SIZE,
  );
}
