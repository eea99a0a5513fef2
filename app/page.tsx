// Home. Signed out: what Surveys is and the two ways in. Signed in: the person's organization and
// quick links to their surveys, the organization's, and (for creators and survey admins) a new one.
import { type AppSession, getSession } from "@/lib/auth/session";
import "./home.css";

function SignedOutHome() {
  return (
    <>
      <section className="hero">
        <h1>Surveys for your whole organization</h1>
        <p className="lead">
          Build a survey, share one link, and watch the answers arrive. Your people sign in with the Microsoft work
          account they already have — no new passwords, and your organization stays in control.
        </p>
        <div className="home-actions">
          <a className="button" href="/signin">
            Sign in with your work account
          </a>
          <a className="button secondary" href="/signup">
            Sign up your organization
          </a>
        </div>
      </section>
      <section aria-labelledby="how-it-works" className="features">
        <h2 id="how-it-works">How it works</h2>
        <ul className="feature-list">
          <li>
            <h3>Sign up once</h3>
            <p>An administrator of your Microsoft Entra ID tenant approves Surveys for the organization.</p>
          </li>
          <li>
            <h3>Create and share</h3>
            <p>Survey creators build questionnaires, invite colleagues to help, and publish with a link.</p>
          </li>
          <li>
            <h3>See the results</h3>
            <p>Answers become charts and a CSV export, visible only to the people who run the survey.</p>
          </li>
        </ul>
      </section>
    </>
  );
}

function SignedInHome({ session }: { session: AppSession }) {
  const { actor, tenantName } = session;
  const canCreate = actor.roles.includes("SurveyCreator") || actor.roles.includes("SurveyAdmin");
  const links = [
    { href: "/surveys", title: "My surveys", text: "Surveys you own and surveys you were invited to help with." },
    {
      href: "/surveys/tenant",
      title: `${tenantName} surveys`,
      text: actor.roles.includes("SurveyAdmin")
        ? "Every survey of your organization; as a survey admin you can manage them all."
        : "Every survey of your organization.",
    },
    ...(canCreate
      ? [{ href: "/surveys/new", title: "Create a survey", text: "Start a new draft and add questions." }]
      : []),
  ];
  return (
    <>
      <section className="hero">
        <h1>Welcome, {actor.name}</h1>
        <p className="lead">
          You are signed in to Surveys for <strong>{tenantName}</strong>.
        </p>
      </section>
      <nav aria-label="Quick links">
        <ul className="quick-links">
          {links.map((link) => (
            <li key={link.href}>
              <a href={link.href}>
                <strong>{link.title}</strong>
                <span>{link.text}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

export default async function HomePage() {
  const session = await getSession();
  return session ? <SignedInHome session={session} /> : <SignedOutHome />;
}
