import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { sessionPolicy } from "@/lib/auth/policy";
import { type Refusal, refusalPath } from "@/lib/auth/refusals";
import { getSession, safeReturnPath } from "@/lib/auth/session";
import { isReauthenticationReason, type ReauthenticationReason } from "@/lib/web/reauthentication";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

// next-auth sends its own failures here as ?error=…; each becomes one of our refusal pages.
const NEXT_AUTH_ERRORS: Record<string, Refusal> = {
  OAuthSignin: "idp_unreachable",
  OAuthCallback: "verification_failed",
  Callback: "verification_failed",
  AccessDenied: "verification_failed",
};

// Why a signed-in person is asked to sign in again (lib/web/api-action.ts sends them here).
const REAUTHENTICATION: Record<ReauthenticationReason, { title: string; body: string }> = {
  expired: {
    title: "Sign in again to continue",
    body: "Your sign-in has expired. Sign in again and you will be back on the page you were using.",
  },
  consent: {
    title: "Surveys needs your permission",
    body: "To do this, Surveys needs a permission your organization has not granted yet. Microsoft will ask you for it; then you come back to the page you were using.",
  },
  step_up: {
    title: "Confirm it's you",
    body: "Your organization asks you to sign in again before this can be done. Then you come back to the page you were using.",
  },
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const { callbackUrl, error, login_hint: loginHint, reauth, claims } = await searchParams;
  if (error) redirect(refusalPath(NEXT_AUTH_ERRORS[error] ?? "verification_failed"));
  const returnTo = safeReturnPath(callbackUrl);
  const again = isReauthenticationReason(reauth) ? REAUTHENTICATION[reauth] : null;
  if (!again && (await getSession())) redirect(returnTo);
  return (
    <section className="notice">
      <h1>{again ? again.title : "Sign in to Surveys"}</h1>
      <p>{again ? again.body : "Use the Microsoft work or school account of your organization."}</p>
      <SignInForm
        browserHours={sessionPolicy().browserHours}
        callbackUrl={returnTo}
        claims={claims}
        consent={reauth === "consent"}
        loginHint={loginHint}
      />
      <p className="muted">
        Your organization is not using Surveys yet? <a href="/signup">Sign up your organization</a>
      </p>
    </section>
  );
}
