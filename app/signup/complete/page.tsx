import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Organization enrolled" };

export default async function SignUpCompletePage() {
  const session = await requireSession();
  return (
    <section className="notice">
      <h1>{session.tenantName} is signed up</h1>
      <p>
        Everyone in {session.tenantName} can now sign in to Surveys. To let people create surveys, assign them the{" "}
        <em>SurveyCreator</em> role (or <em>SurveyAdmin</em> to manage all of the organization's surveys) in the
        Enterprise applications blade of Microsoft Entra ID.
      </p>
      <p>
        <a className="button" href="/">
          Go to Surveys
        </a>
      </p>
    </section>
  );
}
