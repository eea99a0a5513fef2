import type { Metadata } from "next";
import { SurveyList } from "@/app/components/survey-list";
import { requireSession } from "@/lib/auth/session";
import { listTenantSurveys } from "@/lib/surveys/queries";

export const metadata: Metadata = { title: "Organization surveys" };

export default async function TenantSurveysPage() {
  const { actor, tenantName } = await requireSession();
  const surveys = await listTenantSurveys(actor);
  const isAdmin = actor.roles.includes("SurveyAdmin");
  return (
    <section className="stack">
      <h1>{tenantName} surveys</h1>
      <p className="muted">
        {isAdmin
          ? "Every survey of your organization. As a survey admin you can edit, publish and delete any of them."
          : "Every survey of your organization. You can open any of them; the owner, contributors and survey admins edit them."}
      </p>
      <SurveyList
        empty="Your organization has no surveys yet."
        label={`${tenantName} surveys`}
        note={(survey) => (survey.ownerId === actor.userId ? "yours" : null)}
        surveys={surveys}
      />
    </section>
  );
}
