// Why this person cannot answer the survey now, as its own clear page: the domain gives the
// reason and a sentence; we add a heading and what they can do about it.
import type { AppSession } from "@/lib/auth/session";
import type { UnavailableReason } from "@/lib/surveys/schemas";

type Shown = Exclude<UnavailableReason, "not_found" | "sign_in_required">;

const HEADINGS: Record<Shown, string> = {
  not_published: "This survey is not open yet",
  not_open_yet: "This survey has not opened yet",
  closed: "This survey is closed",
  full: "This survey is full",
  wrong_organization: "This survey is for another organization",
  already_answered: "You already answered this survey",
};

export function Unavailable({
  reason,
  message,
  session,
}: {
  reason: Shown;
  message: string;
  session: AppSession | null;
}) {
  return (
    <section className="notice" data-reason={reason}>
      <h1>{HEADINGS[reason]}</h1>
      <p>{message}</p>
      {reason === "already_answered" ? <p>Thank you — each person answers once.</p> : null}
      {reason === "full" ? <p>Thank you for your interest; no more answers are being collected.</p> : null}
      {reason === "wrong_organization" && session ? (
        <p className="muted">
          You are signed in as {session.actor.email ?? session.actor.name} of {session.tenantName}. If you have an
          account in the survey's organization, sign out and open the link again with that account.
        </p>
      ) : null}
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </section>
  );
}
