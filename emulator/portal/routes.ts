import type { EmulatorContext } from "../context";
import { GRAPH_APP_ID } from "../directory/graph-resource";
import type { Tenant } from "../directory/model";
import { type RequestContext, type Router, redirect, sendHtml } from "../support/http";
import { type Html, html, page } from "../ui/layout";

/**
 * A tiny Entra admin centre: tenants, users, app-role assignments, consents, the mail outbox.
 * Unauthenticated on purpose: it is a local development tool on a loopback port.
 */
function portalPage(ectx: EmulatorContext, tenant: Tenant, notice: string | null): string {
  const { directory } = ectx;
  const appName = (appId: string) => directory.application(appId)?.displayName ?? appId;
  const userName = (oid: string | null) => (oid ? (tenant.users.get(oid)?.displayName ?? oid) : "All users");
  const thirdPartyApps = [...directory.applications.values()].filter((a) => a.appId !== GRAPH_APP_ID);
  const spApps = [...tenant.servicePrincipals.values()].filter((sp) => sp.appId !== GRAPH_APP_ID);
  const assignable = spApps.flatMap((sp) => {
    const app = directory.application(sp.appId);
    return (app?.appRoles ?? []).filter((r) => r.allowedMemberTypes.includes("User")).map((r) => ({ app, role: r }));
  });
  const form = (action: string, fields: Record<string, string>, label: string, secondary = false): Html =>
    html`<form method="post" action="/portal/${action}">${Object.entries(fields).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}<button type="submit"${secondary ? html` class="secondary"` : ""}>${label}</button></form>`;

  const body = html`<h1>Emulator portal</h1>
${notice ? html`<p role="status">${notice}</p>` : ""}
<nav aria-label="Tenants"><p>${[...directory.tenants.values()].map(
    (t) =>
      html`<a href="/portal?tenant=${t.key}"${t.id === tenant.id ? html` aria-current="page"` : ""}>${t.displayName}</a> · `,
  )}<a href="#outbox">Mail outbox (${String(directory.outbox.length)})</a></p></nav>

<h2 id="tenant">${tenant.displayName}</h2>
<p class="muted">Tenant ID ${tenant.id} · ${tenant.domains.join(", ")} · region ${tenant.region}</p>
${
  tenant.kind === "organization"
    ? html`<form method="post" action="/portal/user-consent"><input type="hidden" name="tenant" value="${tenant.id}">
<label for="user-consent">User consent to apps</label>
<select id="user-consent" name="mode"><option value="allowed"${tenant.userConsent === "allowed" ? " selected" : ""}>Allowed</option><option value="disabled"${tenant.userConsent === "disabled" ? " selected" : ""}>Disabled (admins only)</option></select>
<button type="submit">Save</button></form>`
    : ""
}

<h2>Users</h2>
<table aria-label="Users"><thead><tr><th>Name</th><th>User principal name</th><th>Object ID</th><th>Type</th><th>Admin</th></tr></thead><tbody>
${[...tenant.users.values()].map((u) => html`<tr><td>${u.displayName}</td><td>${u.userPrincipalName}</td><td>${u.oid}</td><td>${u.userType}</td><td>${u.isAdmin ? "Global administrator" : ""}</td></tr>`)}
</tbody></table>

<h2>Enterprise applications (service principals)</h2>
<table aria-label="Enterprise applications"><thead><tr><th>Application</th><th>Application ID</th><th>Object ID</th><th></th></tr></thead><tbody>
${spApps.map((sp) => html`<tr><td>${appName(sp.appId)}</td><td>${sp.appId}</td><td>${sp.objectId}</td><td>${form("remove-app", { tenant: tenant.id, appId: sp.appId }, `Delete ${appName(sp.appId)}`, true)}</td></tr>`)}
</tbody></table>
${
  tenant.kind === "organization"
    ? html`<form method="post" action="/portal/admin-consent"><input type="hidden" name="tenant" value="${tenant.id}">
<label for="admin-consent-app">Grant admin consent for</label>
<select id="admin-consent-app" name="appId">${thirdPartyApps.map((a) => html`<option value="${a.appId}">${a.displayName}</option>`)}</select>
<button type="submit">Grant admin consent</button></form>`
    : ""
}

<h2>Consents (delegated permission grants)</h2>
<table aria-label="Consents"><thead><tr><th>Client</th><th>Resource</th><th>For</th><th>Scopes</th><th></th></tr></thead><tbody>
${tenant.grants.map((g) => html`<tr><td>${appName(g.clientAppId)}</td><td>${appName(g.resourceAppId)}</td><td>${userName(g.principalId)}</td><td>${g.scopes.join(" ")}</td><td>${form("revoke-grant", { tenant: tenant.id, id: g.id }, `Revoke ${appName(g.clientAppId)} → ${appName(g.resourceAppId)}`, true)}</td></tr>`)}
</tbody></table>

<h2>App role assignments</h2>
<table aria-label="App role assignments"><thead><tr><th>Principal</th><th>Application</th><th>Role</th><th></th></tr></thead><tbody>
${tenant.appRoleAssignments.map((a) => {
  const role = directory.application(a.resourceAppId)?.appRoles.find((r) => r.id === a.appRoleId)?.value ?? a.appRoleId;
  const principal =
    a.principalType === "User"
      ? userName(a.principalId)
      : `${appName([...tenant.servicePrincipals.values()].find((sp) => sp.objectId === a.principalId)?.appId ?? a.principalId)} (application)`;
  return html`<tr><td>${principal}</td><td>${appName(a.resourceAppId)}</td><td>${role}</td><td>${form("remove-assignment", { tenant: tenant.id, id: a.id }, `Remove ${role} from ${principal}`, true)}</td></tr>`;
})}
</tbody></table>
${
  assignable.length > 0
    ? html`<form method="post" action="/portal/assign-role"><input type="hidden" name="tenant" value="${tenant.id}">
<label for="assign-user">User</label>
<select id="assign-user" name="user">${[...tenant.users.values()].map((u) => html`<option value="${u.oid}">${u.displayName} (${u.userPrincipalName})</option>`)}</select>
<label for="assign-role">Role</label>
<select id="assign-role" name="role">${assignable.map(({ app, role }) => html`<option value="${app?.appId ?? ""}|${role.value}">${app?.displayName ?? ""}: ${role.value}</option>`)}</select>
<div class="actions"><button type="submit">Assign role</button></div></form>`
    : html`<p class="muted">No application has a service principal here yet: nobody consented.</p>`
}

<h2 id="outbox">Mail outbox</h2>
<table aria-label="Mail outbox"><thead><tr><th>Sent</th><th>From</th><th>To</th><th>Subject</th><th>Body</th></tr></thead><tbody>
${[...directory.outbox].reverse().map((m) => html`<tr><td>${m.sentDateTime}</td><td>${m.from.address ?? m.from.displayName}</td><td>${[...m.toRecipients, ...m.ccRecipients].join(", ")}</td><td>${m.subject}</td><td>${m.body.content.slice(0, 300)}</td></tr>`)}
</tbody></table>
<p class="muted">Discovery: <a href="/common/v2.0/.well-known/openid-configuration">/common/v2.0/.well-known/openid-configuration</a></p>`;
  return page(`Emulator portal – ${tenant.displayName}`, body, { wide: true });
}

async function action(ectx: EmulatorContext, http: RequestContext): Promise<void> {
  const form = await http.readForm();
  const { directory } = ectx;
  const tenant = directory.tenant(form.get("tenant") ?? "");
  if (!tenant) return redirect(http, "/portal?notice=Unknown+tenant");
  let notice = "Done.";
  try {
    switch (http.params.action) {
      case "assign-role": {
        const [appId = "", role = ""] = (form.get("role") ?? "").split("|");
        directory.assignUserRole(tenant.id, form.get("user") ?? "", appId, role);
        notice = `Assigned ${role}.`;
        break;
      }
      case "remove-assignment":
        directory.removeRoleAssignment(tenant.id, form.get("id") ?? "");
        notice = "Role assignment removed.";
        break;
      case "revoke-grant":
        directory.revokeGrant(tenant.id, form.get("id") ?? "");
        notice = "Consent revoked.";
        break;
      case "remove-app":
        directory.removeServicePrincipal(tenant.id, form.get("appId") ?? "");
        notice = "Enterprise application deleted, with its consents and assignments.";
        break;
      case "admin-consent":
        directory.adminConsentStaticPermissions(tenant.id, form.get("appId") ?? "");
        notice = "Admin consent granted.";
        break;
      case "user-consent":
        directory.setUserConsent(tenant.id, form.get("mode") === "disabled" ? "disabled" : "allowed");
        notice = "User consent setting saved.";
        break;
      default:
        notice = "Unknown action.";
    }
  } catch (error) {
    notice = error instanceof Error ? error.message : "That did not work.";
  }
  // 303: the browser follows with GET, so a reload does not repeat the action.
  http.res.writeHead(303, {
    Location: `/portal?tenant=${encodeURIComponent(tenant.key)}&notice=${encodeURIComponent(notice)}`,
    "Content-Length": 0,
  });
  http.res.end();
}

export function registerPortalRoutes(router: Router, ectx: EmulatorContext): void {
  const onError = (http: RequestContext, error: unknown) => {
    ectx.log.error({ err: error }, "portal request failed");
    if (http.res.headersSent) return http.res.destroy();
    sendHtml(http, 500, page("Portal", html`<h1>Something went wrong</h1><p>See the emulator's log.</p>`));
  };
  router.add("GET", "/", (http) => redirect(http, "/portal"), onError);
  router.add(
    "GET",
    "/portal",
    (http) => {
      const key = http.query.get("tenant");
      const tenants = [...ectx.directory.tenants.values()];
      const tenant =
        tenants.find((t) => t.key === key || t.id === key) ??
        tenants.find((t) => t.kind === "organization") ??
        tenants[0];
      if (!tenant) return sendHtml(http, 200, page("Portal", html`<h1>No tenants</h1>`));
      sendHtml(http, 200, portalPage(ectx, tenant, http.query.get("notice")));
    },
    onError,
  );
  router.add("POST", "/portal/:action", (http) => action(ectx, http), onError);
}
