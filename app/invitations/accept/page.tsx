import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";
import "../../surveys/surveys.css";
import { AcceptInvitationForm } from "./accept-invitation-form";

export const metadata: Metadata = { title: "Accept an invitation" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/**
 * The link of an invitation mail. Signed out, requireSession sends the invitee through sign-in and
 * back here. Accepting is a button, not the page load: mail scanners open links too.
 */
export default async function AcceptInvitationPage({ searchParams }: Props) {
  const session = await requireSession();
  const query = await searchParams;
  const token = one(query.token);
  const tenant = one(query.tenant);
  return (
    <section className="notice stack">
      <h1>Accept an invitation</h1>
      {token && tenant ? (
        <>
          <p>
            Someone invited you to help edit a survey. Accepting makes you, <strong>{session.actor.name}</strong>
            {session.actor.email ? ` (${session.actor.email})` : ""} of {session.tenantName}, a contributor: you can
            edit its questions and see its results.
          </p>
          <p className="muted small">The invitation must have been sent to the address you are signed in with.</p>
          <AcceptInvitationForm tenant={tenant} token={token} />
        </>
      ) : (
        <p role="alert">
          This invitation link is incomplete. Open it again from the invitation mail, or ask for a new invitation.
        </p>
      )}
    </section>
  );
}
