import type { ContributorDto, InvitationDto } from "@/lib/surveys/schemas";
import { RemoveContributorButton, RevokeInvitationButton } from "./contributor-actions";
import { InviteContributor } from "./invite-contributor";

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** Who edits the survey besides its owner; the owner and survey admins also manage them. */
export function ContributorsPanel({
  surveyId,
  surveyTenantId,
  contributors,
  invitations,
  canManage,
}: {
  surveyId: string;
  surveyTenantId: string;
  contributors: ContributorDto[];
  invitations: InvitationDto[];
  canManage: boolean;
}) {
  return (
    <section aria-labelledby="contributors-heading" className="panel stack">
      <h2 id="contributors-heading">Contributors</h2>
      {contributors.length === 0 ? (
        <p className="muted">Nobody besides the owner edits this survey.</p>
      ) : (
        <ul aria-label="Contributors" className="people-list">
          {contributors.map((contributor) => (
            <li key={`${contributor.userTenantId}/${contributor.userId}`}>
              <span>
                <strong>{contributor.name}</strong> <span className="muted small">{contributor.email}</span>
                {contributor.userTenantId === surveyTenantId ? null : (
                  <span className="muted small"> · another organization</span>
                )}
              </span>
              {canManage ? <RemoveContributorButton contributor={contributor} surveyId={surveyId} /> : null}
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
        <>
          <h3>Pending invitations</h3>
          {invitations.length === 0 ? (
            <p className="muted">No invitations are waiting for an answer.</p>
          ) : (
            <ul aria-label="Pending invitations" className="people-list">
              {invitations.map((invitation) => (
                <li key={invitation.id}>
                  <span>
                    <strong>{invitation.email}</strong>{" "}
                    <span className="muted small">
                      invited by {invitation.invitedBy.name} · expires{" "}
                      <time dateTime={invitation.expiresAt}>{day.format(new Date(invitation.expiresAt))}</time>
                    </span>
                  </span>
                  <RevokeInvitationButton email={invitation.email} invitationId={invitation.id} surveyId={surveyId} />
                </li>
              ))}
            </ul>
          )}
          <InviteContributor surveyId={surveyId} />
        </>
      ) : null}
    </section>
  );
}
