// Pages of stored responses with their answers, walked by keyset on (submittedAt, id) — the
// responses index — so page 1,000 costs what page 1 costs. Shared by the responses list and the
// CSV export.
import "server-only";
import { db } from "@/lib/db";
import type { StoredValue } from "./answers";
import { decodeCursor, encodeCursor } from "./cursor";
import { isUuid } from "./parse";

export interface SurveyScope {
  tenantId: string;
  surveyId: string;
}

export interface ResponseRow {
  id: string;
  submittedAt: Date;
  respondent: { tenantId: string; oid: string; name: string | null; email: string | null } | null;
  answers: Map<string, StoredValue>;
}

export interface ResponseKey {
  submittedAt: Date;
  id: string;
}

export function responseCursor(key: ResponseKey): string {
  return encodeCursor([key.submittedAt.toISOString(), key.id]);
}

/**
 * Only an instant responseCursor could have written: Date.parse also takes year 0 or -100000,
 * which the database refuses to compare with (a 500 instead of "not a valid cursor").
 */
function isCursorInstant(at: string): boolean {
  const date = new Date(at);
  return !Number.isNaN(date.getTime()) && date.toISOString() === at && date.getUTCFullYear() >= 1;
}

export function parseResponseCursor(cursor: string): ResponseKey {
  const [at = "", id = ""] = decodeCursor(cursor, 2, ([at = "", id]) => isCursorInstant(at) && isUuid(id));
  return { submittedAt: new Date(at), id };
}

export async function loadResponses(
  scope: SurveyScope,
  options: { after: ResponseKey | null; limit: number; order: "asc" | "desc" },
): Promise<ResponseRow[]> {
  const { after, limit, order } = options;
  const beyond = order === "asc" ? "gt" : "lt";
  const responses = await db().response.findMany({
    where: {
      tenantId: scope.tenantId,
      surveyId: scope.surveyId,
      ...(after && {
        OR: [
          { submittedAt: { [beyond]: after.submittedAt } },
          { submittedAt: after.submittedAt, id: { [beyond]: after.id } },
        ],
      }),
    },
    orderBy: [{ submittedAt: order }, { id: order }],
    take: limit,
    select: { id: true, submittedAt: true, respondentTenantId: true, respondentOid: true },
  });
  if (responses.length === 0) return [];

  const ids = responses.map((r) => r.id);
  const people = responses.flatMap((r) =>
    r.respondentTenantId && r.respondentOid ? [{ tenantId: r.respondentTenantId, oid: r.respondentOid }] : [],
  );
  const [answers, users] = await Promise.all([
    db().answer.findMany({
      where: { tenantId: scope.tenantId, responseId: { in: ids } },
      select: { responseId: true, questionId: true, value: true },
    }),
    // Respondents of signed-in surveys may come from any registered tenant: (tenantId, oid) each.
    people.length === 0
      ? []
      : db().user.findMany({ where: { OR: people }, select: { tenantId: true, oid: true, name: true, email: true } }),
  ]);
  const byResponse = new Map<string, Map<string, StoredValue>>();
  for (const answer of answers) {
    const map = byResponse.get(answer.responseId) ?? new Map<string, StoredValue>();
    byResponse.set(answer.responseId, map);
    map.set(answer.questionId, answer.value as StoredValue);
  }
  const userOf = new Map(users.map((u) => [`${u.oid}.${u.tenantId}`, u]));
  return responses.map((r) => {
    const user =
      r.respondentOid && r.respondentTenantId ? userOf.get(`${r.respondentOid}.${r.respondentTenantId}`) : undefined;
    return {
      id: r.id,
      submittedAt: r.submittedAt,
      respondent:
        r.respondentTenantId && r.respondentOid
          ? {
              tenantId: r.respondentTenantId,
              oid: r.respondentOid,
              name: user?.name ?? null,
              email: user?.email ?? null,
            }
          : null,
      answers: byResponse.get(r.id) ?? new Map(),
    };
  });
}
