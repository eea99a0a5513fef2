import type { Metadata } from "next";
import { AUDIENCE_LABELS } from "@/app/components/survey-labels";
import { SurveyStatusBadge } from "@/app/components/survey-status-badge";
import { requireSession } from "@/lib/auth/session";
import type { SurveyDto } from "@/lib/surveys/schemas";
import "../surveys.css";
import "./editor.css";
import { ContributorsPanel } from "./contributors-panel";
import { LifecycleActions } from "./lifecycle-actions";
import { loadPeople, loadSurvey } from "./load-survey";
import { QuestionList } from "./question-list";
import { QuestionPreview } from "./question-preview";
import { SharePanel } from "./share-panel";
import { SurveyDetailsForm } from "./survey-details-form";
import { SurveySettingsForm } from "./survey-settings-form";

type Props = { params: Promise<{ surveyId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const survey = await loadSurvey(await requireSession(), (await params).surveyId);
  return { title: survey.title };
}

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Why the questions are read-only here, and what would change that. */
function readOnlyReason(survey: SurveyDto, canEdit: boolean, canPublish: boolean): string | null {
  if (!canEdit) return "You can view this survey. Only its owner, its contributors and survey admins can edit it.";
  if (survey.status === "DRAFT") return null;
  const state = survey.status === "PUBLISHED" ? "published" : "closed";
  return canPublish
    ? `This survey is ${state}, so its questions and settings cannot change. Unpublish to edit (possible only while it has no responses).`
    : `This survey is ${state}, so its questions and settings cannot change. Unpublish to edit: the owner or a survey admin can do that while it has no responses.`;
}

function SettingsSummary({ settings }: { settings: SurveyDto["settings"] }) {
  return (
    <section aria-labelledby="settings-heading" className="panel">
      <h2 id="settings-heading">Settings</h2>
      <dl className="settings-summary">
        <dt>Who can answer</dt>
        <dd>{AUDIENCE_LABELS[settings.audience]}</dd>
        <dt>Closing date</dt>
        <dd>{settings.closesAt ? `${when.format(new Date(settings.closesAt))} UTC` : "None"}</dd>
        <dt>Response limit</dt>
        <dd>{settings.responseLimit?.toLocaleString("en") ?? "None"}</dd>
      </dl>
    </section>
  );
}

export default async function SurveyEditorPage({ params }: Props) {
  const session = await requireSession();
  const { surveyId } = await params;
  const survey = await loadSurvey(session, surveyId);
  const may = (permission: SurveyDto["access"]["permissions"][number]) =>
    survey.access.permissions.includes(permission);
  const canEdit = may("survey:update");
  const canPublish = may("survey:publish");
  const canManage = may("survey:invite");
  const editable = canEdit && survey.status === "DRAFT";
  const reason = readOnlyReason(survey, canEdit, canPublish);
  const { contributors, invitations } = await loadPeople(session, survey.id, canManage);
  const isOwner = survey.access.relationship === "owner";

  return (
    <div className="stack editor">
      <p className="small">
        <a href={isOwner || survey.access.relationship === "contributor" ? "/surveys" : "/surveys/tenant"}>
          ← {isOwner || survey.access.relationship === "contributor" ? "My surveys" : `${session.tenantName} surveys`}
        </a>
      </p>
      <div className="page-heading">
        <h1>{survey.title}</h1>
        <SurveyStatusBadge status={survey.status} />
      </div>
      {survey.description && !editable ? <p>{survey.description}</p> : null}
      {reason ? (
        <p className="read-only-notice" role="note">
          {reason}
        </p>
      ) : null}

      <section aria-labelledby="status-heading" className="panel stack">
        <h2 id="status-heading">Status</h2>
        <p>
          {survey.status === "DRAFT"
            ? "Draft: only the people who edit it can see it. Publish it to collect responses."
            : survey.status === "PUBLISHED"
              ? "Published: it takes responses through its share link."
              : "Closed: it takes no more responses."}
        </p>
        {canPublish || may("survey:delete") ? (
          <LifecycleActions
            canDelete={may("survey:delete")}
            canPublish={canPublish}
            deleteReturnsTo={isOwner ? "mine" : "tenant"}
            status={survey.status}
            surveyId={survey.id}
            title={survey.title}
          />
        ) : null}
        {may("results:read") ? (
          <p>
            <a href={`/surveys/${survey.id}/results`}>See the results</a>
          </p>
        ) : null}
      </section>

      {survey.status === "DRAFT" ? null : <SharePanel survey={survey} />}

      {editable ? (
        <>
          <SurveyDetailsForm description={survey.description} surveyId={survey.id} title={survey.title} />
          <SurveySettingsForm settings={survey.settings} surveyId={survey.id} />
        </>
      ) : (
        <SettingsSummary settings={survey.settings} />
      )}

      <section aria-labelledby="questions-heading" className="stack">
        <h2 id="questions-heading">Questions</h2>
        {editable ? (
          <QuestionList questions={survey.questions} surveyId={survey.id} />
        ) : (
          <QuestionPreview questions={survey.questions} />
        )}
      </section>

      <ContributorsPanel
        canManage={canManage}
        contributors={contributors}
        invitations={invitations}
        surveyId={survey.id}
        surveyTenantId={survey.tenantId}
      />
    </div>
  );
}
