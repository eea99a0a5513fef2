import type { Metadata } from "next";
import { startSignUpAction } from "@/app/actions/auth";

export const metadata: Metadata = { title: "Sign up your organization" };

export default function SignUpPage() {
  return (
    <section className="notice">
      <h1>Sign up your organization</h1>
      <p>Surveys works with the Microsoft Entra ID tenant your organization already has. Signing up takes a minute:</p>
      <ol>
        <li>
          You sign in at Microsoft as an <strong>administrator</strong> of your tenant and approve the permissions
          Surveys needs: signing people in, and reading basic profiles so surveys can be shared with colleagues.
        </li>
        <li>You sign in once more, so we know the approval came from your organization.</li>
        <li>
          Your organization is enrolled. Everyone in it can then sign in; give the roles <em>SurveyCreator</em> and{" "}
          <em>SurveyAdmin</em> to the people who run surveys.
        </li>
      </ol>
      <form action={startSignUpAction}>
        <button className="button" type="submit">
          Continue to Microsoft
        </button>
      </form>
      <p className="muted">Not an administrator? Ask one to sign up your organization, then simply sign in.</p>
    </section>
  );
}
