import { type Html, html, page } from "./layout";

export interface AccountChoice {
  /** `tenantId:oid` of the home account. */
  key: string;
  displayName: string;
  login: string;
  tenantName: string;
  signedIn?: boolean;
}

function action(interactionId: string, name: string): string {
  return `/interaction/${encodeURIComponent(interactionId)}/${name}`;
}

function cancelForm(interactionId: string, label = "Cancel"): Html {
  return html`<form method="post" action="${action(interactionId, "cancel")}">
<button type="submit" class="secondary">${label}</button></form>`;
}

export function signInPage(input: {
  interactionId: string;
  appName: string;
  heading: "Sign in" | "Pick an account";
  accounts: AccountChoice[];
  loginHint: string | undefined;
  error: string | undefined;
  askPassword: boolean;
}): string {
  const { interactionId } = input;
  const list =
    input.accounts.length > 0
      ? html`<h2 id="accounts-heading">${input.heading === "Pick an account" ? "Signed-in and known accounts" : "Pick an account"}</h2>
<form method="post" action="${action(interactionId, "account")}">
<ul class="accounts" aria-labelledby="accounts-heading">
${input.accounts.map(
  (a) => html`<li><button type="submit" name="account" value="${a.key}" aria-label="${a.displayName} (${a.login})">
<strong>${a.displayName}</strong><br><span class="muted">${a.login} · ${a.tenantName}${a.signedIn ? " · signed in" : ""}</span></button></li>`,
)}
</ul></form>`
      : html``;
  const body = html`<h1>${input.heading}</h1>
<p>to continue to <strong>${input.appName}</strong></p>
${input.error ? html`<p class="error" role="alert" id="sign-in-error">${input.error}</p>` : ""}
<form method="post" action="${action(interactionId, "account")}">
<label for="login">Email address</label>
<input id="login" name="login" type="email" autocomplete="username" required value="${input.loginHint ?? ""}"${input.error ? html` aria-describedby="sign-in-error"` : ""}>
${input.askPassword ? html`<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>` : ""}
<div class="actions"><button type="submit">Next</button></div>
</form>
${list}
<div class="actions">${cancelForm(interactionId)}</div>
<p class="muted">No password is needed: this is a local emulator. Pick an account or type its address.</p>`;
  return page(`${input.heading} – ${input.appName}`, body);
}

export interface PermissionLine {
  resourceName: string;
  displayName: string;
  value: string;
}

export function consentPage(input: {
  interactionId: string;
  appName: string;
  publisher: string;
  userName: string;
  userLogin: string;
  permissions: PermissionLine[];
  /** Admins may consent for everyone (an AllPrincipals grant). */
  canConsentForOrganization: boolean;
  /** The admin consent endpoint: consent is always for the organization. */
  organizationOnly: boolean;
}): string {
  const body = html`<p class="muted">${input.userLogin}</p>
<h1>Permissions requested${input.organizationOnly ? " – Accept for your organization" : ""}</h1>
<p><strong>${input.appName}</strong><br><span class="muted">${input.publisher}</span></p>
<p>This app would like to:</p>
<ul aria-label="Requested permissions">
${input.permissions.map((p) => html`<li>${p.displayName} <span class="muted">(${p.resourceName}: ${p.value})</span></li>`)}
</ul>
<form method="post" action="${action(input.interactionId, "consent")}">
${
  input.canConsentForOrganization && !input.organizationOnly
    ? html`<p><input type="checkbox" id="for-organization" name="for_organization" value="on">
<label for="for-organization" style="display:inline">Consent on behalf of your organization</label></p>`
    : ""
}
${input.organizationOnly ? html`<input type="hidden" name="for_organization" value="on">` : ""}
<p class="muted">Accepting allows this app to use your data as described. You can change these permissions in the emulator portal.</p>
<div class="actions">
<button type="submit" name="decision" value="cancel" class="secondary">Cancel</button>
<button type="submit" name="decision" value="accept">Accept</button>
</div></form>`;
  return page(`Permissions requested – ${input.appName}`, body);
}

export function adminApprovalPage(input: {
  interactionId: string;
  appName: string;
  userLogin: string;
  details: string;
}): string {
  const body = html`<p class="muted">${input.userLogin}</p>
<h1>Need admin approval</h1>
<p><strong>${input.appName}</strong> needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.</p>
<form method="post" action="${action(input.interactionId, "switch")}">
<p><button type="submit" class="link">Have an admin account? Sign in with that account</button></p></form>
<form method="post" action="${action(input.interactionId, "return")}">
<div class="actions"><button type="submit">Return to the application without granting consent</button></div></form>
<p class="details">${input.details}</p>`;
  return page("Need admin approval", body);
}

/** For errors Entra shows itself instead of redirecting (the redirect URI is not trusted yet). */
export function errorPage(
  message: string,
  details: { traceId: string; correlationId: string; timestamp: string },
): string {
  const body = html`<h1>Sign in</h1>
<p>Sorry, but we're having trouble signing you in.</p>
<p class="error" role="alert">${message}</p>
<h2>Troubleshooting details</h2>
<p class="details">Trace ID: ${details.traceId}
Correlation ID: ${details.correlationId}
Timestamp: ${details.timestamp}</p>`;
  return page("Sign in – error", body);
}

/** response_mode=form_post: an auto-submitting form, with a button when scripts are off. */
export function formPostPage(actionUrl: string, params: [string, string][]): string {
  const body = html`<h1>Signing you in…</h1>
<form method="post" action="${actionUrl}" id="response">
${params.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<noscript><button type="submit">Continue</button></noscript>
</form>
<script>document.getElementById("response").submit()</script>`;
  return page("Working…", body);
}

export function signedOutPage(): string {
  return page(
    "Signed out",
    html`<h1>You signed out of your account</h1><p>It's a good idea to close all browser windows.</p>`,
  );
}
