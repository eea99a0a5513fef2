import type { Metadata } from "next";
import { SurveyList } from "@/app/components/survey-list";
import { requireSession } from "@/lib/auth/session";
import { listContributingSurveys, listMySurveys } from "@/lib/surveys/queries";

export const metadata: Metadata = { title: "My surveys" };

export default async function MySurveysPage() {
  const { actor } = await requireSession();
  const canCreate = actor.roles.includes("SurveyCreator") || actor.roles.includes("SurveyAdmin");
  const [mine, contributing] = await Promise.all([listMySurveys(actor), listContributingSurveys(actor)]);
  return (
    <section className="stack">
      <div className="page-heading">
        <h1>My surveys</h1>
        {canCreate ? (
          <a className="button" href="/surveys/new">
            Create a survey
          </a>
        ) : null}
      </div>
      <h2 id="mine">Surveys you own</h2>
      <SurveyList
        empty={canCreate ? "You have not created a survey yet." : "You own no surveys."}
        label="Surveys you own"
        surveys={mine}
      />
      <h2 id="contributing">Surveys you contribute to</h2>
      <SurveyList
        empty="Nobody has invited you to work on a survey yet."
        label="Surveys you contribute to"
        note={(survey) => (survey.tenantId === actor.tenantId ? null : "another organization")}
        surveys={contributing}
      />
    </section>
  );
}
