import type { Metadata } from "next";
import type { ReactNode } from "react";
import { describeAadsts } from "@/lib/auth/aadsts";
import { isRefusal, type Refusal } from "@/lib/auth/refusals";

export const metadata: Metadata = { title: "Sign-in not completed" };

interface Page {
  title: string;
  body: ReactNode;
  action: { href: string; label: string };
}

const SIGN_IN = { href: "/signin", label: "Try signing in again" };
const SIGN_UP = { href: "/signup", label: "Sign up your organization" };

const PAGES: Record<Refusal, Page> = {
  unregistered_tenant: {
    title: "Your organization isn't enrolled yet",
    body: (
      <p>
        You signed in with a genuine work account, but your organization has not signed up for Surveys. An administrator
        of your Microsoft Entra ID tenant can sign it up in a minute; after that everyone in it can sign in.
      </p>
    ),
    action: SIGN_UP,
  },
  personal_account: {
    title: "Personal Microsoft accounts can't sign in",
    body: (
      <p>
        Surveys is for organizations. Sign in with the work or school account your organization gave you, not an
        Outlook.com, Hotmail or Live account.
      </p>
    ),
    action: SIGN_IN,
  },
  offboarded_tenant: {
    title: "Your organization has left Surveys",
    body: (
      <p>
        An administrator of your organization turned Surveys off for it. Its surveys are kept for a while; an
        administrator can sign the organization up again to restore access.
      </p>
    ),
    action: SIGN_UP,
  },
  verification_failed: {
    title: "We couldn't verify that sign-in",
    body: (
      <p>
        The answer from Microsoft sign-in did not pass our checks (it may have expired, been used already, or come from
        an older sign-in attempt). Nothing was changed. Please start again.
      </p>
    ),
    action: SIGN_IN,
  },
  sign_in_cancelled: {
    title: "Sign-in cancelled",
    body: <p>You cancelled signing in. You can start again whenever you like.</p>,
    action: SIGN_IN,
  },
  consent_cancelled: {
    title: "Permissions were not granted",
    body: (
      <p>
        The request for permissions was cancelled or declined, so nothing was set up and no organization was enrolled.
        Surveys needs an administrator to accept its permissions for the organization.
      </p>
    ),
    action: SIGN_UP,
  },
  consent_failed: {
    title: "Sign-up didn't complete",
    body: <p>Microsoft Entra ID did not confirm the administrator's consent, so no organization was enrolled.</p>,
    action: SIGN_UP,
  },
  sign_up_expired: {
    title: "That sign-up link has expired",
    body: (
      <p>
        Sign-up links work once, in the browser that started them, for 15 minutes. Nothing was enrolled. Please start
        the sign-up again.
      </p>
    ),
    action: SIGN_UP,
  },
  sign_up_rate_limited: {
    title: "Too many sign-up attempts",
    body: (
      <p>
        Sign-up was started too many times from your network in the last few minutes. Nothing was enrolled. Please wait
        ten minutes and start the sign-up again.
      </p>
    ),
    action: SIGN_UP,
  },
  sign_up_tenant_mismatch: {
    title: "You signed in to a different organization",
    body: (
      <p>
        The account you signed in with belongs to another organization than the one whose administrator just gave
        consent, so nothing was enrolled. Sign up again and sign in with an account of the consenting organization.
      </p>
    ),
    action: SIGN_UP,
  },
  idp_error: {
    title: "Microsoft sign-in reported a problem",
    body: <p>Microsoft Entra ID could not complete the request.</p>,
    action: SIGN_IN,
  },
  idp_unreachable: {
    title: "Microsoft sign-in is unreachable",
    body: (
      <p>
        We could not reach the identity provider to sign you in. Your surveys are safe; please try again in a few
        minutes. People answering public surveys are not affected.
      </p>
    ),
    action: SIGN_IN,
  },
};

export default async function AuthErrorPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const { reason, aadsts } = await searchParams;
  const page = PAGES[isRefusal(reason) ? reason : "verification_failed"];
  const code = aadsts && /^\d{4,7}$/.test(aadsts) ? aadsts : undefined;
  const sentence = describeAadsts(code);
  return (
    <section className="notice" data-reason={isRefusal(reason) ? reason : "verification_failed"}>
      <h1>{page.title}</h1>
      {page.body}
      {sentence ? <p>{sentence}</p> : null}
      {code ? (
        <p className="muted">
          Error code from Microsoft Entra ID: <code>AADSTS{code}</code>
        </p>
      ) : null}
      <p className="actions">
        <a className="button" href={page.action.href}>
          {page.action.label}
        </a>
        <a href="/">Home</a>
      </p>
    </section>
  );
}
