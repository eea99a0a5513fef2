import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { sessionPolicy } from "@/lib/auth/policy";
import { type Refusal, refusalPath } from "@/lib/auth/refusals";
import { getSession, safeReturnPath } from "@/lib/auth/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

// next-auth sends its own failures here as ?error=…; each becomes one of our refusal pages.
const NEXT_AUTH_ERRORS: Record<string, Refusal> = {
  OAuthSignin: "idp_unreachable",
  OAuthCallback: "verification_failed",
  Callback: "verification_failed",
  AccessDenied: "verification_failed",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const { callbackUrl, error, login_hint: loginHint } = await searchParams;
  if (error) redirect(refusalPath(NEXT_AUTH_ERRORS[error] ?? "verification_failed"));
  const returnTo = safeReturnPath(callbackUrl);
  if (await getSession()) redirect(returnTo);
  return (
    <section className="notice">
      <h1>Sign in to Surveys</h1>
      <p>Use the Microsoft work or school account of your organization.</p>
      <SignInForm browserHours={sessionPolicy().browserHours} callbackUrl={returnTo} loginHint={loginHint} />
      <p className="muted">
        Your organization is not using Surveys yet? <a href="/signup">Sign up your organization</a>
      </p>
    </section>
  );
}
