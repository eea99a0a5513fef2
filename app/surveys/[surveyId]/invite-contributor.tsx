"use client";

import { useState } from "react";
import { type Invitee, inviteContributorAction, searchPeopleAction } from "@/app/actions/sharing";
import { FieldMessage, FormError, fieldError, formErrorOf, invalidProps } from "@/app/components/survey-field";
import { LIMITS } from "@/lib/surveys/schemas";
import { useServerAction } from "./use-server-action";

/** Invite by picking someone from the directory (Graph, on behalf of the inviter) or by address. */
export function InviteContributor({ surveyId }: { surveyId: string }) {
  const [query, setQuery] = useState("");
  const [picked, setPicked] = useState("");
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState("");
  const search = useServerAction(searchPeopleAction);
  const invite = useServerAction(inviteContributorAction);
  const [inviteKind, setInviteKind] = useState<"person" | "email">("person");
  const people = search.state.data ?? null;
  const queryError = fieldError(search.state.fields, "q");
  const pickError = inviteKind === "person" ? fieldError(invite.state.fields, "personId") : undefined;
  const emailError = inviteKind === "email" ? fieldError(invite.state.fields, "email") : undefined;

  const send = async (kind: "person" | "email", invitee: Invitee) => {
    setInviteKind(kind);
    setSent("");
    const result = await invite.run(surveyId, invitee);
    if (result.ok && result.data) {
      setSent(`Invitation sent to ${result.data.email}.`);
      if (kind === "email") setEmail("");
      else setPicked("");
    }
  };

  return (
    <div className="stack">
      <h3>Invite a contributor</h3>
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setPicked("");
          void search.run(query);
        }}
      >
        <div>
          <label htmlFor="people-search">Find a person in your directory</label>
          <p className="hint muted small" id="people-search-hint">
            The start of a name or an e-mail address. Guests from other organizations are in your directory too.
          </p>
          <div className="copy-link">
            <input
              {...invalidProps("people-search", queryError, "people-search-hint")}
              className="wide"
              maxLength={LIMITS.search}
              onChange={(event) => setQuery(event.target.value)}
              type="search"
              value={query}
            />
            <button className="button secondary" disabled={search.pending} type="submit">
              {search.pending ? "Searching…" : "Search"}
            </button>
          </div>
          <FieldMessage id="people-search" message={queryError} />
        </div>
        <FormError message={formErrorOf(search.state, (key) => key === "q")} />
      </form>
      {people ? (
        <form
          className="stack"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void send("person", { personId: picked });
          }}
        >
          {people.length === 0 ? (
            <p aria-live="polite" className="muted">
              Nobody in your directory matches “{query}”. You can invite them by e-mail address below.
            </p>
          ) : (
            <fieldset aria-describedby={pickError ? "picked-person-error" : undefined}>
              <legend>People found ({people.length})</legend>
              {people.map((person) => {
                const address = person.mail ?? person.userPrincipalName;
                return (
                  <label className="radio" key={person.id}>
                    <input
                      checked={picked === person.id}
                      name="person"
                      onChange={() => setPicked(person.id)}
                      type="radio"
                      value={person.id}
                    />
                    {person.displayName ?? address} <span className="muted small">{address}</span>
                  </label>
                );
              })}
              <FieldMessage id="picked-person" message={pickError} />
            </fieldset>
          )}
          {people.length > 0 ? (
            <p>
              <button className="button" disabled={invite.pending || !picked} type="submit">
                Invite selected person
              </button>
            </p>
          ) : null}
        </form>
      ) : null}
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send("email", { email: email.trim() });
        }}
      >
        <div>
          <label htmlFor="invite-email">Or invite by e-mail address</label>
          <div className="copy-link">
            <input
              {...invalidProps("invite-email", emailError)}
              autoComplete="off"
              className="wide"
              maxLength={LIMITS.email}
              onChange={(event) => setEmail(event.target.value)}
              type="email"
              value={email}
            />
            <button className="button secondary" disabled={invite.pending} type="submit">
              Invite by e-mail
            </button>
          </div>
          <FieldMessage id="invite-email" message={emailError} />
        </div>
      </form>
      <p aria-live="polite" className="status-message muted small">
        {sent}
      </p>
      <FormError message={pickError || emailError ? undefined : invite.state.error} />
    </div>
  );
}
