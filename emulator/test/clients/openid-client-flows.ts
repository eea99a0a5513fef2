/**
 * openid-client 5 driven exactly as next-auth 4's OAuth handler drives it (core/lib/oauth/
 * client.js + callback.js): Issuer.discover(wellKnown with ?appid=), a client with
 * client_secret_basic, clock tolerance 10 s, callback(callbackUrl, params, checks). The only
 * emulator-specific value is the instance URL in wellKnown.
 */
import { custom, generators, Issuer, type TokenSet } from "openid-client";
import { Browser } from "../support/browser";
import { attempt, decodeClaims, finish, scenarioInput } from "./scenario";

const input = scenarioInput();
const callbackUrl = input.web.redirectUri;

async function nextAuthClient(tenant: string) {
  const issuer = await Issuer.discover(
    `${input.instance}/${tenant}/v2.0/.well-known/openid-configuration?appid=${input.web.clientId}`,
  );
  const client = new issuer.Client({
    client_id: input.web.clientId,
    client_secret: input.web.clientSecret,
    redirect_uris: [callbackUrl],
  });
  client[custom.clock_tolerance] = 10;
  return { issuer, client };
}

function tokens(set: TokenSet) {
  return {
    members: Object.keys(set),
    claims: set.claims(),
    accessToken: set.access_token ? decodeClaims(set.access_token) : null,
    hasRefreshToken: typeof set.refresh_token === "string",
    expiresIn: set.expires_in,
    scope: set.scope,
  };
}

// next-auth's defaults for the Azure AD provider: scope "openid profile email", checks ["state"].
const { issuer, client } = await nextAuthClient(input.tenantId);
const state = generators.state();
const plainUrl = client.authorizationUrl({ scope: "openid profile email offline_access", state });
const plain = await new Browser(input.instance).run(plainUrl, { account: input.account });
if (plain.kind !== "redirect") throw new Error(`sign-in stopped on the ${plain.page} page`);
const plainSet = await client.callback(callbackUrl, client.callbackParams(plain.url.toString()), { state });
const refreshed = await client.refresh(plainSet.refresh_token ?? "");

// With PKCE, a nonce and form_post — what an app hardening next-auth's `checks` gets.
const verifier = generators.codeVerifier();
const nonce = generators.nonce();
const strictState = generators.state();
const strictUrl = client.authorizationUrl({
  scope: "openid profile email",
  state: strictState,
  nonce,
  code_challenge: generators.codeChallenge(verifier),
  code_challenge_method: "S256",
  response_mode: "form_post",
});
const strict = await new Browser(input.instance).run(strictUrl, { account: input.account });
if (strict.kind !== "redirect") throw new Error(`sign-in stopped on the ${strict.page} page`);
const strictSet = await client.callback(callbackUrl, Object.fromEntries(strict.params), {
  state: strictState,
  nonce,
  code_verifier: verifier,
  response_type: "code",
});

// A replayed callback (browser back button): the code is already redeemed.
const replay = await attempt(() =>
  client.callback(callbackUrl, client.callbackParams(plain.url.toString()), { state }),
);

// The /common document has the {tenantid} issuer template: openid-client only substitutes it
// for login.microsoftonline.com URLs, so on any other instance the app must validate iss itself.
const common = await nextAuthClient("common");
const commonState = generators.state();
const commonFlow = await new Browser(input.instance).run(
  common.client.authorizationUrl({ scope: "openid profile email", state: commonState }),
  { account: input.account },
);
const commonCallback =
  commonFlow.kind === "redirect"
    ? await attempt(() =>
        common.client.callback(callbackUrl, client.callbackParams(commonFlow.url.toString()), { state: commonState }),
      )
    : { error: { name: "flow", message: commonFlow.page } };

finish({
  issuer: issuer.metadata.issuer,
  plainParams: [...plain.params.keys()],
  plain: tokens(plainSet),
  refreshed: tokens(refreshed),
  strict: tokens(strictSet),
  replay,
  commonIssuer: common.issuer.metadata.issuer,
  commonCallback,
});
