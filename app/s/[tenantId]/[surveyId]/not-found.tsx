// A survey link that names no survey (mistyped, deleted, or of an organization that left).
export default function SurveyNotFound() {
  return (
    <section className="notice">
      <h1>Survey not found</h1>
      <p>This survey does not exist or is no longer available. Check the link you were given.</p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </section>
  );
}
