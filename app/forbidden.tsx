import type { Metadata } from "next";

export const metadata: Metadata = { title: "Not allowed" };

// 403: signed in, but without the role this page needs. A page, not a redirect: sending the
// person to sign in again would only bring them back here.
export default function Forbidden() {
  return (
    <section className="notice">
      <h1>You don't have access to this page</h1>
      <p>
        Your account is signed in but does not have the role this page needs. An administrator of your organization can
        assign the <em>SurveyCreator</em> or <em>SurveyAdmin</em> role to you in Microsoft Entra ID; sign in again
        afterwards.
      </p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </section>
  );
}
