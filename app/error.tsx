"use client";

// Unexpected errors: the person sees a plain apology and a reference they can quote; the
// details are in the server log under the same digest. Expected errors never reach this page.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="notice" role="alert">
      <h1>Something went wrong</h1>
      <p>We could not complete this request. Please try again in a moment.</p>
      {error.digest ? (
        <p className="muted">
          Reference: <code>{error.digest}</code>
        </p>
      ) : null}
      <p>
        <button className="button" onClick={reset} type="button">
          Try again
        </button>
      </p>
    </section>
  );
}
