export default function HomePage() {
  return (
    <>
      <section className="hero">
        <h1>Surveys for your whole organization</h1>
        <p className="lead">
          Build a survey, share one link, and watch the answers arrive. Your people sign in with the Microsoft work
          account they already have — no new passwords, and your organization stays in control.
        </p>
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
