// After a stored response (the form has already forgotten its saved draft).
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Thank you" };

export default function ThanksPage() {
  return (
    <section className="notice">
      <h1>Thank you!</h1>
      <p>Your answers have been recorded.</p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </section>
  );
}
