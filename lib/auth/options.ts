// next-auth's configuration: the Azure AD provider on the `common` endpoint of the configured
// instance, authorization code flow with PKCE, state and nonce, and our own token validation.
// Only lib/auth imports this; pages use lib/auth/session.ts.
import "server-only";
import { cookies } from "next/headers";
import type { NextAuthOptions } from "next-auth";
import AzureADProvider from "next-auth/providers/azure-ad";
import { requireIdentity } from "@/lib/env";
import { logger } from "@/lib/log";
import { storeSignInTokens } from "@/lib/tokens";
import { upsertUser } from "@/lib/users/mutations";
import { appRolesFrom } from "./actor";
import { cookieNames, isSecureOrigin, nextAuthCookies } from "./cookies";
import { admitTenant, TenantRefusedError, TokenRejectedError, verifyEntraToken } from "./issuer-validation";
import { sessionPolicy } from "./policy";
import { refusalPath } from "./refusals";
import { createUserSession } from "./sessions";
import { completeSignUp, graphTokenForSignUp, pendingSignUp } from "./sign-up";

/** The claims we keep from a verified ID token; next-auth hands them to the callbacks as `profile`. */
export interface EntraProfile {
  tid: string;
  oid: string;
  name?: string;
  preferred_username?: string;
  email?: string;
  roles?: string[];
  [claim: string]: unknown;
}

export const PROVIDER_ID = "azure-ad";

/** The scopes of sign-in: OIDC, a refresh token, and the Survey API (its access token comes first). */
export function signInScopes(): string {
  return `openid profile email offline_access ${requireIdentity().api.scope}`;
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= buildOptions();
  return cached;
}

function buildOptions(): NextAuthOptions {
  const identity = requireIdentity();
  const secure = isSecureOrigin(identity.appUrl);
  const policy = sessionPolicy();
  const log = logger().child({ component: "next-auth" });

  return {
    secret: identity.secret,
    session: { strategy: "jwt", maxAge: policy.persistentDays * 86_400 },
    cookies: nextAuthCookies(secure),
    useSecureCookies: secure,
    pages: { signIn: "/signin", error: "/auth/error" },
    providers: [
      AzureADProvider({
        clientId: identity.web.clientId,
        clientSecret: identity.web.clientSecret,
        // The configured instance, not next-auth's hard-coded login.microsoftonline.com.
        wellKnown: `${identity.instance}/common/v2.0/.well-known/openid-configuration?appid=${identity.web.clientId}`,
        authorization: { params: { scope: signInScopes() } },
        checks: ["pkce", "state", "nonce"],
        idToken: true,
        token: {
          // Redeems the code once, then validates the ID token ourselves (openid-client would
          // compare `iss` to the `{tenantid}` template and refuse every real token off Microsoft's
          // host). State, PKCE and nonce come from next-auth's cookies in `checks`.
          async request({ provider, params, checks, client }) {
            if (typeof params.code !== "string" || params.code === "") throw new TokenRejectedError("malformed");
            if (!checks.state || params.state !== checks.state) throw new TokenRejectedError("claims");
            if (params.iss !== undefined) throw new TokenRejectedError("issuer");
            const tokens = await client.grant({
              grant_type: "authorization_code",
              code: params.code,
              redirect_uri: provider.callbackUrl,
              code_verifier: checks.code_verifier,
            });
            if (!tokens.id_token) throw new TokenRejectedError("malformed");
            const verified = await verifyEntraToken(tokens.id_token, {
              audience: identity.web.clientId,
              // next-auth sent a nonce (checks: "nonce"), so the token must carry exactly it.
              nonce: "nonce" in checks && typeof checks.nonce === "string" ? checks.nonce : null,
            });
            // Sign-up needs the organization's name from Graph before the tenant exists.
            const signUp = await pendingSignUp();
            if (signUp && tokens.refresh_token) {
              const graphToken = await graphTokenForSignUp(client, tokens.refresh_token);
              Object.assign(tokens, { graph_access_token: graphToken });
            }
            log.info({ tid: verified.tenantId, ver: verified.version }, "authorization code redeemed");
            return { tokens };
          },
        },
        // Never calls Graph (the stock profile() fetches a photo from graph.microsoft.com).
        profile(profile) {
          const claims = profile as unknown as EntraProfile;
          return {
            id: `${claims.oid}.${claims.tid}`,
            name: claims.name ?? claims.preferred_username ?? "Unnamed user",
            email: (claims.email ?? claims.preferred_username ?? null)?.toLowerCase() ?? null,
          };
        },
      }),
    ],
    callbacks: {
      async signIn({ account, profile }) {
        const claims = profile as EntraProfile | undefined;
        if (!claims || !account) return refusalPath("verification_failed");
        try {
          const signUp = await pendingSignUp();
          if (signUp) {
            const outcome = await completeSignUp(signUp, claims, account);
            if (outcome !== "registered") return refusalPath(outcome);
          }
          await admitTenant(claims.tid.toLowerCase());
          return true;
        } catch (error) {
          if (error instanceof TenantRefusedError) return refusalPath(error.reason);
          throw error;
        }
      },
      async jwt({ token, account, profile }) {
        if (!account || !profile) return token;
        // Sign-in: the signIn callback admitted the tenant. Record the person and the session,
        // and hand the refresh token to msal-node; the cookie never carries it.
        const claims = profile as EntraProfile;
        const tenantId = claims.tid.toLowerCase();
        const roles = appRolesFrom(claims.roles);
        const user = await upsertUser(tenantId, {
          oid: claims.oid.toLowerCase(),
          name: claims.name ?? claims.preferred_username ?? "Unnamed user",
          email: (claims.email ?? claims.preferred_username ?? null)?.toLowerCase() ?? null,
          roles,
        });
        const jar = await cookies();
        const persistent = jar.get(cookieNames(secure).keepSignedIn)?.value === "1";
        const session = await createUserSession({ tenantId, userId: user.id, persistent }, policy);
        const stored = account.refresh_token
          ? await storeSignInTokens({
              refreshToken: account.refresh_token,
              tenantId,
              homeAccountId: `${user.oid}.${tenantId}`,
              scopes: [identity.api.scope],
            })
          : null;
        log.info({ tid: tenantId, persistent, tokens: Boolean(stored) }, "signed in");
        // Small on purpose: one cookie, no chunks, nothing secret beyond identifiers.
        return {
          sid: session.id,
          tid: tenantId,
          oid: user.oid,
          uid: user.id,
          hid: stored?.homeAccountId ?? `${user.oid}.${tenantId}`,
          name: user.name,
          email: user.email,
          roles,
          persistent,
        };
      },
      session({ session, token }) {
        return {
          expires: session.expires,
          sid: token.sid,
          tid: token.tid,
          oid: token.oid,
          uid: token.uid,
          hid: token.hid,
          roles: token.roles,
          persistent: token.persistent,
          user: { name: token.name, email: token.email },
        };
      },
      // Only our own pages: next-auth's default already refuses other origins; this also keeps
      // the API and next-auth's own pages out of callbackUrl.
      redirect({ url, baseUrl }) {
        const target = new URL(url, baseUrl);
        if (target.origin !== baseUrl || target.pathname.startsWith("/api/")) return baseUrl;
        return target.toString();
      },
    },
    logger: {
      error: (code, metadata) => log.warn({ code, metadata }, "next-auth error"),
      warn: (code) => log.warn({ code }, "next-auth warning"),
      debug: () => {},
    },
  };
}
