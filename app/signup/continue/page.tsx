import type { Metadata } from "next";
import { ContinueSignUp } from "./continue-sign-up";

export const metadata: Metadata = { title: "Finish signing up" };

export default function ContinueSignUpPage() {
  return (
    <section className="notice">
      <h1>Consent recorded — one more step</h1>
      <p>Sign in with an account of the organization that just gave consent to finish enrolling it.</p>
      <ContinueSignUp />
    </section>
  );
}
