/**
 * msal-node against the emulator, configured as the app configures it for any Entra instance:
 * authority = instance + tenant, knownAuthorities = [instance host]. Nothing else.
 */
import { type AuthenticationResult, ConfidentialClientApplication, CryptoProvider } from "@azure/msal-node";
import { Browser } from "../support/browser";
import { attempt, decodeClaims, finish, forceError, scenarioInput } from "./scenario";

const input = scenarioInput();
const knownAuthorities = [input.hostPort];
const webApp = (tenant: string) =>
  new ConfidentialClientApplication({
    auth: {
      clientId: input.web.clientId,
      clientSecret: input.web.clientSecret,
      authority: `${input.instance}/${tenant}`,
      knownAuthorities,
    },
  });

function summary(result: AuthenticationResult | null) {
  if (!result) return null;
  return {
    fromCache: result.fromCache,
    scopes: result.scopes,
    tenantId: result.tenantId,
    uniqueId: result.uniqueId,
    tokenType: result.tokenType,
    expiresOn: result.expiresOn?.toISOString() ?? null,
    account: result.account
      ? {
          homeAccountId: result.account.homeAccountId,
          environment: result.account.environment,
          tenantId: result.account.tenantId,
          username: result.account.username,
          localAccountId: result.account.localAccountId,
        }
      : null,
    idTokenClaims: result.idTokenClaims,
    accessTokenClaims: result.accessToken ? decodeClaims(result.accessToken) : null,
  };
}

const cca = webApp("common");
const crypto = new CryptoProvider();
const pkce = await crypto.generatePkceCodes();
const state = crypto.createNewGuid();
const nonce = crypto.createNewGuid();

const authCodeUrl = await cca.getAuthCodeUrl({
  scopes: [input.api.scope],
  redirectUri: input.web.redirectUri,
  state,
  nonce,
  codeChallenge: pkce.challenge,
  codeChallengeMethod: "S256",
});
const authorizeQuery = [...new URL(authCodeUrl).searchParams.keys()];

// The "browser": plain HTTPS through the sign-in page.
const flow = await new Browser(input.instance).run(authCodeUrl, { account: input.account });
if (flow.kind !== "redirect") throw new Error(`sign-in stopped on the ${flow.page} page`);
const code = flow.params.get("code") ?? "";

const byCode = await cca.acquireTokenByCode(
  // msal 7 checks the ID token nonce against the request's nonce (not the payload's).
  { code, scopes: [input.api.scope], redirectUri: input.web.redirectUri, codeVerifier: pkce.verifier, state, nonce },
  { code, state: flow.params.get("state") ?? "", client_info: flow.params.get("client_info") ?? undefined },
);
const account = byCode.account;
if (!account) throw new Error("no account from acquireTokenByCode");

const silentCached = await cca.acquireTokenSilent({ account, scopes: [input.api.scope] });
const silentRefreshed = await cca.acquireTokenSilent({ account, scopes: [input.api.scope], forceRefresh: true });
const silentGraph = await attempt(() => cca.acquireTokenSilent({ account, scopes: ["User.Read"] }));

// The architecture's hand-over: a refresh token obtained elsewhere, given to msal with forceCache.
const cache = JSON.parse(cca.getTokenCache().serialize()) as { RefreshToken: Record<string, { secret: string }> };
const refreshToken = Object.values(cache.RefreshToken)[0]?.secret ?? "";
const tenantApp = webApp(input.tenantId);
const byRefresh = await tenantApp.acquireTokenByRefreshToken({
  refreshToken,
  scopes: [input.api.scope],
  forceCache: true,
});
const tenantAccounts = await tenantApp.getTokenCache().getAllAccounts();
const silentAfterHandOver = tenantAccounts[0]
  ? await tenantApp.acquireTokenSilent({ account: tenantAccounts[0], scopes: [input.api.scope] })
  : null;

// The Survey API, on behalf of the user, to Graph (tenant authority, not /common).
const apiApp = new ConfidentialClientApplication({
  auth: {
    clientId: input.api.clientId,
    clientSecret: input.api.clientSecret,
    authority: `${input.instance}/${input.tenantId}`,
    knownAuthorities,
  },
});
const obo = await apiApp.acquireTokenOnBehalfOf({
  oboAssertion: byCode.accessToken,
  scopes: ["https://graph.microsoft.com/User.ReadBasic.All", "https://graph.microsoft.com/Mail.Send"],
});
const oboCached = await apiApp.acquireTokenOnBehalfOf({
  oboAssertion: byCode.accessToken,
  scopes: ["https://graph.microsoft.com/User.ReadBasic.All", "https://graph.microsoft.com/Mail.Send"],
});

// App-only.
const daemon = new ConfidentialClientApplication({
  auth: {
    clientId: input.automation.clientId,
    clientSecret: input.automation.clientSecret,
    authority: `${input.instance}/${input.tenantId}`,
    knownAuthorities,
  },
});
const appOnly = await daemon.acquireTokenByClientCredential({ scopes: [`${input.api.appIdUri}/.default`] });
const appOnlyCommon = await attempt(() =>
  new ConfidentialClientApplication({
    auth: {
      clientId: input.automation.clientId,
      clientSecret: input.automation.clientSecret,
      authority: `${input.instance}/common`,
      knownAuthorities,
    },
  }).acquireTokenByClientCredential({ scopes: [`${input.api.appIdUri}/.default`] }),
);
const appOnlyOtherTenant = await attempt(() =>
  new ConfidentialClientApplication({
    auth: {
      clientId: input.automation.clientId,
      clientSecret: input.automation.clientSecret,
      authority: `${input.instance}/${input.otherTenantId}`,
      knownAuthorities,
    },
  }).acquireTokenByClientCredential({ scopes: [`${input.api.appIdUri}/.default`] }),
);

// Failures msal must understand: MFA claims challenge, consent missing for OBO, bad secret.
await forceError(input.testHooks, { endpoint: "token", grantType: "refresh_token", code: 50076 });
const mfa = await attempt(() => cca.acquireTokenSilent({ account, scopes: [input.api.scope], forceRefresh: true }));
const badSecret = await attempt(() =>
  new ConfidentialClientApplication({
    auth: {
      clientId: input.web.clientId,
      clientSecret: "wrong",
      authority: `${input.instance}/${input.tenantId}`,
      knownAuthorities,
    },
  }).acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] }),
);
const oboNotConsented = await attempt(() =>
  apiApp.acquireTokenOnBehalfOf({
    oboAssertion: byCode.accessToken,
    scopes: ["https://graph.microsoft.com/Directory.Read.All"],
  }),
);
finish({
  authorizeQuery,
  authResponse: [...flow.params.keys()],
  byCode: summary(byCode),
  silentCached: summary(silentCached),
  silentRefreshed: summary(silentRefreshed),
  silentGraph: "ok" in silentGraph ? summary(silentGraph.ok) : silentGraph,
  byRefresh: summary(byRefresh),
  silentAfterHandOver: summary(silentAfterHandOver),
  obo: summary(obo),
  oboCached: summary(oboCached),
  appOnly: summary(appOnly),
  appOnlyCommon,
  appOnlyOtherTenant,
  mfa,
  badSecret,
  oboNotConsented,
});
