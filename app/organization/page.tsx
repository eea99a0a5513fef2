import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { OffboardForm } from "./offboard-form";

export const metadata: Metadata = { title: "Organization" };

export default async function OrganizationPage() {
  const session = await requireRole("SurveyAdmin");
  const graceDays = env().TENANT_PURGE_GRACE_DAYS;
  return (
    <section className="stack">
      <h1>{session.tenantName}</h1>
      <p className="muted">Tenant ID {session.actor.tenantId}</p>
      <h2>Leave Surveys</h2>
      <p>
        Offboarding turns Surveys off for everyone in {session.tenantName} at once: every session ends and nobody can
        sign in or call the API. Surveys and responses are kept for {graceDays} days, during which an administrator can
        sign the organization up again; after that they are deleted.
      </p>
      <OffboardForm tenantName={session.tenantName} />
    </section>
  );
}
