import "server-only";
import { writeAuditEvent } from "@/lib/audit/events";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ForbiddenError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { forgetTenantTokens } from "@/lib/tokens";
import { offboardTenant } from "./mutations";

/**
 * A SurveyAdmin turns Surveys off for their organization: every session is revoked and every
 * cached token dropped now; the data stays for TENANT_PURGE_GRACE_DAYS, then purgeOffboardedTenants
 * deletes it.
 */
export async function offboardOrganization(actor: UserActor): Promise<void> {
  if (!actor.roles.includes("SurveyAdmin"))
    throw new ForbiddenError("Only a SurveyAdmin can offboard the organization.");
  const graceDays = env().TENANT_PURGE_GRACE_DAYS;
  const tenant = await offboardTenant(actor.tenantId, graceDays);
  await forgetTenantTokens(actor.tenantId);
  await writeAuditEvent(db(), {
    tenantId: actor.tenantId,
    actor,
    action: "tenant.offboarded",
    targetType: "tenant",
    targetId: actor.tenantId,
    data: { purgeAfter: tenant.purgeAfter?.toISOString() ?? null },
  });
  logger().info({ tid: actor.tenantId, graceDays }, "tenant offboarded");
}
