import type { EmulatorContext } from "../context";
import type { Application, TenantUser } from "../directory/model";
import { entraTimestamp } from "../support/clock";
import { type RequestContext, sendHtml, serializeCookie } from "../support/http";
import { type AccountChoice, adminApprovalPage, consentPage, errorPage, signInPage } from "../ui/sign-in-pages";
import {
  candidateAccounts,
  fitsSegment,
  matchesLogin,
  resolveSignIn,
  type SignedInUser,
  tenantNameOf,
} from "./accounts";
import { clientInfo } from "./claims";
import { evaluateConsent, recordConsent, requestedPermissions, type ScopesOfResource } from "./consent";
import { AadError } from "./errors";
import { errorParams, respondToClient } from "./respond";
import { type ParsedScopes, parseScopes } from "./scopes";
import type { BrowserSession, Interaction } from "./stores";
import { resolveTenantSegment, type TenantSegment } from "./tenant-segment";

export const SESSION_COOKIE = "ESTSAUTH";

export function sendErrorPage(ectx: EmulatorContext, http: RequestContext, err: AadError | string): void {
  const message = typeof err === "string" ? err : err.message;
  sendHtml(
    http,
    400,
    errorPage(message, {
      traceId: http.traceId,
      correlationId: http.correlationId,
      timestamp: entraTimestamp(ectx.clock.now()),
    }),
  );
}

/** A session created during this request, before the browser has the cookie. */
const createdHere = new WeakMap<RequestContext, BrowserSession>();

function sessionOf(ectx: EmulatorContext, http: RequestContext): BrowserSession | undefined {
  return createdHere.get(http) ?? ectx.sessions.get(http.cookies.get(SESSION_COOKIE));
}

function ensureSession(ectx: EmulatorContext, http: RequestContext): BrowserSession {
  const existing = sessionOf(ectx, http);
  if (existing) return existing;
  const session = ectx.sessions.create();
  createdHere.set(http, session);
  http.res.setHeader("Set-Cookie", serializeCookie(SESSION_COOKIE, session.id));
  return session;
}

/** Ends the interaction with an error for the client: redirect (authorize) or admin-consent callback. */
function failToClient(
  ectx: EmulatorContext,
  http: RequestContext,
  interaction: Interaction,
  err: AadError,
  tenantId?: string,
): void {
  ectx.interactions.delete(interaction.id);
  const request = interaction.request;
  if (request.kind === "authorize") {
    respondToClient(http, request.responseMode, request.redirectUri, errorParams(ectx, http, err, request.state));
    return;
  }
  // Admin consent errors still say admin_consent=True (§4.1); the app must check `error` first.
  const params = errorParams(ectx, http, err, undefined).filter(([name]) => name !== "error_uri");
  const withTenant: [string, string][] = [["admin_consent", "True"], ...params];
  if (tenantId) withTenant.push(["tenant", tenantId]);
  if (request.state !== undefined) withTenant.push(["state", request.state]);
  respondToClient(http, "query", request.redirectUri, withTenant);
}

function accountChoice(ectx: EmulatorContext, user: TenantUser, signedIn: boolean): AccountChoice {
  return {
    key: `${user.tenantId}:${user.oid}`,
    displayName: user.displayName,
    login: user.userPrincipalName,
    tenantName: ectx.directory.tenant(user.tenantId)?.displayName ?? user.tenantId,
    signedIn,
  };
}

function renderSignIn(
  ectx: EmulatorContext,
  http: RequestContext,
  interaction: Interaction,
  client: Application,
  segment: TenantSegment,
  signedIn: TenantUser[],
): void {
  const request = interaction.request;
  const domainHint = request.kind === "authorize" ? request.domainHint : undefined;
  const choices = signedIn.map((u) => accountChoice(ectx, u, true));
  for (const user of candidateAccounts(ectx, segment, domainHint)) {
    if (!choices.some((c) => c.key === `${user.tenantId}:${user.oid}`)) choices.push(accountChoice(ectx, user, false));
  }
  const selectAccount = request.kind === "authorize" && request.prompt === "select_account";
  sendHtml(
    http,
    200,
    signInPage({
      interactionId: interaction.id,
      appName: client.displayName,
      heading: selectAccount ? "Pick an account" : "Sign in",
      accounts: choices,
      loginHint: request.kind === "authorize" ? request.loginHint : undefined,
      error: interaction.signInError,
      askPassword: false,
    }),
  );
}

function permissionLines(scopes: ScopesOfResource[]) {
  return scopes.flatMap(({ resource, values }) =>
    values.map((value) => {
      const permission = resource.scopes.find((s) => s.value === value);
      return {
        resourceName: resource.displayName,
        value,
        displayName: permission?.userConsentDisplayName ?? permission?.adminConsentDisplayName ?? value,
      };
    }),
  );
}

/**
 * Moves an authorization or admin-consent request forward as far as it can go without the
 * user: pick the account (session or page), map it to the tenant, ask for consent if needed,
 * then answer the client. Called again after every form the user submits.
 */
export function advance(ectx: EmulatorContext, http: RequestContext, interaction: Interaction) {
  const { directory } = ectx;
  const request = interaction.request;
  let segment: TenantSegment;
  let client: Application | undefined;
  try {
    segment = resolveTenantSegment(directory, request.tenantSegment);
    client = directory.application(request.clientId);
    if (!client) throw new AadError(700016, { appId: request.clientId, tenant: request.tenantSegment });
  } catch (err) {
    if (err instanceof AadError) return sendErrorPage(ectx, http, err);
    throw err;
  }

  let parsed: ParsedScopes;
  try {
    parsed = parseScopes(directory, client, request.scope, tenantNameOf(segment));
  } catch (err) {
    if (err instanceof AadError) return failToClient(ectx, http, interaction, err);
    throw err;
  }

  const prompt = request.kind === "authorize" ? request.prompt : undefined;
  if (!interaction.account) {
    const session = sessionOf(ectx, http);
    const eligible = (session?.accounts ?? []).filter((a) => fitsSegment(ectx, segment, a.ref));
    const hint = request.kind === "authorize" ? request.loginHint : undefined;
    const hinted = hint ? eligible.filter((a) => matchesLogin(directory.user(a.ref), hint)) : eligible;
    const signedInUsers = eligible.map((a) => directory.user(a.ref)).filter((u): u is TenantUser => u !== undefined);
    if (prompt === "none") {
      if (hinted.length === 0) return failToClient(ectx, http, interaction, new AadError(50058));
      if (hinted.length > 1) return failToClient(ectx, http, interaction, new AadError(16000));
      interaction.account = hinted[0];
    } else if (
      !interaction.forcePicker &&
      prompt !== "login" &&
      prompt !== "select_account" &&
      hinted.length === 1 &&
      (hint !== undefined || eligible.length === 1)
    ) {
      interaction.account = hinted[0];
    } else {
      return renderSignIn(ectx, http, interaction, client, segment, signedInUsers);
    }
  }

  const home = interaction.account ? directory.user(interaction.account.ref) : undefined;
  if (!interaction.account || !home) {
    interaction.account = undefined;
    return renderSignIn(ectx, http, interaction, client, segment, []);
  }
  let signedIn: SignedInUser;
  try {
    signedIn = resolveSignIn(ectx, segment, client, home);
  } catch (err) {
    if (!(err instanceof AadError)) throw err;
    if (prompt === "none") return failToClient(ectx, http, interaction, err);
    interaction.account = undefined;
    interaction.signInError = err.message;
    return renderSignIn(ectx, http, interaction, client, segment, []);
  }
  const { tenant, user } = signedIn;

  const sp = directory.servicePrincipal(tenant.id, client.appId);
  if (sp?.appRoleAssignmentRequired && directory.assignedRoles(tenant.id, user.oid, client.appId).length === 0) {
    const err = new AadError(50105, { appName: client.displayName, appId: client.appId, user: home.userPrincipalName });
    ectx.interactions.delete(interaction.id);
    return sendErrorPage(ectx, http, err);
  }

  if (request.kind === "adminconsent") {
    if (!user.isAdmin) {
      return sendHtml(
        http,
        200,
        adminApprovalPage({
          interactionId: interaction.id,
          appName: client.displayName,
          userLogin: home.userPrincipalName,
          details: new AadError(90094).message,
        }),
      );
    }
    if (!interaction.consentShown) {
      const permissions = permissionLines(adminConsentScopes(ectx, client, parsed));
      return sendHtml(
        http,
        200,
        consentPage({
          interactionId: interaction.id,
          appName: client.displayName,
          publisher: client.publisher,
          userName: user.displayName,
          userLogin: home.userPrincipalName,
          permissions,
          canConsentForOrganization: true,
          organizationOnly: true,
        }),
      );
    }
    ectx.interactions.delete(interaction.id);
    const params: [string, string][] = [
      ["admin_consent", "True"],
      ["tenant", tenant.id],
      ["scope", request.scope],
    ];
    if (request.state !== undefined) params.push(["state", request.state]);
    return respondToClient(http, "query", request.redirectUri, params);
  }

  let evaluation: ReturnType<typeof evaluateConsent>;
  try {
    evaluation = evaluateConsent(directory, tenant, client, user, parsed);
  } catch (err) {
    if (err instanceof AadError) return failToClient(ectx, http, interaction, err);
    throw err;
  }
  const wantsConsentPage = evaluation.missing.length > 0 || prompt === "consent";
  if (wantsConsentPage && !interaction.consentShown) {
    if (prompt === "none") {
      return failToClient(
        ectx,
        http,
        interaction,
        new AadError(65001, { appId: client.appId, appName: client.displayName }, { error: "consent_required" }),
      );
    }
    if (evaluation.adminRequired && !user.isAdmin) {
      return sendHtml(
        http,
        200,
        adminApprovalPage({
          interactionId: interaction.id,
          appName: client.displayName,
          userLogin: home.userPrincipalName,
          details: new AadError(90094).message,
        }),
      );
    }
    return sendHtml(
      http,
      200,
      consentPage({
        interactionId: interaction.id,
        appName: client.displayName,
        publisher: client.publisher,
        userName: user.displayName,
        userLogin: home.userPrincipalName,
        permissions: permissionLines(prompt === "consent" ? evaluation.requested : evaluation.missing),
        canConsentForOrganization: user.isAdmin && tenant.kind === "organization",
        organizationOnly: false,
      }),
    );
  }

  // Everything is in place: issue the code.
  ectx.interactions.delete(interaction.id);
  const session = ensureSession(ectx, http);
  const code = ectx.codes.issue({
    clientId: client.appId,
    redirectUri: request.redirectUri,
    scope: request.scope,
    nonce: request.nonce,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
    tenantId: tenant.id,
    userOid: user.oid,
    sid: interaction.account.sid,
    authTime: interaction.account.authTime,
    expiresAtMs: ectx.clock.nowMs() + ectx.lifetimes.authorizationCodeSeconds * 1000,
    redeemed: false,
  });
  // Entra's order: code, client_info, state, session_state — and no `iss` (§0.2).
  const params: [string, string][] = [["code", code]];
  if (request.clientInfo) params.push(["client_info", clientInfo(user)]);
  if (request.state !== undefined) params.push(["state", request.state]);
  params.push(["session_state", session.sessionState]);
  respondToClient(http, request.responseMode, request.redirectUri, params);
}

/** What the admin consent endpoint grants: `/.default` means every static permission. */
function adminConsentScopes(ectx: EmulatorContext, client: Application, parsed: ParsedScopes): ScopesOfResource[] {
  if (parsed.resources.some((r) => r.isDefault)) {
    return client.requiredResourceAccess
      .map((r) => ({ resource: ectx.directory.application(r.resourceAppId), values: [...r.scopes, ...r.roles] }))
      .filter((s): s is ScopesOfResource => s.resource !== undefined && s.values.length > 0);
  }
  return requestedPermissions(ectx.directory, parsed);
}

/** POST /interaction/{id}/{action}: the forms of the sign-in, consent and approval pages. */
export async function handleInteractionAction(ectx: EmulatorContext, http: RequestContext): Promise<void> {
  const interaction = ectx.interactions.get(http.params.id ?? "");
  if (!interaction) {
    return sendErrorPage(
      ectx,
      http,
      "This sign-in request has expired or was already completed. Go back to the application and sign in again.",
    );
  }
  const form = await http.readForm();
  const action = http.params.action;
  const { directory } = ectx;
  const request = interaction.request;

  switch (action) {
    case "account": {
      const picked = form.get("account");
      const typed = form.get("login");
      let home: TenantUser | undefined;
      if (picked) {
        const [tenantId, oid] = picked.split(":");
        home = tenantId && oid ? directory.user({ tenantId, oid }) : undefined;
        if (home?.userType !== "Member") home = undefined;
      } else if (typed) {
        home = directory.findHomeUser(typed);
      }
      if (!home) {
        interaction.signInError =
          "This username may be incorrect. Make sure you typed it correctly. Otherwise, pick an account from the list.";
        interaction.account = undefined;
        interaction.forcePicker = true;
        return advance(ectx, http, interaction);
      }
      const session = ensureSession(ectx, http);
      interaction.account = ectx.sessions.signIn(session, home.home);
      interaction.accountChosenHere = true;
      interaction.forcePicker = false;
      interaction.signInError = undefined;
      return advance(ectx, http, interaction);
    }
    case "consent": {
      if (form.get("decision") !== "accept") return cancel(ectx, http, interaction);
      const segment = resolveTenantSegment(directory, request.tenantSegment);
      const client = directory.application(request.clientId);
      const home = interaction.account ? directory.user(interaction.account.ref) : undefined;
      if (!client || !home) return advance(ectx, http, interaction);
      const { tenant, user } = resolveSignIn(ectx, segment, client, home);
      const parsed = parseScopes(directory, client, request.scope, tenant.displayName);
      if (request.kind === "adminconsent") {
        if (!user.isAdmin) return advance(ectx, http, interaction);
        if (parsed.resources.some((r) => r.isDefault)) directory.adminConsentStaticPermissions(tenant.id, client.appId);
        else recordConsent(directory, tenant, client, user, requestedPermissions(directory, parsed), true);
      } else {
        const evaluation = evaluateConsent(directory, tenant, client, user, parsed);
        if (evaluation.adminRequired && !user.isAdmin) return advance(ectx, http, interaction);
        const forOrganization = user.isAdmin && form.get("for_organization") === "on";
        recordConsent(directory, tenant, client, user, evaluation.requested, forOrganization);
      }
      interaction.consentShown = true;
      return advance(ectx, http, interaction);
    }
    case "cancel":
      return cancel(ectx, http, interaction);
    case "switch":
      interaction.account = undefined;
      interaction.forcePicker = true;
      interaction.consentShown = false;
      return advance(ectx, http, interaction);
    case "return":
      return failToClient(ectx, http, interaction, new AadError(90094), tenantOfInteraction(ectx, interaction));
    default:
      return sendErrorPage(ectx, http, new AadError(9002313));
  }
}

function tenantOfInteraction(ectx: EmulatorContext, interaction: Interaction): string | undefined {
  const home = interaction.account ? ectx.directory.user(interaction.account.ref) : undefined;
  const client = ectx.directory.application(interaction.request.clientId);
  if (!home || !client) return undefined;
  try {
    return resolveSignIn(ectx, resolveTenantSegment(ectx.directory, interaction.request.tenantSegment), client, home)
      .tenant.id;
  } catch {
    return undefined;
  }
}

function cancel(ectx: EmulatorContext, http: RequestContext, interaction: Interaction) {
  if (interaction.request.kind === "adminconsent") {
    const err = new AadError(
      65004,
      {},
      { error: "consent_required", message: "The resource owner or authorization server denied the request." },
    );
    return failToClient(ectx, http, interaction, err, tenantOfInteraction(ectx, interaction));
  }
  failToClient(ectx, http, interaction, new AadError(65004, {}, { suberror: "cancel" }));
}
