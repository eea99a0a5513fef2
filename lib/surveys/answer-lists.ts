// Paged reading of what respondents wrote: a text question's answers (with search), and whole
// responses. Keyset paging throughout, so deep pages cost what the first one does.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { authorizeSurvey } from "./access";
import { decodeCursor, encodeCursor } from "./cursor";
import { iso } from "./dto";
import { isUuid, parseInput } from "./parse";
import { loadResponses, parseResponseCursor, responseCursor } from "./response-rows";
import {
  type PageQuery,
  PageQuerySchema,
  type ResponsesPageDto,
  ResponsesPageSchema,
  type TextAnswersPageDto,
  TextAnswersPageSchema,
  type TextAnswersQuery,
  TextAnswersQuerySchema,
} from "./schemas";

const DEFAULT_PAGE = 20;

/** `%`, `_` and the escape character itself match literally in the search. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

interface TextAnswerRow {
  responseId: string;
  text: string;
  submittedAt: Date;
}

/** A text question's answers, newest first, optionally only those containing `search` (any case). */
export async function listTextAnswers(
  actor: Actor,
  surveyId: string,
  questionId: string,
  query: TextAnswersQuery = {},
): Promise<TextAnswersPageDto> {
  const { survey } = await authorizeSurvey(actor, surveyId, "results:read");
  const { cursor, limit = DEFAULT_PAGE, search } = parseInput(TextAnswersQuerySchema, query);
  const question = isUuid(questionId)
    ? await db().question.findFirst({
        where: { tenantId: survey.tenantId, surveyId: survey.id, id: questionId },
        select: { id: true, type: true },
      })
    : null;
  if (!question) throw new NotFoundError("question");
  if (question.type !== "SHORT_TEXT" && question.type !== "LONG_TEXT") {
    throw new ValidationError("Only text questions have text answers to list; see the results for the others.");
  }
  const [after] = cursor ? decodeCursor(cursor, 1, ([id]) => isUuid(id)) : [];
  // Response ids are UUIDv7 (time-ordered), so id order is submission order, served by the index
  // (tenantId, questionId, responseId DESC).
  const rows = await db().$queryRaw<TextAnswerRow[]>`
    SELECT a."responseId" AS "responseId", a."textValue" AS text, r."submittedAt" AS "submittedAt"
    FROM "answers" a
    JOIN "responses" r ON r."tenantId" = a."tenantId" AND r."id" = a."responseId"
    WHERE a."tenantId" = ${survey.tenantId}::uuid AND r."surveyId" = ${survey.id}::uuid
      AND a."questionId" = ${question.id}::uuid AND a."textValue" IS NOT NULL
      ${search ? Prisma.sql`AND a."textValue" ILIKE ${`%${escapeLike(search)}%`} ESCAPE '\\'` : Prisma.empty}
      ${after ? Prisma.sql`AND a."responseId" < ${after}::uuid` : Prisma.empty}
    ORDER BY a."responseId" DESC
    LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return TextAnswersPageSchema.parse({
    items: page.map((r) => ({ responseId: r.responseId, submittedAt: iso(r.submittedAt), text: r.text })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.responseId]) : null,
  });
}

/** Individual responses with all their answers, newest first. */
export async function listResponses(actor: Actor, surveyId: string, query: PageQuery = {}): Promise<ResponsesPageDto> {
  const { survey } = await authorizeSurvey(actor, surveyId, "results:read");
  const { cursor, limit = DEFAULT_PAGE } = parseInput(PageQuerySchema, query);
  const rows = await loadResponses(
    { tenantId: survey.tenantId, surveyId: survey.id },
    { after: cursor ? parseResponseCursor(cursor) : null, limit: limit + 1, order: "desc" },
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return ResponsesPageSchema.parse({
    items: page.map((r) => ({
      id: r.id,
      submittedAt: iso(r.submittedAt),
      respondent: r.respondent ? { kind: "user", ...r.respondent } : { kind: "anonymous" },
      answers: [...r.answers].map(([questionId, value]) => ({ questionId, value })),
    })),
    nextCursor: rows.length > limit && last ? responseCursor(last) : null,
  });
}
