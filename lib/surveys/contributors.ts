// Contributors of a survey: people of any registered tenant, added by accepting an invitation.
import "server-only";
import { type AuditOptions, writeAuditEvent } from "@/lib/audit/events";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { authorizeSurvey } from "./access";
import { iso } from "./dto";
import { parseInput } from "./parse";
import {
  type ContributorDto,
  ContributorSchema,
  type RemoveContributorInput,
  RemoveContributorInputSchema,
} from "./schemas";

/** Anyone who may open the survey sees who else edits it. */
export async function listContributors(actor: Actor, surveyId: string): Promise<ContributorDto[]> {
  const { survey } = await authorizeSurvey(actor, surveyId, "survey:read");
  const rows = await db().contributor.findMany({
    where: { tenantId: survey.tenantId, surveyId: survey.id },
    include: { user: { select: { name: true, email: true } } },
    orderBy: { addedAt: "asc" },
  });
  return rows.map((row) =>
    ContributorSchema.parse({
      userTenantId: row.userTenantId,
      userId: row.userId,
      name: row.user.name,
      email: row.user.email,
      addedAt: iso(row.addedAt),
    }),
  );
}

export async function removeContributor(
  actor: Actor,
  surveyId: string,
  input: RemoveContributorInput,
  options: AuditOptions = {},
): Promise<void> {
  const { survey } = await authorizeSurvey(actor, surveyId, "survey:invite");
  const who = parseInput(RemoveContributorInputSchema, input);
  await db().$transaction(async (tx) => {
    const { count } = await tx.contributor.deleteMany({
      where: { tenantId: survey.tenantId, surveyId: survey.id, userTenantId: who.userTenantId, userId: who.userId },
    });
    if (count === 0) throw new NotFoundError("contributor");
    await writeAuditEvent(tx, {
      tenantId: survey.tenantId,
      actor,
      action: "contributor.removed",
      targetType: "survey",
      targetId: survey.id,
      data: { userTenantId: who.userTenantId, userId: who.userId },
      correlationId: options.correlationId,
    });
  });
}
