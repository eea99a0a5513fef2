import { signOutAction } from "@/app/actions/auth";
import { getSession } from "@/lib/auth/session";

export async function SiteHeader() {
  const session = await getSession();
  const roles = session?.actor.roles ?? [];
  const canCreate = roles.includes("SurveyCreator") || roles.includes("SurveyAdmin");
  return (
    <header className="site-header">
      <a className="brand" href="/">
        <span aria-hidden="true" className="brand-mark">
          ◧
        </span>
        Surveys
      </a>
      {session ? (
        <nav aria-label="Main" className="site-nav">
          <a href="/surveys">My surveys</a>
          <a href="/surveys/tenant">{session.tenantName} surveys</a>
          {canCreate ? <a href="/surveys/new">Create</a> : null}
          {roles.includes("SurveyAdmin") ? <a href="/organization">Organization</a> : null}
          <details className="user-menu">
            <summary>
              <span className="user-name">{session.actor.name}</span>
              <span className="muted tenant-name">{session.tenantName}</span>
            </summary>
            <div className="user-menu-panel">
              <p className="muted small">{session.actor.email}</p>
              <form action={signOutAction}>
                <button className="button secondary" type="submit">
                  Sign out
                </button>
              </form>
            </div>
          </details>
        </nav>
      ) : (
        <nav aria-label="Main" className="site-nav">
          <a href="/signup">Sign up your organization</a>
          <a className="button" href="/signin">
            Sign in
          </a>
        </nav>
      )}
    </header>
  );
}
